"""Pure OAuth rules: scope granting, PKCE S256, redirect composition, CSRF and SSO sealing."""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import parse_qsl, urlsplit

import pytest

from cognigate.identity.model import AppClient, ClientConfig
from cognigate.identity.oauth_errors import InvalidScope
from cognigate.identity.oauth_grants import error_redirect, pkce_s256
from cognigate.identity.oauth_requests import granted_scopes, oauth_query
from cognigate.identity.oauth_sessions import HostedSession, HostedState


def _client(*scopes: str) -> AppClient:
    return AppClient("us-east-1_x", "c1", "app", 0.0, 0.0, config=ClientConfig(
        allowed_oauth_scopes=scopes))  # fmt: skip


def test_pkce_s256_is_unpadded_base64url_of_sha256() -> None:
    verifier = "a" * 43

    challenge = pkce_s256(verifier)

    digest = hashlib.sha256(verifier.encode()).digest()
    assert challenge == base64.urlsafe_b64encode(digest).decode().rstrip("=")
    assert len(challenge) == 43


def test_requested_scopes_are_intersected_with_the_allowed_ones() -> None:
    client = _client("openid", "email", "phone")

    assert granted_scopes(client, "openid+email+profile") == ("openid", "email")


def test_no_requested_scope_grants_every_allowed_scope() -> None:
    assert granted_scopes(_client("email", "openid"), None) == ("email", "openid")


def test_claim_scopes_are_dropped_without_openid() -> None:
    client = _client("email", "aws.cognito.signin.user.admin")

    assert granted_scopes(client, None) == ("aws.cognito.signin.user.admin",)


def test_nothing_left_to_grant_is_invalid_scope() -> None:
    with pytest.raises(InvalidScope):
        granted_scopes(_client("openid"), "https://api/other")


def test_error_redirect_keeps_existing_query_and_appends_state() -> None:
    url = error_redirect("https://app/cb?x=1", "invalid_request", "bad thing", "s&t")

    parts = urlsplit(url)
    assert parse_qsl(parts.query) == [
        ("x", "1"), ("error", "invalid_request"), ("error_description", "bad thing"),
        ("state", "s&t"),
    ]  # fmt: skip


def test_oauth_query_keeps_only_oauth_parameters_in_order() -> None:
    params = {"evil": "1", "state": "s", "client_id": "c", "redirect_uri": "r"}

    assert list(oauth_query(params)) == ["client_id", "redirect_uri", "state"]


def test_csrf_token_must_match_the_cookie_and_be_fresh() -> None:
    state = HostedState(b"secret")
    token = state.new_csrf(1000.0)

    assert state.csrf_matches(token, token, now=1001.0)
    assert not state.csrf_matches(token, state.new_csrf(1000.0), now=1001.0)
    assert not state.csrf_matches(token, token, now=1000.0 + 3601)
    assert not state.csrf_matches(token, None, now=1001.0)


def test_csrf_token_of_another_installation_is_refused() -> None:
    token = HostedState(b"other").new_csrf(1000.0)

    assert not HostedState(b"secret").csrf_matches(token, token, now=1001.0)


def test_sso_session_is_bound_to_its_pool_and_lasts_an_hour() -> None:
    state = HostedState(b"secret")
    sealed = state.seal_session(HostedSession("pool-a", "sub-1", 990.0, 1000.0))

    assert state.open_session(sealed, pool_id="pool-a", now=1100.0) == HostedSession(
        "pool-a", "sub-1", 990.0, 1000.0
    )
    assert state.open_session(sealed, pool_id="pool-b", now=1100.0) is None
    assert state.open_session(sealed, pool_id="pool-a", now=4601.0) is None
    assert state.open_session(sealed + "x", pool_id="pool-a", now=1100.0) is None
