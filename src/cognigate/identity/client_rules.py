"""Validation of app-client settings, as Cognito applies it on create and update.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from cognigate.identity.errors import (
    InvalidOAuthFlowException,
    InvalidParameterException,
    ScopeDoesNotExistException,
)
from cognigate.identity.model import ClientConfig, UserPool

STANDARD_SCOPES = frozenset(
    {"openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"}
)
_LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})
_SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
_TOKEN_DEFAULT_UNITS = {"AccessToken": "hours", "IdToken": "hours", "RefreshToken": "days"}
_TOKEN_LIMITS = {  # seconds: (min, max)
    "AccessToken": (300, 86400),
    "IdToken": (300, 86400),
    "RefreshToken": (3600, 3650 * 86400),
}
_NON_WRITABLE = frozenset({"sub", "email_verified", "phone_number_verified", "identities"})


def check_url(url: str) -> None:
    """A callback or logout URL: absolute, no fragment, https except loopback hosts."""
    parts = urlsplit(url)
    if not parts.scheme or (parts.scheme in ("http", "https") and not parts.netloc):
        raise InvalidParameterException(f"{url} is not a valid URL.")
    if parts.fragment or "#" in url:
        raise InvalidParameterException(f"{url} cannot contain a fragment.")
    if parts.scheme == "http" and (parts.hostname or "") not in _LOOPBACK_HOSTS:
        raise InvalidParameterException(f"{url} cannot use the HTTP protocol.")


def validity_seconds(kind: str, value: int | None, units: dict[str, str] | None) -> int | None:
    """A configured token validity in seconds (``None`` when not configured)."""
    if value is None:
        return None
    unit = (units or {}).get(kind) or _TOKEN_DEFAULT_UNITS[kind]
    return value * _SECONDS[unit]


def _check_validity(config: ClientConfig) -> None:
    units = dict(config.token_validity_units or {})
    given = {
        "AccessToken": config.access_token_validity,
        "IdToken": config.id_token_validity,
        "RefreshToken": config.refresh_token_validity or None,
    }
    for kind, value in given.items():
        seconds = validity_seconds(kind, value, units)
        low, high = _TOKEN_LIMITS[kind]
        if seconds is not None and not low <= seconds <= high:
            name = {"AccessToken": "access", "IdToken": "ID", "RefreshToken": "refresh"}[kind]
            raise InvalidParameterException(
                f"The {name} token validity is outside the allowed range "
                f"({low // 60} minutes to {high // 86400 if high >= 86400 else high // 60} "
                f"{'days' if high >= 86400 else 'minutes'})."
            )


def _check_client_credentials(config: ClientConfig, oauth: set[str], has_secret: bool) -> None:
    """client_credentials: the only flow, a client secret, and custom scopes only."""
    if len(oauth) > 1:
        raise InvalidOAuthFlowException(
            "client_credentials flow can not be selected along with code flow or implicit flow."
        )
    if not has_secret:
        raise InvalidOAuthFlowException(
            "client_credentials flow can not be selected if client does not have a client secret."
        )
    for scope in config.allowed_oauth_scopes or ():
        if scope in STANDARD_SCOPES:
            raise InvalidOAuthFlowException(
                f"{scope} is not supported with client_credentials flow"
            )


def _check_flows(config: ClientConfig, has_secret: bool) -> None:
    flows = set(config.explicit_auth_flows or ())
    legacy = {f for f in flows if not f.startswith("ALLOW_")}
    if legacy and len(legacy) != len(flows):
        raise InvalidParameterException(
            "ExplicitAuthFlows cannot mix legacy values with ALLOW_ values."
        )
    oauth = set(config.allowed_oauth_flows or ())
    if "client_credentials" in oauth:
        _check_client_credentials(config, oauth, has_secret)
    if (
        config.allowed_oauth_flows_user_pool_client
        and oauth & {"code", "implicit"}
        and not config.callback_urls
    ):
        raise InvalidOAuthFlowException(
            "CallbackUrls can not be empty when code flow or implicit flow is selected"
        )
    if config.allowed_oauth_flows_user_pool_client and (
        not oauth or not config.allowed_oauth_scopes
    ):
        raise InvalidOAuthFlowException(
            "AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is "
            "allowed to use OAuth flows."
        )


def _check_urls(config: ClientConfig) -> None:
    for url in (*(config.callback_urls or ()), *(config.logout_urls or ())):
        check_url(url)
    default = config.default_redirect_uri
    if default is not None:
        check_url(default)
        if default not in (config.callback_urls or ()):
            raise InvalidParameterException("DefaultRedirectURI should be one of the CallbackURLs.")


def _check_scopes(config: ClientConfig, custom_scopes: Iterable[str]) -> None:
    known = STANDARD_SCOPES | set(custom_scopes)
    for scope in config.allowed_oauth_scopes or ():
        if scope not in known:
            raise ScopeDoesNotExistException(f"Invalid scope requested: {scope}")


def _check_attributes(pool: UserPool, config: ClientConfig) -> None:
    names = {a.name for a in pool.config.schema}
    for attribute in config.read_attributes or ():
        if attribute not in names:
            raise InvalidParameterException(
                "Invalid read attributes specified while creating a client"
            )
    if config.write_attributes is None:
        return
    for attribute in config.write_attributes:
        # developer-only attributes are read-only to every app client
        if attribute not in names or attribute in _NON_WRITABLE or attribute.startswith("dev:"):
            raise InvalidParameterException(
                "Invalid write attributes specified while creating a client"
            )
    missing = set(pool.required_attributes) - set(config.write_attributes)
    if missing:
        raise InvalidParameterException(
            "Invalid write attributes specified while creating a client"
        )


def check_client_config(
    pool: UserPool,
    config: ClientConfig,
    *,
    has_secret: bool,
    custom_scopes: Iterable[str],
    identity_providers: Iterable[str],
) -> None:
    """Raise the AWS error a bad client configuration gets.

    :raises InvalidParameterException: URLs, flows, attributes, token validity, providers.
    :raises InvalidOAuthFlowException: OAuth flow combinations.
    :raises ScopeDoesNotExistException: an unknown custom scope.
    """
    _check_validity(config)
    _check_flows(config, has_secret)
    _check_urls(config)
    _check_scopes(config, custom_scopes)
    _check_attributes(pool, config)
    known = {"COGNITO", *identity_providers}
    for provider in config.supported_identity_providers or ():
        if provider not in known:
            raise InvalidParameterException(
                f"The provider {provider} does not exist for User Pool {pool.id}"
            )
