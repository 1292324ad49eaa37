"""COGNITO_USER_POOLS verification with a fixed clock: expiry, cache and the expired message."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from cognigate.apigw.model import ApiDefinition, Authorizer, Method, Resource, RestApi
from cognigate.core.clock import FixedClock
from cognigate.gateway.authorizers.cognito import EXPIRED, authorize
from cognigate.gateway.context import Invocation
from cognigate.gateway.errors import Unauthorized
from cognigate.gateway.execution_log import ExecutionLog
from cognigate.gateway.messages import GatewayRequest
from cognigate.gateway.ports import PoolKeySet
from cognigate.gateway.router import RouteMatch
from cognigate.gateway.runtime import Runtime
from cognigate.identity.keys import KeyPurpose, SigningKey, generate_signing_key
from cognigate.identity.tokens import sign
from cognigate.storage import migrate
from cognigate.storage.engine import database_url, make_engine
from cognigate.storage.uow_apigw import SqlApigwUnitOfWork

POOL = "us-east-1_Test12345"
ISSUER = f"http://127.0.0.1:4590/{POOL}"
START = 1_700_000_000.0
KEY = generate_signing_key(KeyPurpose.ID, created=START)


class OnePool:
    """The single user pool these tests know (the PoolKeys port)."""

    def __init__(self, key: SigningKey) -> None:
        self.key = key
        self.lookups = 0

    def keys_for(self, pool_id: str) -> PoolKeySet | None:
        self.lookups += 1
        return PoolKeySet(ISSUER, {self.key.kid: self.key}) if pool_id == POOL else None


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def runtime(clock: FixedClock, tmp_path: Path) -> Iterator[Runtime]:
    engine = make_engine(database_url(None, tmp_path))
    migrate.upgrade(engine)
    yield Runtime(
        clock=clock, pool_keys=OnePool(KEY), uow=SqlApigwUnitOfWork(engine, clock),
        account_id="000000000000", region="us-east-1",
    )  # fmt: skip
    engine.dispose()


AUTHORIZER = Authorizer(
    id="auth1", name="cognito", type="COGNITO_USER_POOLS",
    provider_arns=(f"arn:aws:cognito-idp:us-east-1:000000000000:userpool/{POOL}",),
    identity_source="method.request.header.auth-token",
)  # fmt: skip


def _invocation(token: str, clock: FixedClock) -> Invocation:
    method = Method(http_method="GET", authorization_type="COGNITO_USER_POOLS")
    resource = Resource(id="r1", path="/mock", resource_methods={"GET": method})
    api = RestApi(id="api", name="api", created_date=0.0, root_resource_id="r1")
    return Invocation(
        request=GatewayRequest("GET", "/mock", headers=(("auth-token", token),)),
        api=ApiDefinition(api, {"r1": resource}, authorizers={"auth1": AUTHORIZER}),
        stage="dev", stage_variables={}, request_id="req", started=clock.now(),
        account_id="000000000000", region="us-east-1",
        log=ExecutionLog(clock, "req", enabled=False),
        match=RouteMatch(resource, method, {}, {}),
    )  # fmt: skip


def _id_token(lifetime: int = 3600) -> str:
    claims = {
        "sub": "s", "aud": "client", "token_use": "id", "iss": ISSUER, "cognito:username": "u",
        "iat": int(START), "exp": int(START) + lifetime, "email_verified": True,
    }  # fmt: skip
    return sign(claims, KEY)


def test_valid_id_token_gives_string_claims(runtime: Runtime, clock: FixedClock) -> None:
    outcome = asyncio.run(authorize(_invocation(_id_token(), clock), AUTHORIZER, runtime))

    assert outcome.claims is not None
    assert outcome.claims["email_verified"] == "true"
    assert outcome.claims["exp"] == "Tue Nov 14 23:13:20 UTC 2023"


def test_expired_token_is_401_with_the_expired_message(runtime: Runtime, clock: FixedClock) -> None:
    token = _id_token()
    clock.advance(3600)

    with pytest.raises(Unauthorized) as raised:
        asyncio.run(authorize(_invocation(token, clock), AUTHORIZER, runtime))

    assert raised.value.message == EXPIRED


def test_cached_token_still_expires(runtime: Runtime, clock: FixedClock) -> None:
    token = _id_token(lifetime=120)
    asyncio.run(authorize(_invocation(token, clock), AUTHORIZER, runtime))
    clock.advance(121)

    with pytest.raises(Unauthorized) as raised:
        asyncio.run(authorize(_invocation(token, clock), AUTHORIZER, runtime))

    assert raised.value.message == EXPIRED


OTHER_KEY = generate_signing_key(KeyPurpose.ID, created=START)


def _forged(header_kid: str) -> str:
    """Claims of our pool, signed with another pool's key, announcing ``header_kid``."""
    token = sign(
        {"token_use": "id", "iss": ISSUER, "aud": "client", "exp": int(START) + 3600}, OTHER_KEY
    )
    header = base64.urlsafe_b64encode(
        json.dumps({"kid": header_kid, "alg": "RS256"}).encode()
    ).rstrip(b"=")
    return ".".join([header.decode(), *token.split(".")[1:]])


@pytest.mark.parametrize("kid", [KEY.kid, OTHER_KEY.kid], ids=["our kid", "their kid"])
def test_token_signed_by_another_pools_key_is_unauthorized(
    runtime: Runtime, clock: FixedClock, kid: str
) -> None:
    with pytest.raises(Unauthorized) as raised:
        asyncio.run(authorize(_invocation(_forged(kid), clock), AUTHORIZER, runtime))

    assert raised.value.message == "Unauthorized"
