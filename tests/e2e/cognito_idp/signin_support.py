"""Pools, users and outbox codes for the sign-in tests (single-use answers, USER_AUTH)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import httpx

from tests.support import Server

PASSWORD = "Correct-Horse-9!"
PHONE = "+15555550100"
SMS_CONFIG = {"SnsCallerArn": "arn:aws:iam::123456789012:role/sns"}


@dataclass(frozen=True)
class Setup:
    """A pool, an app client and one confirmed user with a verified email and phone."""

    pool_id: str
    client_id: str
    username: str


def make_user(cognito: Any, pool_id: str, *, permanent: bool = True, verified: bool = True) -> str:
    username = "user" + secrets.token_hex(3)
    flag = "true" if verified else "false"
    cognito.admin_create_user(
        UserPoolId=pool_id,
        Username=username,
        MessageAction="SUPPRESS",
        TemporaryPassword=PASSWORD,
        UserAttributes=[
            {"Name": "email", "Value": f"{username}@example.com"},
            {"Name": "email_verified", "Value": flag},
            {"Name": "phone_number", "Value": PHONE},
            {"Name": "phone_number_verified", "Value": flag},
        ],
    )
    if permanent:
        cognito.admin_set_user_password(
            UserPoolId=pool_id, Username=username, Password=PASSWORD, Permanent=True
        )
    return username


def setup(cognito: Any, pool: dict[str, Any], flows: list[str], **user: bool) -> Setup:
    """A client with ``flows`` in ``pool`` (from make_pool) and a new user."""
    pool_id = str(pool["Id"])
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=flows
    )["UserPoolClient"]["ClientId"]
    return Setup(pool_id, str(client_id), make_user(cognito, pool_id, **user))


def latest_code(server: Server, pool_id: str, username: str) -> str:
    """The code of the newest message the pool sent the user (the outbox, newest first)."""
    response = httpx.get(
        f"{server.url}/_cognigate/outbox",
        params={"pool_id": pool_id, "username": username},
        timeout=10,
    )
    response.raise_for_status()
    return str(response.json()["messages"][0]["code"])


def respond(cognito: Any, s: Setup, name: str, session: str | None, **answers: str) -> Any:
    params: dict[str, Any] = {
        "ClientId": s.client_id,
        "ChallengeName": name,
        "ChallengeResponses": {"USERNAME": s.username, **answers},
    }
    if session is not None:
        params["Session"] = session
    return cognito.respond_to_auth_challenge(**params)
