"""Node clients against the server: ``amazon-cognito-identity-js`` signs in by SRP (with its
``endpoint`` option) and ``aws-jwt-verify`` checks the tokens against the pool's JWKS.

The npm packages live in ``tests/js`` (``npm ci --prefix tests/js``; ``scripts/test`` runs it).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.cognito_idp.conftest import PoolFactory
from tests.support import Server, unique

JS_DIR = Path(__file__).resolve().parents[2] / "js"
SCRIPT = JS_DIR / "srp_sign_in.mjs"
PASSWORD = "Initial-Passw0rd!"
NEW_PASSWORD = "Changed-Passw0rd!"


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed; install Node.js 20+ and run `npm ci --prefix tests/js`")
    if not (JS_DIR / "node_modules" / "amazon-cognito-identity-js").is_dir():
        pytest.fail("tests/js/node_modules is missing; run `npm ci --prefix tests/js`")
    return node


def _sign_in(server: Server, pool_id: str, client_id: str, **params: Any) -> dict[str, Any]:
    """Runs ``srp_sign_in.mjs``; returns its ``{idClaims, accessClaims, challenge}``."""
    payload = {
        "endpoint": server.url,
        "userPoolId": pool_id,
        "clientId": client_id,
        "issuer": f"{server.url}/{pool_id}",
        "jwksUri": f"{server.url}/{pool_id}/.well-known/jwks.json",
        **params,
    }
    result = subprocess.run(
        [_node(), str(SCRIPT)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=JS_DIR,
        check=False,
    )
    assert result.returncode == 0, (
        f"node exited {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    )
    output: dict[str, Any] = json.loads(result.stdout)
    return output


@pytest.fixture
def pool_and_client(cognito: Any, make_pool: PoolFactory) -> tuple[str, str]:
    pool = make_pool(
        Schema=[{"Name": "email", "AttributeDataType": "String", "Required": True, "Mutable": True}]
    )
    client = cognito.create_user_pool_client(
        UserPoolId=pool["Id"],
        ClientName=unique("node"),
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]
    return str(pool["Id"]), str(client["ClientId"])


def _assert_token_claims(
    claims: dict[str, Any], server: Server, pool_id: str, client_id: str, username: str
) -> None:
    id_claims, access_claims = claims["idClaims"], claims["accessClaims"]
    issuer = f"{server.url}/{pool_id}"
    assert id_claims["token_use"] == "id"
    assert id_claims["iss"] == issuer
    assert id_claims["aud"] == client_id
    assert id_claims["cognito:username"] == username
    assert access_claims["token_use"] == "access"
    assert access_claims["iss"] == issuer
    assert access_claims["client_id"] == client_id
    assert access_claims["username"] == username
    assert access_claims["sub"] == id_claims["sub"]


def test_confirmed_user_signs_in_by_srp(
    server: Server, cognito: Any, pool_and_client: tuple[str, str]
) -> None:
    pool_id, client_id = pool_and_client
    username = unique("srp")
    cognito.admin_create_user(
        UserPoolId=pool_id,
        Username=username,
        MessageAction="SUPPRESS",
        UserAttributes=[
            {"Name": "email", "Value": f"{username}@example.com"},
            {"Name": "email_verified", "Value": "true"},
        ],
    )
    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username=username, Password=PASSWORD, Permanent=True
    )

    claims = _sign_in(server, pool_id, client_id, username=username, password=PASSWORD)

    assert claims["challenge"] is None
    _assert_token_claims(claims, server, pool_id, client_id, username)
    assert claims["idClaims"]["email"] == f"{username}@example.com"


def test_new_password_required_through_srp(
    server: Server, cognito: Any, pool_and_client: tuple[str, str]
) -> None:
    pool_id, client_id = pool_and_client
    username = unique("npr")
    email = f"{username}@example.com"
    cognito.admin_create_user(
        UserPoolId=pool_id,
        Username=username,
        TemporaryPassword=PASSWORD,
        MessageAction="SUPPRESS",
    )
    user = cognito.admin_get_user(UserPoolId=pool_id, Username=username)
    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD"

    claims = _sign_in(
        server,
        pool_id,
        client_id,
        username=username,
        password=PASSWORD,
        newPassword=NEW_PASSWORD,
        newAttributes={"email": email},
    )

    assert claims["challenge"] == "NEW_PASSWORD_REQUIRED"
    _assert_token_claims(claims, server, pool_id, client_id, username)
    assert claims["idClaims"]["email"] == email
    user = cognito.admin_get_user(UserPoolId=pool_id, Username=username)
    assert user["UserStatus"] == "CONFIRMED"
    attributes = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    assert attributes["email"] == email

    # The new password is the one that now works.
    again = _sign_in(server, pool_id, client_id, username=username, password=NEW_PASSWORD)
    assert again["challenge"] is None
    assert again["idClaims"]["email"] == email
