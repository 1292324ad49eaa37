"""An off-the-shelf OIDC client (Authlib) configures itself from the discovery document and
completes authorization code + PKCE, userInfo, refresh and revocation."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import httpx
import jwt
import pytest
from authlib.common.security import generate_token
from authlib.deprecate import AuthlibDeprecationWarning

from tests.e2e.oauth.conftest import NEW_PASSWORD, TIMEOUT, HostedPool, sign_in

with warnings.catch_warnings():
    # Authlib 1.9 announces a move to "httpx2"; its httpx client still works as before.
    warnings.simplefilter("ignore", AuthlibDeprecationWarning)
    from authlib.integrations.httpx_client import OAuth2Client, OAuthError

REDIRECT = "http://localhost:8000/callback"


@pytest.fixture(scope="module")
def metadata(hosted: HostedPool) -> dict[str, Any]:
    document: dict[str, Any] = httpx.get(
        timeout=TIMEOUT, url=f"{hosted.issuer}/.well-known/openid-configuration"
    ).json()
    return document


@pytest.fixture
def oidc(hosted: HostedPool) -> Iterator[Any]:
    client = hosted.client("code")
    session = OAuth2Client(
        client_id=client["ClientId"],
        client_secret=client["ClientSecret"],
        scope="openid email profile",
        redirect_uri=REDIRECT,
        code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_basic",
        timeout=TIMEOUT,
    )
    yield session
    session.close()


def _code_flow(hosted: HostedPool, oidc: Any, metadata: dict[str, Any], user: str) -> Any:
    verifier = generate_token(48)
    nonce = generate_token(16)
    url, _state = oidc.create_authorization_url(
        metadata["authorization_endpoint"], code_verifier=verifier, nonce=nonce
    )
    with httpx.Client(timeout=TIMEOUT) as browser:
        answer = sign_in(browser, url, user, NEW_PASSWORD)
    assert answer.status_code == 302
    token = oidc.fetch_token(
        metadata["token_endpoint"],
        authorization_response=answer.headers["location"],
        code_verifier=verifier,
    )
    claims = jwt.decode(token["id_token"], options={"verify_signature": False})
    assert claims["nonce"] == nonce
    return token


def test_discovery_document_lists_the_domain_endpoints(
    hosted: HostedPool, metadata: dict[str, Any]
) -> None:
    assert metadata["issuer"] == hosted.issuer
    assert metadata["authorization_endpoint"] == f"{hosted.base}/oauth2/authorize"
    assert metadata["token_endpoint"] == f"{hosted.base}/oauth2/token"
    assert metadata["userinfo_endpoint"] == f"{hosted.base}/oauth2/userInfo"
    assert metadata["revocation_endpoint"] == f"{hosted.base}/oauth2/revoke"


def test_authlib_code_pkce_flow_returns_tokens_and_user_info(
    hosted: HostedPool, oidc: Any, metadata: dict[str, Any], unique_name: Any
) -> None:
    user = hosted.user(unique_name("alice"), email="alice@example.com")

    token = _code_flow(hosted, oidc, metadata, user)
    info = oidc.get(metadata["userinfo_endpoint"]).json()

    assert set(token) >= {"access_token", "id_token", "refresh_token", "token_type", "expires_in"}
    assert token["token_type"] == "Bearer"
    assert info["username"] == user
    assert info["email"] == "alice@example.com"
    assert set(info) >= {"sub", "email", "username"}


def test_authlib_refresh_then_revoke_then_refresh_fails(
    hosted: HostedPool, oidc: Any, metadata: dict[str, Any], unique_name: Any
) -> None:
    user = hosted.user(unique_name("bob"), email="bob@example.com")
    token = _code_flow(hosted, oidc, metadata, user)
    refresh = token["refresh_token"]

    renewed = oidc.refresh_token(metadata["token_endpoint"], refresh_token=refresh)
    assert renewed["access_token"] != token["access_token"]
    revoked = oidc.revoke_token(metadata["revocation_endpoint"], token=refresh)
    assert revoked.status_code == 200

    with pytest.raises(OAuthError) as excinfo:
        oidc.refresh_token(metadata["token_endpoint"], refresh_token=refresh)
    assert excinfo.value.error == "invalid_grant"
    gone = httpx.get(
        timeout=TIMEOUT,
        url=metadata["userinfo_endpoint"],
        headers={"Authorization": f"Bearer {renewed['access_token']}"},
    )
    assert gone.status_code == 401
