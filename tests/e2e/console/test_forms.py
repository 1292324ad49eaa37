"""Console forms show AWS's error for bad input and change nothing; an exposed console
refuses anonymous use."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tests.support import Server, unique

PASSWORD = "console-admin-password"
MISSING_POOL_ARN = "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_missing0"


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "form without a CSRF token"
    return found.group(1)


@pytest.fixture
def pool_id(cognito: Any) -> str:
    return str(cognito.create_user_pool(PoolName=unique("console"))["UserPool"]["Id"])


def _create_user(server: Server, pool_id: str, username: str, password: str) -> httpx.Response:
    with httpx.Client(base_url=server.url, timeout=30) as client:
        form = client.get(f"/console/pools/{pool_id}/users/create")
        return client.post(
            f"/console/pools/{pool_id}/users/create",
            data={
                "csrf": _csrf(form.text),
                "invitation": "none",
                "username": username,
                "password_mode": "set",
                "password": password,
            },
        )


def test_create_user_with_a_weak_password_shows_the_policy_error(
    server: Server, cognito: Any, pool_id: str
) -> None:
    response = _create_user(server, pool_id, "weak-user", "short")

    assert response.status_code == 400
    assert "InvalidPasswordException: Password did not conform with policy" in response.text
    assert cognito.list_users(UserPoolId=pool_id)["Users"] == []


def test_create_duplicate_user_shows_username_exists(
    server: Server, cognito: Any, pool_id: str
) -> None:
    assert _create_user(server, pool_id, "twice", "Good#Pass123").status_code == 303

    response = _create_user(server, pool_id, "twice", "Good#Pass123")

    assert response.status_code == 400
    assert "UsernameExistsException: User account already exists" in response.text
    assert len(cognito.list_users(UserPoolId=pool_id)["Users"]) == 1


def test_create_authorizer_for_an_unknown_pool_shows_the_error(
    server: Server, apigateway: Any
) -> None:
    api_id = apigateway.create_rest_api(name=unique("console-api"))["id"]
    with httpx.Client(base_url=server.url, timeout=30) as client:
        page = client.get(f"/console/apis/{api_id}/authorizers")
        response = client.post(
            f"/console/apis/{api_id}/authorizers/create",
            data={
                "csrf": _csrf(page.text),
                "name": "bad",
                "type": "COGNITO_USER_POOLS",
                "user_pool": MISSING_POOL_ARN,
                "token_source": "auth-token",
            },
            follow_redirects=True,
        )

    assert "banner-error" in response.text
    assert apigateway.get_authorizers(restApiId=api_id)["items"] == []


@pytest.fixture
def exposed(fresh_server: Server) -> Server:
    """Bound to every address with an admin password; the test only talks to 127.0.0.1."""
    fresh_server.extra_args = ["--host", "0.0.0.0", "--admin-password", PASSWORD]  # noqa: S104
    fresh_server.start()
    return fresh_server


@pytest.mark.parametrize(
    "path",
    [
        "/console/",
        "/console/pools",
        "/console/pools/create",
        "/console/apis",
        "/console/tokens",
        "/console/outbox",
    ],
)
def test_exposed_console_refuses_anonymous_pages(exposed: Server, path: str) -> None:
    response = httpx.get(f"{exposed.url}{path}", timeout=30)

    assert response.status_code == 303
    assert response.headers["location"] == "/console/signin"


def test_exposed_console_forms_need_a_session_and_csrf(exposed: Server) -> None:
    with httpx.Client(base_url=exposed.url, timeout=30) as client:
        anonymous = client.post("/console/pools/create", data={"step": "1"})
        sign_in = client.get("/console/signin")
        client.post("/console/signin", data={"csrf": _csrf(sign_in.text), "password": PASSWORD})
        without_token = client.post("/console/apis", data={"name": "no-token"})
        listed = client.get("/console/apis")

    assert anonymous.status_code == 403
    assert without_token.status_code == 403
    assert listed.status_code == 200
    assert "no-token" not in listed.text


def test_wizard_failure_after_the_domain_leaves_nothing_behind(
    server: Server, cognito: Any
) -> None:
    name, prefix = unique("half-made"), unique("undo")
    state = {
        "s_sign_in_options": "username",
        "s_pool_name": name,
        "s_hosted_ui": "on",
        "s_domain_prefix": prefix,
        "s_client_name": "app",
        "s_grant_types": "implicit",
        "s_callback_url": "http://not-loopback.example.com/cb",
        "s_scopes": "openid",
        "s_auth_flows": "ALLOW_USER_SRP_AUTH",
        "s_mfa": "none",
    }
    with httpx.Client(base_url=server.url, timeout=30) as client:
        form = client.get("/console/pools/create")
        response = client.post(
            "/console/pools/create", data={"csrf": _csrf(form.text), "step": "6", **state}
        )

    pools = cognito.list_user_pools(MaxResults=60)["UserPools"]
    assert response.status_code == 400
    assert "cannot use the HTTP protocol" in response.text
    assert name not in [p["Name"] for p in pools]
    assert cognito.describe_user_pool_domain(Domain=prefix)["DomainDescription"] == {}
