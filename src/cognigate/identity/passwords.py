"""User-pool password policy: checking passwords and generating temporary ones.

https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-policies.html
"""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass

from cognigate.identity.errors import InvalidPasswordException

__all__ = [
    "MAX_PASSWORD_LENGTH",
    "SYMBOLS",
    "PasswordPolicy",
    "check_password_policy",
    "generate_temporary_password",
]

#: Characters Cognito counts as symbols (the space counts too).
SYMBOLS = frozenset("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ")
MAX_PASSWORD_LENGTH = 256
_UPPER = frozenset(string.ascii_uppercase)
_LOWER = frozenset(string.ascii_lowercase)
_DIGITS = frozenset(string.digits)
_PREFIX = "Password did not conform with policy: "
_TEMPORARY_MIN_LENGTH = 12


@dataclass(frozen=True, slots=True)
class PasswordPolicy:
    """A pool's ``Policies.PasswordPolicy``; defaults are Cognito's."""

    minimum_length: int = 8
    require_uppercase: bool = True
    require_lowercase: bool = True
    require_numbers: bool = True
    require_symbols: bool = True
    temporary_password_validity_days: int = 7
    password_history_size: int | None = None


def _first_violation(policy: PasswordPolicy, password: str) -> str | None:
    if len(password) < policy.minimum_length:
        return "Password not long enough"
    if len(password) > MAX_PASSWORD_LENGTH:
        # Deviation: the wire layer already rejects > 256 characters; this guards other callers.
        return "Password too long"
    chars = set(password)
    rules = (
        (policy.require_uppercase, _UPPER, "uppercase"),
        (policy.require_lowercase, _LOWER, "lowercase"),
        (policy.require_numbers, _DIGITS, "numeric"),
        (policy.require_symbols, SYMBOLS, "symbol"),
    )
    for required, allowed, name in rules:
        if required and chars.isdisjoint(allowed):
            return f"Password must have {name} characters"
    return None


def check_password_policy(policy: PasswordPolicy, password: str) -> None:
    """Check ``password`` against ``policy``; only the first failing rule is reported.

    :raises InvalidPasswordException: with AWS's message, e.g.
        "Password did not conform with policy: Password not long enough".
    """
    violation = _first_violation(policy, password)
    if violation is not None:
        raise InvalidPasswordException(_PREFIX + violation)


def generate_temporary_password(policy: PasswordPolicy) -> str:
    """A random password that satisfies ``policy`` (one of each character class, then shuffled)."""
    length = min(max(policy.minimum_length, _TEMPORARY_MIN_LENGTH), MAX_PASSWORD_LENGTH)
    # The space is a valid symbol, but a temporary password is copied by hand: leave it out.
    symbols = "".join(sorted(SYMBOLS - {" "}))
    classes = (string.ascii_uppercase, string.ascii_lowercase, string.digits, symbols)
    chars = [secrets.choice(pool) for pool in classes]
    alphabet = "".join(classes)
    chars += [secrets.choice(alphabet) for _ in range(length - len(chars))]
    # Fisher-Yates with a CSPRNG, so the mandatory characters are not always first.
    for i in range(len(chars) - 1, 0, -1):
        j = secrets.randbelow(i + 1)
        chars[i], chars[j] = chars[j], chars[i]
    return "".join(chars)
