"""App clients: Create/Describe/List/Update/DeleteUserPoolClient, defaults and validation."""

from __future__ import annotations

import re
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.cognito_idp.conftest import PoolFactory, error_of

OAUTH = {
    "AllowedOAuthFlowsUserPoolClient": True,
    "AllowedOAuthFlows": ["code"],
    "AllowedOAuthScopes": ["openid"],
    "SupportedIdentityProviders": ["COGNITO"],
    "CallbackURLs": ["https://app.example.com/cb"],
}


def _oauth(**overrides: Any) -> dict[str, Any]:
    """An OAuth-enabled client configuration with ``overrides`` applied."""
    return {**OAUTH, **overrides}


def _create(cognito: Any, pool_id: str, **params: Any) -> dict[str, Any]:
    params.setdefault("ClientName", "app")
    client: dict[str, Any] = cognito.create_user_pool_client(UserPoolId=pool_id, **params)[
        "UserPoolClient"
    ]
    return client


def _describe(cognito: Any, pool_id: str, client_id: str) -> dict[str, Any]:
    client: dict[str, Any] = cognito.describe_user_pool_client(
        UserPoolId=pool_id, ClientId=client_id
    )["UserPoolClient"]
    return client


def _client_count(cognito: Any, pool_id: str) -> int:
    return len(cognito.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)["UserPoolClients"])


def _rejected(cognito: Any, pool_id: str, **params: Any) -> tuple[str, str]:
    """Create a client that must be refused; check nothing was stored; return (code, message)."""
    with pytest.raises(ClientError) as excinfo:
        _create(cognito, pool_id, **params)
    assert _client_count(cognito, pool_id) == 0
    return error_of(excinfo)


# --- create and defaults ---------------------------------------------------------------------


def test_create_client_returns_26_char_lowercase_id_without_secret(
    cognito: Any, pool_id: str
) -> None:
    client = _create(cognito, pool_id)
    assert re.fullmatch(r"[a-z0-9]{26}", client["ClientId"])
    assert "ClientSecret" not in client
    assert "ClientSecret" not in _describe(cognito, pool_id, client["ClientId"])


def test_create_client_applies_cognito_defaults(cognito: Any, pool_id: str) -> None:
    client = _describe(cognito, pool_id, _create(cognito, pool_id)["ClientId"])
    assert client["RefreshTokenValidity"] == 30
    assert client["AuthSessionValidity"] == 3
    assert client["PreventUserExistenceErrors"] == "LEGACY"
    assert client["EnableTokenRevocation"] is True
    assert client["AllowedOAuthFlowsUserPoolClient"] is False
    assert client["EnablePropagateAdditionalUserContextData"] is False


def test_generate_secret_returns_the_secret_on_create_and_describe(
    cognito: Any, pool_id: str
) -> None:
    client = _create(cognito, pool_id, GenerateSecret=True)
    assert re.fullmatch(r"[a-z0-9]{24,64}", client["ClientSecret"])
    described = _describe(cognito, pool_id, client["ClientId"])
    assert described["ClientSecret"] == client["ClientSecret"]


def test_each_client_gets_its_own_id_and_secret(cognito: Any, pool_id: str) -> None:
    first = _create(cognito, pool_id, GenerateSecret=True)
    second = _create(cognito, pool_id, GenerateSecret=True)
    assert first["ClientId"] != second["ClientId"]
    assert first["ClientSecret"] != second["ClientSecret"]


def test_create_client_echoes_flows_urls_and_token_validity(cognito: Any, pool_id: str) -> None:
    params: dict[str, Any] = {
        **OAUTH,
        "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        "CallbackURLs": ["https://app.example.com/cb", "myapp://callback"],
        "LogoutURLs": ["https://app.example.com/bye"],
        "DefaultRedirectURI": "https://app.example.com/cb",
        "AccessTokenValidity": 30,
        "IdTokenValidity": 2,
        "RefreshTokenValidity": 7,
        "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "hours"},
    }
    client = _describe(cognito, pool_id, _create(cognito, pool_id, **params)["ClientId"])
    for member, value in params.items():
        if member == "TokenValidityUnits":
            assert client[member]["AccessToken"] == "minutes"
            assert client[member]["IdToken"] == "hours"
        else:
            assert client[member] == value, member


