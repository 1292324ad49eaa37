"""A service on real SQLite storage with a fixed clock, for the self-service unit tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cognigate.app import build
from cognigate.config import Settings
from cognigate.core.clock import FixedClock
from cognigate.identity.model import ClientConfig, PoolConfig
from cognigate.identity.outbox import OutboxQuery
from cognigate.identity.service import IdentityService
from cognigate.identity.signup import SignUpRequest

PASSWORD = "Unit-Passw0rd!"
FLOWS = ("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")


def make_service(tmp_path: Path, clock: FixedClock) -> IdentityService:
    return build(Settings(data_dir=tmp_path / "data"), clock=clock).identity


def pool_and_client(service: IdentityService, **config: Any) -> tuple[str, str]:
    config.setdefault("auto_verified_attributes", ("email",))
    pool_id = service.pools.create("pool", PoolConfig(**config), {}).pool.id
    client = service.clients.create(pool_id, "app", ClientConfig(explicit_auth_flows=FLOWS))
    return pool_id, client.id


def signed_up(service: IdentityService, client_id: str, username: str) -> None:
    service.signup.sign_up(
        SignUpRequest(
            client_id=client_id,
            username=username,
            password=PASSWORD,
            attributes=(("email", f"{username}@example.com"),),
        )
    )


def last_code(service: IdentityService, pool_id: str, username: str) -> str:
    message = service.outbox.list_messages(OutboxQuery(pool_id=pool_id, username=username))[0]
    assert message.code is not None
    return message.code


def access_token(service: IdentityService, client_id: str, username: str) -> str:
    result = service.auth.initiate(
        client_id=client_id,
        flow="USER_PASSWORD_AUTH",
        params={"USERNAME": username, "PASSWORD": PASSWORD},
    )
    assert result.grant is not None
    return result.grant.access_token
