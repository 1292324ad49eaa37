"""pycognito, unchanged, against the server: the forced password change over SRP (it re-sends
the verifier answers with NEW_PASSWORD_REQUIRED, which must be ignored) and an SRP sign-in of
the confirmed user. pycognito takes ``endpoint_url`` as the issuer's base and verifies both
token sets (signature from our JWKS, ``iss``, ``aud``, ``token_use``)."""

from __future__ import annotations

from typing import Any

import jwt
from pycognito import Cognito

from tests.e2e.cognito_idp.conftest import PoolFactory
from tests.support import Server


def user_of(server: Server, pool_id: str, client_id: str, username: str) -> Cognito:
    return Cognito(
        pool_id,
        client_id,
        user_pool_region="us-east-1",
        username=username,
        boto3_client_kwargs={
            "endpoint_url": server.url,
            "aws_access_key_id": "AKIDEXAMPLE",
            "aws_secret_access_key": "secret",
        },
    )


def test_forced_password_change_then_srp_sign_in(
    server: Server, cognito: Any, make_pool: PoolFactory
) -> None:
    pool_id = make_pool()["Id"]
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="pyc",
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    cognito.admin_create_user(
        UserPoolId=pool_id,
        Username="erin",
        TemporaryPassword="Temp#12345",
        MessageAction="SUPPRESS",
    )

    changed = user_of(server, pool_id, client_id, "erin")
    changed.new_password_challenge(password="Temp#12345", new_password="Final#12345")
    assert changed.access_token
    user = cognito.admin_get_user(UserPoolId=pool_id, Username="erin")
    assert user["UserStatus"] == "CONFIRMED"

    again = user_of(server, pool_id, client_id, "erin")
    again.authenticate(password="Final#12345")
    claims = jwt.decode(again.id_token, options={"verify_signature": False})
    assert claims["cognito:username"] == "erin"
    assert claims["iss"] == f"{server.url}/{pool_id}"
    assert again.get_user().username == "erin"