def test_create_client_in_unknown_pool_raises_resource_not_found(cognito: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        _create(cognito, "us-east-1_NoSuchPoo")
    assert error_of(excinfo) == (
        "ResourceNotFoundException",
        "User pool us-east-1_NoSuchPoo does not exist.",
    )


# --- validation ------------------------------------------------------------------------------


def test_http_callback_to_a_public_host_is_rejected(cognito: Any, pool_id: str) -> None:
    code, message = _rejected(
        cognito, pool_id, **_oauth(CallbackURLs=["http://app.example.com/cb"])
    )
    assert code == "InvalidParameterException"
    assert message.endswith("cannot use the HTTP protocol.")


def test_http_logout_url_to_a_public_host_is_rejected(cognito: Any, pool_id: str) -> None:
    code, message = _rejected(cognito, pool_id, **_oauth(LogoutURLs=["http://app.example.com/"]))
    assert code == "InvalidParameterException"
    assert message.endswith("cannot use the HTTP protocol.")


@pytest.mark.parametrize(
    "url",
    ["http://localhost/cb", "http://localhost:3000/cb", "http://127.0.0.1:8080/cb"],
)
def test_http_callback_to_loopback_is_allowed(cognito: Any, pool_id: str, url: str) -> None:
    client = _create(cognito, pool_id, **_oauth(CallbackURLs=[url]))
    assert client["CallbackURLs"] == [url]


def test_callback_with_fragment_is_rejected(cognito: Any, pool_id: str) -> None:
    code, _ = _rejected(cognito, pool_id, **_oauth(CallbackURLs=["https://app.example.com/#x"]))
    assert code == "InvalidParameterException"


def test_default_redirect_uri_outside_callback_urls_is_rejected(cognito: Any, pool_id: str) -> None:
    code, _ = _rejected(
        cognito,
        pool_id,
        **_oauth(CallbackURLs=["https://app.example.com/cb"]),
        DefaultRedirectURI="https://app.example.com/other",
    )
    assert code == "InvalidParameterException"


def test_client_credentials_without_secret_raises_invalid_oauth_flow(
    cognito: Any, pool_id: str
) -> None:
    code, _ = _rejected(
        cognito,
        pool_id,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["client_credentials"],
        AllowedOAuthScopes=["openid"],
    )
    assert code == "InvalidOAuthFlowException"


@pytest.mark.parametrize("flow", ["code", "implicit"])
def test_code_or_implicit_flow_without_callback_urls_raises_invalid_oauth_flow(
    cognito: Any, pool_id: str, flow: str
) -> None:
    params = {**OAUTH, "AllowedOAuthFlows": [flow]}
    del params["CallbackURLs"]
    code, message = _rejected(cognito, pool_id, **params)
    assert (code, message) == (
        "InvalidOAuthFlowException",
        "CallbackUrls can not be empty when code flow or implicit flow is selected",
    )


def test_client_credentials_with_a_standard_scope_raises_invalid_oauth_flow(
    cognito: Any, pool_id: str
) -> None:
    code, message = _rejected(
        cognito,
        pool_id,
        GenerateSecret=True,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["client_credentials"],
        AllowedOAuthScopes=["openid"],
    )
    assert (code, message) == (
        "InvalidOAuthFlowException",
        "openid is not supported with client_credentials flow",
    )


def test_client_credentials_with_another_flow_raises_invalid_oauth_flow(
    cognito: Any, pool_id: str
) -> None:
    code, _ = _rejected(
        cognito,
        pool_id,
        GenerateSecret=True,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["client_credentials", "code"],
        AllowedOAuthScopes=["openid"],
        CallbackURLs=["https://app.example.com/cb"],
    )
    assert code == "InvalidOAuthFlowException"


def test_unknown_custom_scope_raises_scope_does_not_exist(cognito: Any, pool_id: str) -> None:
    code, _ = _rejected(
        cognito,
        pool_id,
        **_oauth(AllowedOAuthScopes=["openid", "https://api.example.com/read"]),
    )
    assert code == "ScopeDoesNotExistException"


@pytest.mark.parametrize(
    "validity",
    [
        {"AccessTokenValidity": 4, "TokenValidityUnits": {"AccessToken": "minutes"}},
        {"AccessTokenValidity": 2, "TokenValidityUnits": {"AccessToken": "days"}},
        {"IdTokenValidity": 25},
        {"IdTokenValidity": 299, "TokenValidityUnits": {"IdToken": "seconds"}},
        {"RefreshTokenValidity": 59, "TokenValidityUnits": {"RefreshToken": "minutes"}},
        {"RefreshTokenValidity": 3651},
    ],
    ids=["access-4min", "access-2days", "id-25h", "id-299s", "refresh-59min", "refresh-3651d"],
)
def test_token_validity_out_of_range_is_rejected(
    cognito: Any, pool_id: str, validity: dict[str, Any]
) -> None:
    code, _ = _rejected(cognito, pool_id, **validity)
    assert code == "InvalidParameterException"


@pytest.mark.parametrize(
    "validity",
    [
        {"AccessTokenValidity": 5, "TokenValidityUnits": {"AccessToken": "minutes"}},
        {"IdTokenValidity": 1, "TokenValidityUnits": {"IdToken": "days"}},
        {"RefreshTokenValidity": 60, "TokenValidityUnits": {"RefreshToken": "minutes"}},
        {"RefreshTokenValidity": 3650},
    ],
    ids=["access-5min", "id-1day", "refresh-60min", "refresh-3650d"],
)
def test_token_validity_at_the_limits_is_accepted(
    cognito: Any, pool_id: str, validity: dict[str, Any]
) -> None:
    client = _create(cognito, pool_id, **validity)
    for member, value in validity.items():
        if member != "TokenValidityUnits":
            assert client[member] == value


def test_mixing_legacy_and_allow_auth_flows_is_rejected(cognito: Any, pool_id: str) -> None:
    code, _ = _rejected(
        cognito, pool_id, ExplicitAuthFlows=["ADMIN_NO_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )
    assert code == "InvalidParameterException"


def test_unknown_identity_provider_is_rejected(cognito: Any, pool_id: str) -> None:
    code, _ = _rejected(cognito, pool_id, SupportedIdentityProviders=["Google"])
    assert code == "InvalidParameterException"


def test_unknown_read_attribute_is_rejected(cognito: Any, pool_id: str) -> None:
    code, _ = _rejected(cognito, pool_id, ReadAttributes=["email", "custom:nope"])
    assert code == "InvalidParameterException"


# --- list, update, delete --------------------------------------------------------------------


def test_list_user_pool_clients_pages_through_every_client(cognito: Any, pool_id: str) -> None:
    mine = {_create(cognito, pool_id, ClientName=f"app{i}")["ClientId"] for i in range(3)}
    seen: list[str] = []
    kwargs: dict[str, Any] = {"UserPoolId": pool_id, "MaxResults": 2}
    while True:
        page = cognito.list_user_pool_clients(**kwargs)
        assert len(page["UserPoolClients"]) <= 2
        seen.extend(c["ClientId"] for c in page["UserPoolClients"])
        if "NextToken" not in page:
            break
        kwargs["NextToken"] = page["NextToken"]
    assert sorted(seen) == sorted(mine)


def test_list_user_pool_clients_summary_has_name_and_pool(cognito: Any, pool_id: str) -> None:
    client = _create(cognito, pool_id, ClientName="listed")
    listed = cognito.list_user_pool_clients(UserPoolId=pool_id, MaxResults=10)["UserPoolClients"]
    assert listed == [
        {"ClientId": client["ClientId"], "UserPoolId": pool_id, "ClientName": "listed"}
    ]


def test_update_client_replaces_the_whole_configuration(cognito: Any, pool_id: str) -> None:
    client = _create(
        cognito,
        pool_id,
        **_oauth(CallbackURLs=["https://app.example.com/cb"]),
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        PreventUserExistenceErrors="ENABLED",
    )
    cognito.update_user_pool_client(
        UserPoolId=pool_id, ClientId=client["ClientId"], ClientName="renamed"
    )
    updated = _describe(cognito, pool_id, client["ClientId"])
    assert updated["ClientName"] == "renamed"
    assert updated["AllowedOAuthFlowsUserPoolClient"] is False
    assert updated["PreventUserExistenceErrors"] == "LEGACY"
    for member in ("CallbackURLs", "AllowedOAuthFlows", "ExplicitAuthFlows"):
        assert member not in updated, member


def test_update_client_keeps_its_secret(cognito: Any, pool_id: str) -> None:
    client = _create(cognito, pool_id, GenerateSecret=True)
    updated = cognito.update_user_pool_client(
        UserPoolId=pool_id, ClientId=client["ClientId"], RefreshTokenValidity=10
    )["UserPoolClient"]
    assert updated["ClientSecret"] == client["ClientSecret"]
    assert updated["RefreshTokenValidity"] == 10


def test_update_client_validates_like_create(cognito: Any, pool_id: str) -> None:
    client = _create(cognito, pool_id, **_oauth(CallbackURLs=["https://app.example.com/cb"]))
    with pytest.raises(ClientError) as excinfo:
        cognito.update_user_pool_client(
            UserPoolId=pool_id,
            ClientId=client["ClientId"],
            **_oauth(CallbackURLs=["http://app.example.com/cb"]),
        )
    assert error_of(excinfo)[0] == "InvalidParameterException"
    described = _describe(cognito, pool_id, client["ClientId"])
    assert described["CallbackURLs"] == ["https://app.example.com/cb"]


def test_delete_client_then_describe_raises_resource_not_found(cognito: Any, pool_id: str) -> None:
    client_id = _create(cognito, pool_id)["ClientId"]
    cognito.delete_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    with pytest.raises(ClientError) as excinfo:
        _describe(cognito, pool_id, client_id)
    assert error_of(excinfo) == (
        "ResourceNotFoundException",
        f"User pool client {client_id} does not exist.",
    )


def test_client_of_another_pool_is_not_found(
    cognito: Any, pool_id: str, make_pool: PoolFactory
) -> None:
    client_id = _create(cognito, make_pool()["Id"])["ClientId"]
    with pytest.raises(ClientError) as excinfo:
        _describe(cognito, pool_id, client_id)
    assert error_of(excinfo)[0] == "ResourceNotFoundException"
