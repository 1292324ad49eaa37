"""The OAuth domain on real SQLite storage with a fixed clock: code lifetime and sessions."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from cognigate.core.clock import FixedClock
from cognigate.identity.model import ClientConfig, PoolConfig
from cognigate.identity.oauth_errors import InvalidGrant
from cognigate.identity.oauth_requests import AuthorizationRequest
from cognigate.identity.oauth_sessions import HostedSession
from cognigate.identity.oauth_tokens import ClientAuth
from cognigate.identity.service import IdentityService
from cognigate.identity.users import NewUser
from tests.unit.identity.selfservice_support import make_service

REDIRECT = "https://app.example/cb"
PASSWORD = "Unit-Passw0rd!"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def service(tmp_path: Path, clock: FixedClock) -> IdentityService:
    return make_service(tmp_path, clock)


def _setup(service: IdentityService) -> tuple[str, str]:
    pool_id = service.pools.create("pool", PoolConfig(), {}).pool.id
    service.domains.create(pool_id, "unitdomain")
    config = ClientConfig(
        callback_urls=(REDIRECT,), allowed_oauth_flows=("code",),
        allowed_oauth_scopes=("openid", "email"), allowed_oauth_flows_user_pool_client=True,
        supported_identity_providers=("COGNITO",),
    )  # fmt: skip
    client = service.clients.create(pool_id, "app", config)
    service.users.admin_create_user(NewUser(pool_id, "alice", message_action="SUPPRESS"))
    service.users.admin_set_user_password(pool_id, "alice", PASSWORD, permanent=True)
    return pool_id, client.id


def _request(service: IdentityService, client_id: str) -> AuthorizationRequest:
    params = {"client_id": client_id, "response_type": "code", "redirect_uri": REDIRECT}
    return service.oauth.check("unitdomain", params)


def _code(service: IdentityService, pool_id: str, client_id: str) -> str:
    outcome = service.hosted.sign_in(pool_id, client_id, "alice", PASSWORD)
    assert outcome.user is not None
    location = service.oauth.grant(_request(service, client_id), outcome.user, outcome.auth_time)
    return parse_qs(urlsplit(location).query)["code"][0]


def _redeem(service: IdentityService, client_id: str, code: str) -> dict[str, object]:
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT}
    return service.oauth.token("unitdomain", form, ClientAuth(None, client_id, None))


def test_code_is_good_for_five_minutes(service: IdentityService, clock: FixedClock) -> None:
    pool_id, client_id = _setup(service)
    code = _code(service, pool_id, client_id)

    clock.advance(299)

    assert "access_token" in _redeem(service, client_id, code)


def test_code_older_than_five_minutes_is_invalid_grant(
    service: IdentityService, clock: FixedClock
) -> None:
    pool_id, client_id = _setup(service)
    code = _code(service, pool_id, client_id)

    clock.advance(300)

    with pytest.raises(InvalidGrant):
        _redeem(service, client_id, code)


def test_session_of_a_globally_signed_out_user_is_ignored(
    service: IdentityService, clock: FixedClock
) -> None:
    pool_id, client_id = _setup(service)
    user = service.hosted.sign_in(pool_id, client_id, "alice", PASSWORD).user
    assert user is not None
    session = HostedSession(pool_id, user.sub, clock.now(), clock.now())
    assert service.oauth.session_user(pool_id, session) is not None

    clock.advance(1)
    service.sign_out.admin_user_global_sign_out(pool_id, "alice")

    assert service.oauth.session_user(pool_id, session) is None
