"""Readable times, a forgiving token inspector, the outbox's time column, pool names in the
breadcrumbs and the wizard's MFA methods."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from tests.e2e.console.forms import csrf_of
from tests.support import Server, unique

DATE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC")
PASSWORD = "Lab#Perm5678"


@pytest.fixture
def pool(cognito: Any) -> dict[str, Any]:
    return dict(cognito.create_user_pool(PoolName=unique("console-polish"))["UserPool"])


@pytest.fixture
def id_token(cognito: Any, pool: dict[str, Any]) -> str:
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool["Id"],
        ClientName="app",
        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH"],
    )["UserPoolClient"]["ClientId"]
    cognito.admin_create_user(UserPoolId=pool["Id"], Username="reader", MessageAction="SUPPRESS")
    cognito.admin_set_user_password(
        UserPoolId=pool["Id"], Username="reader", Password=PASSWORD, Permanent=True
    )
    result = cognito.admin_initiate_auth(
        UserPoolId=pool["Id"],
        ClientId=client_id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "reader", "PASSWORD": PASSWORD},
    )
    return str(result["AuthenticationResult"]["IdToken"])


@pytest.fixture
def console(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


def _inspect(console: httpx.Client, text: str) -> str:
    token = csrf_of(console.get("/console/tokens").text)
    return unescape(console.post("/console/tokens", data={"csrf": token, "token_text": text}).text)


def test_pools_list_shows_the_created_time_as_a_date(
    console: httpx.Client, pool: dict[str, Any]
) -> None:
    page = console.get("/console/pools").text
    row = next(line for line in page.splitlines() if pool["Id"] in line)

    assert DATE.search(row)
    assert str(int(pool["CreationDate"].timestamp())) not in row


@pytest.mark.parametrize("prefix", ["Bearer ", "Authorization: Bearer "])
def test_token_inspector_reads_a_token_pasted_from_an_authorization_header(
    console: httpx.Client, id_token: str, prefix: str
) -> None:
    shown = _inspect(console, prefix + id_token)

    assert "verdict-valid" in shown


def test_token_inspector_reads_a_url_encoded_callback_url(
    console: httpx.Client, id_token: str
) -> None:
    callback = f"https://example.com/callback#id_token={id_token}&token_type=Bearer"

    shown = _inspect(console, quote(callback, safe=""))

    assert shown.count("verdict-valid") == 1


def test_token_inspector_shows_exp_and_iat_as_dates(console: httpx.Client, id_token: str) -> None:
    shown = _inspect(console, id_token)

    times = re.findall(r"<dt>(exp|iat)</dt><dd><code>\d+</code> — (.*?)</dd>", shown)
    assert [name for name, _ in times] == ["exp", "iat"]
    assert all(DATE.fullmatch(date) for _, date in times)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not a token at all", "This is not a JSON Web Token"),
        ("https://example.com/callback?code=abc&state=x", "No token found"),
    ],
)
def test_token_inspector_says_what_it_could_not_read(
    console: httpx.Client, text: str, message: str
) -> None:
    assert message in _inspect(console, text)


def test_outbox_lists_when_each_message_was_sent(
    console: httpx.Client, cognito: Any, pool: dict[str, Any]
) -> None:
    cognito.admin_create_user(
        UserPoolId=pool["Id"],
        Username="invited",
        UserAttributes=[{"Name": "email", "Value": "invited@example.com"}],
        DesiredDeliveryMediums=["EMAIL"],
    )

    page = console.get("/console/outbox", params={"pool_id": pool["Id"]}).text

    row = next(line for line in page.splitlines() if "invited@example.com" in line)
    assert DATE.search(row)


@pytest.mark.parametrize("page", ["users/create", "users/reader"])
def test_pool_pages_name_the_pool_in_the_breadcrumbs(
    console: httpx.Client, cognito: Any, pool: dict[str, Any], page: str
) -> None:
    cognito.admin_create_user(UserPoolId=pool["Id"], Username="reader", MessageAction="SUPPRESS")

    crumbs = re.search(
        r'<p class="crumbs">(.*?)</p>', console.get(f"/console/pools/{pool['Id']}/{page}").text
    )

    assert crumbs
    assert f">{pool['Name']}</a>" in crumbs.group(1)


def _wizard(console: httpx.Client, step: str, **state: str) -> httpx.Response:
    token = csrf_of(console.get("/console/pools/create").text)
    fields = {f"s_{name}": value for name, value in state.items()}
    return console.post("/console/pools/create", data={"csrf": token, "step": step, **fields})


def test_wizard_offers_the_mfa_methods(console: httpx.Client) -> None:
    token = csrf_of(console.get("/console/pools/create").text)
    data = {"csrf": token, "step": "1", "sign_in_options": "username"}
    shown = console.post("/console/pools/create", data=data).text

    assert "Authenticator apps" in shown
    assert "SMS message" in shown


def test_wizard_with_required_mfa_and_no_method_asks_for_one(console: httpx.Client) -> None:
    token = csrf_of(console.get("/console/pools/create").text)
    response = console.post(
        "/console/pools/create",
        data={"csrf": token, "step": "2", "password_mode": "cognito_defaults", "mfa": "required"},
    )

    assert response.status_code == 400
    assert "Select at least one MFA method." in response.text


def test_wizard_mfa_with_sms_only_turns_on_sms_mfa(console: httpx.Client, cognito: Any) -> None:
    name = unique("wizard-mfa")
    state = {"sign_in_options": "username", "hosted_ui": "", "client_name": "app"}

    response = _wizard(console, "6", pool_name=name, mfa="required", mfa_methods="sms", **state)

    assert response.status_code == 303
    pool_id = response.headers["location"].rsplit("/", 1)[-1]
    config = cognito.get_user_pool_mfa_config(UserPoolId=pool_id)
    assert config["MfaConfiguration"] == "ON"
    assert config["SoftwareTokenMfaConfiguration"]["Enabled"] is False
    assert config["SmsMfaConfiguration"]["SmsConfiguration"]["SnsCallerArn"].endswith(
        ":role/service-role/CognitoIdpSNSServiceRole"
    )
