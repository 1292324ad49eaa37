"""The AWS wire-format members a console form edits, so that AWS's input validation (the
``Console.input_check`` hook) sees them exactly as it sees an API request's.
https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_PasswordPolicyType.html
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cognigate.identity.passwords import PasswordPolicy


def plain(value: object) -> Any:
    """``value`` as JSON would carry it: mappings as dicts, tuples and lists as lists."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def password_policy(policy: PasswordPolicy) -> dict[str, Any]:
    """``Policies.PasswordPolicy`` of ``policy``."""
    wire: dict[str, Any] = {
        "MinimumLength": policy.minimum_length,
        "RequireUppercase": policy.require_uppercase,
        "RequireLowercase": policy.require_lowercase,
        "RequireNumbers": policy.require_numbers,
        "RequireSymbols": policy.require_symbols,
        "TemporaryPasswordValidityDays": policy.temporary_password_validity_days,
    }
    if policy.password_history_size is not None:
        wire["PasswordHistorySize"] = policy.password_history_size
    return wire
