"""The AWS wire-format members a console form edits, so that AWS's input validation (the
``Console.input_check`` hook) sees them exactly as it sees an API request's.
https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_PasswordPolicyType.html
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cognigate.identity.model import ClientConfig
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


def client(config: ClientConfig) -> dict[str, Any]:
    """The members of Create/UpdateUserPoolClient that the console's app client form sets."""
    members: dict[str, Any] = {
        "ExplicitAuthFlows": list(config.explicit_auth_flows or ()),
        "SupportedIdentityProviders": list(config.supported_identity_providers or ()),
        "AllowedOAuthFlowsUserPoolClient": config.allowed_oauth_flows_user_pool_client,
    }
    optional = {
        "CallbackURLs": config.callback_urls,
        "LogoutURLs": config.logout_urls,
        "AllowedOAuthFlows": config.allowed_oauth_flows,
        "AllowedOAuthScopes": config.allowed_oauth_scopes,
        "RefreshTokenValidity": config.refresh_token_validity,
        "AccessTokenValidity": config.access_token_validity,
        "IdTokenValidity": config.id_token_validity,
        "TokenValidityUnits": config.token_validity_units,
    }
    members.update({k: plain(v) for k, v in optional.items() if v is not None})
    return members
