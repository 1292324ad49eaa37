"""GetUser accepts only tokens this installation signed: tokens survive a restart; forged,
tampered, unsigned or foreign tokens are refused with ``Invalid Access Token``."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.support import Server, unique

PASSWORD = "Token#Check123"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _segments(token: str) -> list[str]:
    return token.split(".")


def _payload(token: str) -> dict[str, Any]:
    part = _segments(token)[1]
    value = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    assert isinstance(value, dict)
    return value


def sign_in(cognito: Any) -> str:
    pool_id = cognito.create_user_pool(PoolName=unique("tokens"))["UserPool"]["Id"]
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"]
    )["UserPoolClient"]["ClientId"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="alice", MessageAction="SUPPRESS")
    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username="alice", Password=PASSWORD, Permanent=True
    )
    result = cognito.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD},
    )
    return str(result["AuthenticationResult"]["AccessToken"])


def refused(cognito: Any, token: str) -> tuple[str, str]:
    with pytest.raises(ClientError) as excinfo:
        cognito.get_user(AccessToken=token)
    error = excinfo.value.response["Error"]
    return error["Code"], error["Message"]


def test_access_token_stays_valid_across_a_restart(fresh_server: Server) -> None:
    fresh_server.start()
    token = sign_in(fresh_server.client("cognito-idp"))
    fresh_server.stop()

    fresh_server.start()
    user = fresh_server.client("cognito-idp").get_user(AccessToken=token)

    assert user["Username"] == "alice"


def test_unsigned_alg_none_token_is_refused(cognito: Any) -> None:
    token = sign_in(cognito)
    header = _b64(json.dumps({"alg": "none", "kid": "x"}).encode())
    forged = f"{header}.{_segments(token)[1]}."

    assert refused(cognito, forged) == ("NotAuthorizedException", "Invalid Access Token")


def test_tampered_payload_is_refused(cognito: Any) -> None:
    token = sign_in(cognito)
    claims = _payload(token) | {"username": "mallory"}
    header, _, signature = _segments(token)
    tampered = f"{header}.{_b64(json.dumps(claims).encode())}.{signature}"

    assert refused(cognito, tampered) == ("NotAuthorizedException", "Invalid Access Token")


def test_token_signed_by_another_pools_key_is_refused(cognito: Any) -> None:
    mine, other = sign_in(cognito), sign_in(cognito)
    _, payload, _ = _segments(mine)
    other_header, _, other_signature = _segments(other)
    forged = f"{other_header}.{payload}.{other_signature}"

    assert refused(cognito, forged) == ("NotAuthorizedException", "Invalid Access Token")


def test_garbage_token_is_refused(cognito: Any) -> None:
    assert refused(cognito, "not-a-token") == ("NotAuthorizedException", "Invalid Access Token")
