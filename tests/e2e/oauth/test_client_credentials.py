"""The client_credentials grant: confidential clients, resource-server scopes, access token only."""

from __future__ import annotations

from typing import Any

import httpx
import jwt
import pytest

from tests.e2e.oauth.conftest import TIMEOUT, HostedPool


@pytest.fixture(scope="module")
def machine(hosted: HostedPool) -> dict[str, Any]:
    hosted.cognito.create_resource_server(
        UserPoolId=hosted.pool_id, Identifier="https://api.example.com", Name="api",
        Scopes=[{"ScopeName": "read", "ScopeDescription": "read"},
                {"ScopeName": "write", "ScopeDescription": "write"}],
    )  # fmt: skip
    created = hosted.cognito.create_user_pool_client(
        UserPoolId=hosted.pool_id, ClientName="machine", GenerateSecret=True,
        AllowedOAuthFlows=["client_credentials"], AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthScopes=["https://api.example.com/read", "https://api.example.com/write"],
    )  # fmt: skip
    client: dict[str, Any] = created["UserPoolClient"]
    return client


def _token(hosted: HostedPool, machine: dict[str, Any], **form: str) -> httpx.Response:
    return httpx.post(
        timeout=TIMEOUT,
        url=f"{hosted.base}/oauth2/token",
        data={"grant_type": "client_credentials", **form},
        auth=(machine["ClientId"], machine["ClientSecret"]),
    )


def test_client_credentials_gives_an_access_token_with_custom_scopes(
    hosted: HostedPool, machine: dict[str, Any]
) -> None:
    answer = _token(hosted, machine, scope="https://api.example.com/read")

    body = answer.json()
    assert answer.status_code == 200
    assert set(body) == {"access_token", "token_type", "expires_in"}
    jwks = jwt.PyJWKClient(f"{hosted.issuer}/.well-known/jwks.json")
    claims = jwt.decode(
        body["access_token"],
        jwks.get_signing_key_from_jwt(body["access_token"]).key,
        algorithms=["RS256"],
        issuer=hosted.issuer,
    )
    assert claims["sub"] == machine["ClientId"]
    assert claims["scope"] == "https://api.example.com/read"
    assert claims["token_use"] == "access"


def test_client_credentials_without_scope_grants_all_allowed(
    hosted: HostedPool, machine: dict[str, Any]
) -> None:
    answer = _token(hosted, machine)

    claims = jwt.decode(answer.json()["access_token"], options={"verify_signature": False})
    assert set(claims["scope"].split()) == {
        "https://api.example.com/read",
        "https://api.example.com/write",
    }


def test_client_credentials_with_unknown_scope_is_invalid_scope(
    hosted: HostedPool, machine: dict[str, Any]
) -> None:
    answer = _token(hosted, machine, scope="https://api.example.com/admin")

    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_scope"


def test_client_secret_post_authenticates_too(hosted: HostedPool, machine: dict[str, Any]) -> None:
    answer = httpx.post(timeout=TIMEOUT, url=
        f"{hosted.base}/oauth2/token",
        data={"grant_type": "client_credentials", "client_id": machine["ClientId"],
              "client_secret": machine["ClientSecret"]},
    )  # fmt: skip

    assert answer.status_code == 200


def test_client_credentials_for_a_code_client_is_unauthorized(hosted: HostedPool) -> None:
    client = hosted.client("code")

    answer = httpx.post(
        timeout=TIMEOUT,
        url=f"{hosted.base}/oauth2/token",
        data={"grant_type": "client_credentials"},
        auth=(client["ClientId"], client["ClientSecret"]),
    )

    assert answer.json()["error"] == "unauthorized_client"
