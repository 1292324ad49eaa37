"""Helpers of the self-service tests: app clients, outbox codes, sign-up and sign-in."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from typing import Any

import httpx

from tests.support import Server

PASSWORD = "Sign-up-Passw0rd!"
PASSWORD_FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"]


def make_client(cognito: Any, pool_id: str, **params: Any) -> dict[str, Any]:
    """An app client allowing the password flow (plus whatever ``params`` set)."""
    params.setdefault("ClientName", "app")
    params.setdefault("ExplicitAuthFlows", PASSWORD_FLOWS)
    client: dict[str, Any] = cognito.create_user_pool_client(UserPoolId=pool_id, **params)[
        "UserPoolClient"
    ]
    return client


def messages(server: Server, pool_id: str, username: str | None = None) -> list[dict[str, Any]]:
    """The pool's outbox, newest first."""
    query = {"pool_id": pool_id} | ({"username": username} if username else {})
    response = httpx.get(f"{server.url}/_cognigate/outbox", params=query, timeout=10)
    response.raise_for_status()
    found: list[dict[str, Any]] = response.json()["messages"]
    return found


def latest_code(server: Server, pool_id: str, username: str, kind: str | None = None) -> str:
    """The code of the newest message to ``username`` (of ``kind`` if given)."""
    for message in messages(server, pool_id, username):
        if kind is None or message["kind"] == kind:
            return str(message["code"])
    raise AssertionError(f"no {kind or ''} message for {username}")


def email_of(username: str) -> str:
    return f"{username}@example.com"


def sign_up(cognito: Any, client_id: str, username: str, **extra: Any) -> dict[str, Any]:
    extra.setdefault("Password", PASSWORD)
    extra.setdefault("UserAttributes", [{"Name": "email", "Value": email_of(username)}])
    result: dict[str, Any] = cognito.sign_up(ClientId=client_id, Username=username, **extra)
    return result


def confirmed_user(
    cognito: Any, server: Server, pool_id: str, client_id: str, username: str | None = None
) -> str:
    """Sign a user up and confirm them with the code from the outbox; returns the username."""
    username = username or f"user{secrets.token_hex(3)}"
    sign_up(cognito, client_id, username)
    code = latest_code(server, pool_id, username)
    cognito.confirm_sign_up(ClientId=client_id, Username=username, ConfirmationCode=code)
    return username


def sign_in(
    cognito: Any, client_id: str, username: str, password: str = PASSWORD
) -> dict[str, Any]:
    """USER_PASSWORD_AUTH; returns the AuthenticationResult."""
    result: dict[str, Any] = cognito.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password},
    )["AuthenticationResult"]
    return result


def secret_hash(client: dict[str, Any], username: str) -> str:
    message = (username + client["ClientId"]).encode()
    digest = hmac.new(client["ClientSecret"].encode(), message, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def wrong_code(code: str) -> str:
    """A six-digit code that is not ``code``."""
    return f"{(int(code) + 1) % 1_000_000:06d}"
