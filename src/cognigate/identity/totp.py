"""Software-token MFA: RFC 6238 TOTP (SHA-1, 30 s steps, 6 digits).

https://www.rfc-editor.org/rfc/rfc6238 ;
https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html
"""

from __future__ import annotations

import base64
import hmac
import secrets

import pyotp

__all__ = [
    "DIGITS",
    "STEP_SECONDS",
    "code_at",
    "matching_step",
    "new_secret",
    "provisioning_uri",
    "verify",
]

STEP_SECONDS = 30
DIGITS = 6
_SECRET_BYTES = 32


def new_secret() -> str:
    """A new base32 shared secret (52 characters, no padding, like Cognito's ``SecretCode``)."""
    return base64.b32encode(secrets.token_bytes(_SECRET_BYTES)).decode("ascii").rstrip("=")


def _totp(secret: str) -> pyotp.TOTP:
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS)


def code_at(secret: str, now: float) -> str:
    """The code an authenticator app shows at ``now``."""
    return str(_totp(secret).at(int(now)))


def matching_step(secret: str, code: str, *, now: float, window: int = 1) -> int | None:
    """The time step (``now // 30`` ± ``window``) whose code equals ``code``, else None.

    Callers remember the last accepted step to refuse a replayed code.
    """
    if len(code) != DIGITS or not code.isdigit():
        return None
    totp = _totp(secret)
    current = int(now) // STEP_SECONDS
    found: int | None = None
    for step in range(current - window, current + window + 1):
        # Compare every candidate, so timing does not reveal which step matched.
        if hmac.compare_digest(str(totp.at(step * STEP_SECONDS)), code) and found is None:
            found = step
    return found


def verify(secret: str, code: str, *, now: float, window: int = 1) -> bool:
    """Whether ``code`` is valid at ``now`` allowing ±``window`` steps of clock drift."""
    return matching_step(secret, code, now=now, window=window) is not None


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    """The ``otpauth://totp/...`` URI an authenticator app scans as a QR code."""
    return str(_totp(secret).provisioning_uri(name=account, issuer_name=issuer))
