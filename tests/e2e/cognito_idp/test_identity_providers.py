"""Identity providers of a pool through boto3: Create/Describe/List/Update/Delete,
GetIdentityProviderByIdentifier, app clients naming them, and linking users to them.

The OIDC issuer is another pool of the same server (its discovery document is real).
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.cognito_idp.conftest import PoolFactory, error_of
from tests.support import Server

UNREACHABLE = "http://127.0.0.1:9/nowhere"


def _oidc_details(issuer: str, **extra: str) -> dict[str, str]:
    return {"client_id": "idp-client", "client_secret": "idp-secret",
            "authorize_scopes": "openid email", "oidc_issuer": issuer,
            "attributes_request_method": "GET", **extra}  # fmt: skip


def _explicit_endpoints() -> dict[str, str]:
    return {"authorize_url": "https://idp.example/authorize",
            "token_url": "https://idp.example/token",
            "jwks_uri": "https://idp.example/jwks"}  # fmt: skip


@pytest.fixture
def issuer(server: Server, make_pool: PoolFactory, cognito: Any) -> str:
    """The issuer of a pool with a domain (its discovery lists the hosted endpoints)."""
    pool = make_pool()
    cognito.create_user_pool_domain(UserPoolId=pool["Id"], Domain=f"idp{pool['Id'][-8:].lower()}")
    return f"{server.url}/{pool['Id']}"


def _create(cognito: Any, pool_id: str, name: str = "Corp", **params: Any) -> dict[str, Any]:
    params.setdefault("ProviderType", "OIDC")
    params.setdefault("ProviderDetails", _oidc_details(UNREACHABLE, **_explicit_endpoints()))
    created = cognito.create_identity_provider(UserPoolId=pool_id, ProviderName=name, **params)
    return dict(created["IdentityProvider"])


def test_oidc_provider_gets_endpoints_from_the_issuers_discovery_document(
    cognito: Any, pool_id: str, issuer: str
) -> None:
    provider = _create(cognito, pool_id, ProviderDetails=_oidc_details(issuer))
    details = provider["ProviderDetails"]
    endpoints = tuple(details[k].rsplit("/", 2)[-2:] for k in ("authorize_url", "token_url"))
    assert (endpoints, details["jwks_uri"]) == (
        (["oauth2", "authorize"], ["oauth2", "token"]),
        f"{issuer}/.well-known/jwks.json",
    )


def test_describe_returns_the_client_secret_and_the_default_username_mapping(
    cognito: Any, pool_id: str
) -> None:
    _create(cognito, pool_id, AttributeMapping={"email": "email"})
    provider = cognito.describe_identity_provider(UserPoolId=pool_id, ProviderName="Corp")
    described = provider["IdentityProvider"]
    assert described["ProviderDetails"]["client_secret"] == "idp-secret"
    assert described["AttributeMapping"] == {"email": "email", "username": "sub"}
    assert described["ProviderDetails"]["attributes_url_add_attributes"] == "false"
    assert described["CreationDate"] == described["LastModifiedDate"]


def test_unreachable_issuer_without_endpoints_is_rejected(cognito: Any, pool_id: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        _create(cognito, pool_id, ProviderDetails=_oidc_details(UNREACHABLE))
    assert error_of(excinfo) == (
        "InvalidParameterException",
        "Unable to contact well-known endpoint",
    )


@pytest.mark.parametrize(
    ("kind", "details"),
    [
        ("OIDC", {"client_id": "x", "authorize_scopes": "openid", "oidc_issuer": UNREACHABLE}),
        ("Google", {"client_id": "x", "authorize_scopes": "openid"}),
        ("SignInWithApple", {"client_id": "x", "team_id": "t", "key_id": "k",
                             "authorize_scopes": "email"}),
        ("SAML", {"IDPSignout": "true"}),
    ],
)  # fmt: skip
def test_missing_required_provider_details_are_rejected(
    cognito: Any, pool_id: str, kind: str, details: dict[str, str]
) -> None:
    name = kind if kind in ("Google", "SignInWithApple") else "Corp"
    with pytest.raises(ClientError) as excinfo:
        _create(cognito, pool_id, name, ProviderType=kind, ProviderDetails=details)
    assert error_of(excinfo)[0] == "InvalidParameterException"


def test_social_provider_must_be_named_after_its_type(cognito: Any, pool_id: str) -> None:
    details = {"client_id": "x", "client_secret": "y", "authorize_scopes": "email"}
    with pytest.raises(ClientError) as excinfo:
        _create(cognito, pool_id, "MyGoogle", ProviderType="Google", ProviderDetails=details)
    assert error_of(excinfo) == (
        "InvalidParameterException", "Provider MyGoogle cannot be of type Google."
    )  # fmt: skip


def test_google_provider_is_described_with_googles_endpoints(cognito: Any, pool_id: str) -> None:
    details = {"client_id": "x", "client_secret": "y", "authorize_scopes": "email openid"}
    provider = _create(cognito, pool_id, "Google", ProviderType="Google", ProviderDetails=details)
    assert provider["ProviderDetails"]["authorize_url"] == (
        "https://accounts.google.com/o/oauth2/v2/auth"
    )


def test_apple_private_key_is_stored_but_never_described(cognito: Any, pool_id: str) -> None:
    details = {"client_id": "x", "team_id": "t", "key_id": "k", "private_key": "PRIVATE",
               "authorize_scopes": "email"}  # fmt: skip
    _create(cognito, pool_id, "SignInWithApple", ProviderType="SignInWithApple",
            ProviderDetails=details)  # fmt: skip
    described = cognito.describe_identity_provider(
        UserPoolId=pool_id, ProviderName="SignInWithApple"
    )["IdentityProvider"]
    assert "private_key" not in described["ProviderDetails"]


def test_saml_provider_with_metadata_url_is_stored(cognito: Any, pool_id: str) -> None:
    details = {"MetadataURL": "https://idp.example/metadata", "IDPSignout": "true"}
    provider = _create(cognito, pool_id, "Saml", ProviderType="SAML", ProviderDetails=details)
    assert provider["ProviderDetails"] == details


def test_duplicate_provider_name_raises_duplicate_provider(cognito: Any, pool_id: str) -> None:
    _create(cognito, pool_id)
    with pytest.raises(ClientError) as excinfo:
        _create(cognito, pool_id)
    assert error_of(excinfo) == (
        "DuplicateProviderException", f"Corp already exists in user pool {pool_id}"
    )  # fmt: skip


def test_idp_identifiers_are_unique_in_a_pool(cognito: Any, pool_id: str) -> None:
    _create(cognito, pool_id, IdpIdentifiers=["corp.example"])
    with pytest.raises(ClientError) as excinfo:
        _create(cognito, pool_id, "Other", IdpIdentifiers=["corp.example"])
    assert error_of(excinfo)[0] == "DuplicateProviderException"


def test_get_identity_provider_by_identifier_finds_the_provider(cognito: Any, pool_id: str) -> None:
    _create(cognito, pool_id, IdpIdentifiers=["corp.example", "corp2"])
    found = cognito.get_identity_provider_by_identifier(UserPoolId=pool_id, IdpIdentifier="corp2")
    assert found["IdentityProvider"]["ProviderName"] == "Corp"


def test_unknown_identifier_raises_resource_not_found(cognito: Any, pool_id: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.get_identity_provider_by_identifier(UserPoolId=pool_id, IdpIdentifier="nope")
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


def test_attribute_mapping_to_an_unknown_attribute_is_rejected(cognito: Any, pool_id: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        _create(cognito, pool_id, AttributeMapping={"custom:nope": "email"})
    assert error_of(excinfo)[0] == "InvalidParameterException"


def test_list_identity_providers_pages_by_name(cognito: Any, pool_id: str) -> None:
    for name in ("Bravo", "Alpha", "Charlie"):
        _create(cognito, pool_id, name)
    first = cognito.list_identity_providers(UserPoolId=pool_id, MaxResults=2)
    second = cognito.list_identity_providers(
        UserPoolId=pool_id, MaxResults=2, NextToken=first["NextToken"]
    )
    names = [p["ProviderName"] for p in first["Providers"] + second["Providers"]]
    assert (names, "NextToken" in second) == (["Alpha", "Bravo", "Charlie"], False)


def test_update_merges_details_and_replaces_mapping_and_identifiers(
    cognito: Any, pool_id: str
) -> None:
    _create(cognito, pool_id, AttributeMapping={"email": "email"}, IdpIdentifiers=["a"])
    updated = cognito.update_identity_provider(
        UserPoolId=pool_id, ProviderName="Corp", ProviderDetails={"authorize_scopes": "openid"},
        AttributeMapping={"name": "name"}, IdpIdentifiers=["b"],
    )["IdentityProvider"]  # fmt: skip
    assert (
        updated["ProviderDetails"]["authorize_scopes"],
        updated["ProviderDetails"]["client_id"],
        updated["AttributeMapping"],
        updated["IdpIdentifiers"],
    ) == ("openid", "idp-client", {"name": "name", "username": "sub"}, ["b"])


def test_deleted_provider_is_not_found(cognito: Any, pool_id: str) -> None:
    _create(cognito, pool_id)
    cognito.delete_identity_provider(UserPoolId=pool_id, ProviderName="Corp")
    with pytest.raises(ClientError) as excinfo:
        cognito.describe_identity_provider(UserPoolId=pool_id, ProviderName="Corp")
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


def test_client_may_support_an_existing_provider(cognito: Any, pool_id: str) -> None:
    _create(cognito, pool_id)
    client = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app", SupportedIdentityProviders=["COGNITO", "Corp"]
    )["UserPoolClient"]
    assert client["SupportedIdentityProviders"] == ["COGNITO", "Corp"]


def test_client_naming_a_missing_provider_is_rejected_as_aws_words_it(
    cognito: Any, pool_id: str
) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.create_user_pool_client(
            UserPoolId=pool_id, ClientName="app", SupportedIdentityProviders=["Corp"]
        )
    assert error_of(excinfo) == (
        "InvalidParameterException", f"The provider Corp does not exist for User Pool {pool_id}"
    )  # fmt: skip


def _link(cognito: Any, pool_id: str, username: str, subject: str) -> None:
    cognito.admin_link_provider_for_user(
        UserPoolId=pool_id,
        DestinationUser={"ProviderName": "Cognito", "ProviderAttributeValue": username},
        SourceUser={"ProviderName": "Corp", "ProviderAttributeName": "Cognito_Subject",
                    "ProviderAttributeValue": subject},
    )  # fmt: skip


def _identities(cognito: Any, pool_id: str, username: str) -> str | None:
    user = cognito.admin_get_user(UserPoolId=pool_id, Username=username)
    values = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    return values.get("identities")


def test_linking_adds_the_identity_to_the_native_user(cognito: Any, pool_id: str) -> None:
    _create(cognito, pool_id)
    cognito.admin_create_user(UserPoolId=pool_id, Username="alice", MessageAction="SUPPRESS")
    _link(cognito, pool_id, "alice", "ext-123")
    assert '"userId":"ext-123","providerName":"Corp","providerType":"OIDC"' in (
        _identities(cognito, pool_id, "alice") or ""
    )


def test_linking_to_an_unknown_provider_is_rejected(cognito: Any, pool_id: str) -> None:
    cognito.admin_create_user(UserPoolId=pool_id, Username="alice", MessageAction="SUPPRESS")
    with pytest.raises(ClientError) as excinfo:
        _link(cognito, pool_id, "alice", "ext-123")
    assert error_of(excinfo)[0] == "InvalidParameterException"


def test_linking_to_an_unknown_user_raises_user_not_found(cognito: Any, pool_id: str) -> None:
    _create(cognito, pool_id)
    with pytest.raises(ClientError) as excinfo:
        _link(cognito, pool_id, "nobody", "ext-123")
    assert error_of(excinfo)[0] == "UserNotFoundException"


def test_disabling_the_provider_for_a_linked_user_unlinks_it(cognito: Any, pool_id: str) -> None:
    _create(cognito, pool_id)
    cognito.admin_create_user(UserPoolId=pool_id, Username="alice", MessageAction="SUPPRESS")
    _link(cognito, pool_id, "alice", "ext-123")
    cognito.admin_disable_provider_for_user(
        UserPoolId=pool_id,
        User={"ProviderName": "Corp", "ProviderAttributeName": "Cognito_Subject",
              "ProviderAttributeValue": "ext-123"},
    )  # fmt: skip
    assert _identities(cognito, pool_id, "alice") is None
