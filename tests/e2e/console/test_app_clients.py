"""App clients in the console: edit (UpdateUserPoolClient), Create app client, and cleaning
up what the wizard makes: Delete Cognito domain, then Delete user pool with its name typed."""

from __future__ import annotations

from collections.abc import Callable
from html import unescape
from typing import Any

import httpx
import pytest
from botocore.exceptions import ClientError

from tests.e2e.console.forms import csrf_of
from tests.support import Server, unique

CALLBACK = "https://example.com/callback"
FLOWS = ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"]


@pytest.fixture
def pool_id(cognito: Any) -> str:
    return str(cognito.create_user_pool(PoolName=unique("console-clients"))["UserPool"]["Id"])


@pytest.fixture
def client_id(cognito: Any, pool_id: str) -> str:
    """The lab's app client, with the callback URL mistyped."""
    return str(
        cognito.create_user_pool_client(
            UserPoolId=pool_id,
            ClientName="lab-api-client",
            ExplicitAuthFlows=FLOWS,
            CallbackURLs=["https://example.com/calback"],
            AllowedOAuthFlows=["implicit"],
            AllowedOAuthScopes=["email", "openid", "phone"],
            AllowedOAuthFlowsUserPoolClient=True,
            SupportedIdentityProviders=["COGNITO"],
        )["UserPoolClient"]["ClientId"]
    )


def _form(**changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "client_name": "lab-api-client",
        "auth_flows": FLOWS,
        "callback_urls": CALLBACK,
        "logout_urls": "",
        "grant_types": ["implicit"],
        "scopes": ["email", "openid", "phone"],
        "refresh": "30",
        "refresh_unit": "days",
        "access": "60",
        "access_unit": "minutes",
        "id": "60",
        "id_unit": "minutes",
    }
    return fields | changes


def _post(server: Server, page: str, fields: dict[str, Any]) -> httpx.Response:
    with httpx.Client(base_url=server.url, timeout=30) as client:
        token = csrf_of(client.get(page).text)
        return client.post(page, data={"csrf": token, **fields})


def _described(cognito: Any, pool_id: str, client_id: str) -> dict[str, Any]:
    found = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    return dict(found["UserPoolClient"])


def test_editing_the_app_client_fixes_the_callback_url_and_keeps_the_rest(
    server: Server, cognito: Any, pool_id: str, client_id: str
) -> None:
    response = _post(server, f"/console/pools/{pool_id}/clients/{client_id}/edit", _form())

    assert response.status_code == 303
    client = _described(cognito, pool_id, client_id)
    assert client["CallbackURLs"] == [CALLBACK]
    assert (client["AllowedOAuthFlows"], sorted(client["ExplicitAuthFlows"])) == (
        ["implicit"],
        FLOWS,
    )


def test_editing_grants_scopes_and_token_validity_reaches_describe(
    server: Server, cognito: Any, pool_id: str, client_id: str
) -> None:
    fields = _form(grant_types=["code"], scopes=["openid"], access="2", access_unit="hours")

    _post(server, f"/console/pools/{pool_id}/clients/{client_id}/edit", fields)

    client = _described(cognito, pool_id, client_id)
    assert (client["AllowedOAuthFlows"], client["AllowedOAuthScopes"]) == (["code"], ["openid"])
    assert (client["AccessTokenValidity"], client["TokenValidityUnits"]["AccessToken"]) == (
        2,
        "hours",
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"callback_urls": "http://example.com/cb"}, "cannot use the HTTP protocol"),
        ({"client_name": "x" * 129}, "Member must have length less than or equal to 128"),
        ({"access": "soon"}, "Access token expiration: enter a whole number."),
    ],
)
@pytest.mark.usefixtures("client_id")
def test_an_edit_aws_refuses_shows_its_message_and_changes_nothing(
    server: Server, cognito: Any, pool_id: str, changes: dict[str, str], message: str
) -> None:
    [listed] = cognito.list_user_pool_clients(UserPoolId=pool_id)["UserPoolClients"]
    page = f"/console/pools/{pool_id}/clients/{listed['ClientId']}/edit"

    response = _post(server, page, _form(**changes))

    assert response.status_code == 400
    assert message in unescape(response.text)
    assert _described(cognito, pool_id, listed["ClientId"])["CallbackURLs"] == [
        "https://example.com/calback"
    ]


def test_create_app_client_adds_a_client_with_the_chosen_settings(
    server: Server, cognito: Any, pool_id: str
) -> None:
    fields = _form(client_name="second-client", secret="generate")

    response = _post(server, f"/console/pools/{pool_id}/clients/create", fields)

    assert response.status_code == 303
    listed = cognito.list_user_pool_clients(UserPoolId=pool_id)["UserPoolClients"]
    [created] = [c for c in listed if c["ClientName"] == "second-client"]
    client = _described(cognito, pool_id, created["ClientId"])
    assert (client["CallbackURLs"], "ClientSecret" in client) == ([CALLBACK], True)


def test_delete_user_pool_needs_its_name_typed(server: Server, cognito: Any, pool_id: str) -> None:
    response = _post(server, f"/console/pools/{pool_id}/delete", {"confirm": "not the name"})

    assert response.status_code == 400
    assert cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Id"] == pool_id


def test_a_pool_with_a_domain_is_deleted_in_the_browser_after_its_domain(
    server: Server, cognito: Any, chromium: Callable[..., Any]
) -> None:
    name = unique("wizard-pool")
    pool_id = cognito.create_user_pool(PoolName=name)["UserPool"]["Id"]
    domain = unique("dom").lower()
    cognito.create_user_pool_domain(UserPoolId=pool_id, Domain=domain)
    page = chromium(javascript=False)
    page.goto(f"{server.url}/console/pools/{pool_id}?tab=app-integration")

    page.get_by_role("button", name="Delete Cognito domain").click()
    page.get_by_label("To confirm deletion").fill(domain)
    page.get_by_role("button", name="Delete", exact=True).click()
    page.get_by_role("button", name="Delete user pool").click()
    page.get_by_label("To confirm deletion").fill(name)
    page.get_by_role("button", name="Delete", exact=True).click()

    assert page.locator(".banner").inner_text() == f'User pool "{name}" has been deleted.'
    with pytest.raises(ClientError):
        cognito.describe_user_pool(UserPoolId=pool_id)
