"""Rules of an identity provider's configuration: the ProviderDetails keys each type needs, the
endpoints Cognito fills in, and AttributeMapping.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateIdentityProvider.html
https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_IdentityProviderType.html
"""

from __future__ import annotations

from collections.abc import Mapping

from cognigate.identity.errors import InvalidParameterException
from cognigate.identity.model import UserPool

OIDC = "OIDC"
SAML = "SAML"
SOCIAL_TYPES = frozenset({"Google", "Facebook", "LoginWithAmazon", "SignInWithApple"})
REQUIRED_DETAILS: Mapping[str, tuple[str, ...]] = {
    OIDC: ("client_id", "authorize_scopes", "oidc_issuer", "attributes_request_method"),
    "Google": ("client_id", "client_secret", "authorize_scopes"),
    "Facebook": ("client_id", "client_secret", "authorize_scopes"),
    "LoginWithAmazon": ("client_id", "client_secret", "authorize_scopes"),
    "SignInWithApple": ("client_id", "team_id", "key_id", "private_key", "authorize_scopes"),
}
#: ProviderDetails keys filled from the issuer's discovery document, and the document's names
DISCOVERED = {
    "authorize_url": "authorization_endpoint",
    "token_url": "token_endpoint",
    "attributes_url": "userinfo_endpoint",
    "jwks_uri": "jwks_uri",
}
#: the provider claim Cognito maps to ``username`` when AttributeMapping does not say
USERNAME_CLAIM = {
    OIDC: "sub", "Google": "sub", "SignInWithApple": "sub", "Facebook": "id",
    "LoginWithAmazon": "user_id",
}  # fmt: skip
#: ProviderDetails that DescribeIdentityProvider never returns
WRITE_ONLY_DETAILS = frozenset({"private_key"})
_FACEBOOK_VERSION = "v17.0"


def _social_endpoints(kind: str, details: Mapping[str, str]) -> dict[str, str]:
    """The endpoints AWS lists in the Describe responses of the social providers."""
    if kind == "Google":
        return {
            "attributes_url": "https://people.googleapis.com/v1/people/me?personFields=",
            "attributes_url_add_attributes": "true",
            "authorize_url": "https://accounts.google.com/o/oauth2/v2/auth",
            "oidc_issuer": "https://accounts.google.com",
            "token_request_method": "POST",
            "token_url": "https://www.googleapis.com/oauth2/v4/token",
        }
    if kind == "Facebook":
        version = details.get("api_version") or _FACEBOOK_VERSION
        return {
            "api_version": version,
            "attributes_url": f"https://graph.facebook.com/{version}/me?fields=",
            "attributes_url_add_attributes": "true",
            "authorize_url": f"https://www.facebook.com/{version}/dialog/oauth",
            "token_request_method": "GET",
            "token_url": f"https://graph.facebook.com/{version}/oauth/access_token",
        }
    if kind == "LoginWithAmazon":
        return {
            "attributes_url": "https://api.amazon.com/user/profile",
            "attributes_url_add_attributes": "false",
            "authorize_url": "https://www.amazon.com/ap/oa",
            "token_request_method": "POST",
            "token_url": "https://api.amazon.com/auth/o2/token",
        }
    return {
        "attributes_url_add_attributes": "false",
        "authorize_url": "https://appleid.apple.com/auth/authorize",
        "oidc_issuer": "https://appleid.apple.com",
        "token_request_method": "POST",
        "token_url": "https://appleid.apple.com/auth/token",
    }


def check_name(name: str, kind: str) -> None:
    """Social providers are named after their type (AWS: one of each per pool).

    :raises InvalidParameterException: "Provider <name> cannot be of type <type>."
    """
    if kind in SOCIAL_TYPES and name != kind:
        raise InvalidParameterException(f"Provider {name} cannot be of type {kind}.")


def check_details(kind: str, details: Mapping[str, str]) -> None:
    """:raises InvalidParameterException: a required ProviderDetails key is missing or bad."""
    if kind == SAML:
        if not details.get("MetadataFile") and not details.get("MetadataURL"):
            raise InvalidParameterException(
                "Either MetadataFile or MetadataURL is required for a SAML provider."
            )
        return
    for key in REQUIRED_DETAILS.get(kind, ()):
        if not details.get(key):
            raise InvalidParameterException(f"{key} is required for {kind} providers.")
    if kind == OIDC and details["attributes_request_method"] not in ("GET", "POST"):
        raise InvalidParameterException("attributes_request_method must be GET or POST.")


def with_social_defaults(kind: str, details: Mapping[str, str]) -> dict[str, str]:
    """The stored details of a social provider: what was given plus AWS's fixed endpoints."""
    if kind not in SOCIAL_TYPES:
        return dict(details)
    return {**_social_endpoints(kind, details), **details}


def missing_endpoints(details: Mapping[str, str]) -> list[str]:
    """The OIDC endpoint keys not given explicitly (``attributes_url`` is optional)."""
    return [key for key in DISCOVERED if key != "attributes_url" and not details.get(key)]


def with_discovered(details: Mapping[str, str], document: Mapping[str, object]) -> dict[str, str]:
    """OIDC details completed from the discovery document (explicit values win)."""
    merged = dict(details)
    for key, member in DISCOVERED.items():
        value = document.get(member)
        if not merged.get(key) and isinstance(value, str) and value:
            merged[key] = value
    merged.setdefault("attributes_url_add_attributes", "false")
    return merged


def token_auth_method(document: Mapping[str, object]) -> str:
    """``client_secret_post`` unless the provider only lists ``client_secret_basic``."""
    methods = document.get("token_endpoint_auth_methods_supported")
    if isinstance(methods, list) and "client_secret_post" not in methods:
        return "client_secret_basic" if "client_secret_basic" in methods else "client_secret_post"
    return "client_secret_post"


def attribute_mapping(
    pool: UserPool, kind: str, mapping: Mapping[str, str] | None
) -> dict[str, str]:
    """AttributeMapping with the default ``username`` claim; keys must be pool attributes.

    :raises InvalidParameterException: a key that is not an attribute of the pool.
    """
    result = dict(mapping or {})
    names = {a.name for a in pool.config.schema}
    for key in result:
        if key != "username" and key not in names:
            raise InvalidParameterException(
                f"Invalid attribute mapping: {key} is not an attribute of the user pool."
            )
    default = USERNAME_CLAIM.get(kind)
    if default is not None:
        result.setdefault("username", default)
    return result


def shown_details(details: Mapping[str, str]) -> dict[str, str]:
    """ProviderDetails as DescribeIdentityProvider returns them."""
    return {
        k: v for k, v in details.items() if k not in WRITE_ONLY_DETAILS and not k.startswith("_")
    }
