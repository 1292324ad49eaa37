"""``DefaultEmailOption: CONFIRM_WITH_LINK``: the sign-up email links to the domain's
``confirmUser`` endpoint, which confirms the user."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.e2e.cognito_idp.conftest import PoolFactory
from tests.e2e.cognito_idp.self_service import make_client, messages, sign_up
from tests.support import Server, unique

LINK_TEMPLATE = {"DefaultEmailOption": "CONFIRM_WITH_LINK"}


@pytest.fixture
def link_pool(cognito: Any, make_pool: PoolFactory) -> tuple[str, str, str]:
    """(pool id, client id, domain prefix) of a by-link pool with a domain."""
    pool_id = str(
        make_pool(VerificationMessageTemplate=LINK_TEMPLATE, AutoVerifiedAttributes=["email"])["Id"]
    )
    prefix = unique("link")
    cognito.create_user_pool_domain(UserPoolId=pool_id, Domain=prefix)
    return pool_id, str(make_client(cognito, pool_id)["ClientId"]), prefix


def _link(server: Server, pool_id: str, username: str) -> tuple[dict[str, Any], str]:
    message = messages(server, pool_id, username)[0]
    found = re.search(r'href="([^"]+)"', message["body"])
    assert found is not None, message["body"]
    return message, html.unescape(found.group(1))


def test_describe_shows_the_by_link_defaults(cognito: Any, link_pool: tuple[str, str, str]) -> None:
    pool = cognito.describe_user_pool(UserPoolId=link_pool[0])["UserPool"]

    assert pool["VerificationMessageTemplate"] == {
        "DefaultEmailOption": "CONFIRM_WITH_LINK",
        "EmailMessageByLink": (
            "Please click the link below to verify your email address. {##Verify Email##}"
        ),
        "EmailSubjectByLink": "Your verification link",
    }


def test_sign_up_email_links_to_the_domains_confirm_user_endpoint(
    cognito: Any, server: Server, link_pool: tuple[str, str, str]
) -> None:
    pool_id, client_id, prefix = link_pool

    sign_up(cognito, client_id, "linked")

    message, link = _link(server, pool_id, "linked")
    assert message["subject"] == "Your verification link"
    assert ">Verify Email</a>" in message["body"]
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        f"{server.url}/auth/{prefix}/confirmUser"
    )
    query = parse_qs(parts.query)
    assert query["client_id"] == [client_id]
    assert query["user_name"] == ["linked"]
    assert query["confirmation_code"] == [message["code"]]


def test_following_the_link_confirms_the_user(
    cognito: Any, server: Server, link_pool: tuple[str, str, str]
) -> None:
    pool_id, client_id, _ = link_pool
    sign_up(cognito, client_id, "clicker")
    _, link = _link(server, pool_id, "clicker")

    page = httpx.get(link, timeout=10)

    assert page.status_code == 200
    assert "Your registration has been confirmed!" in page.text
    user = cognito.admin_get_user(UserPoolId=pool_id, Username="clicker")
    assert user["UserStatus"] == "CONFIRMED"
    assert {"Name": "email_verified", "Value": "true"} in user["UserAttributes"]


def test_following_the_link_twice_shows_the_confirmed_status_error(
    cognito: Any, server: Server, link_pool: tuple[str, str, str]
) -> None:
    pool_id, client_id, _ = link_pool
    sign_up(cognito, client_id, "twice")
    _, link = _link(server, pool_id, "twice")
    httpx.get(link, timeout=10)

    again = httpx.get(link, timeout=10)

    assert again.status_code == 400
    assert "User cannot be confirmed. Current status is CONFIRMED" in again.text


def test_the_link_works_on_the_domain_host_name(
    cognito: Any, server: Server, link_pool: tuple[str, str, str]
) -> None:
    pool_id, client_id, prefix = link_pool
    sign_up(cognito, client_id, "hosted")
    _, link = _link(server, pool_id, "hosted")

    page = httpx.get(
        f"{server.url}/confirmUser?{urlsplit(link).query}",
        headers={"Host": f"{prefix}.auth.localhost"},
        timeout=10,
    )

    assert page.status_code == 200
    user = cognito.admin_get_user(UserPoolId=pool_id, Username="hosted")
    assert user["UserStatus"] == "CONFIRMED"


def test_a_wrong_code_in_the_link_leaves_the_user_unconfirmed(
    cognito: Any, server: Server, link_pool: tuple[str, str, str]
) -> None:
    pool_id, client_id, prefix = link_pool
    sign_up(cognito, client_id, "wrong")
    message, _ = _link(server, pool_id, "wrong")
    bad = f"{(int(message['code']) + 1) % 1_000_000:06d}"

    page = httpx.get(
        f"{server.url}/auth/{prefix}/confirmUser",
        params={"client_id": client_id, "user_name": "wrong", "confirmation_code": bad},
        timeout=10,
    )

    assert page.status_code == 400
    assert "Invalid verification code provided, please try again." in page.text
    user = cognito.admin_get_user(UserPoolId=pool_id, Username="wrong")
    assert user["UserStatus"] == "UNCONFIRMED"


def test_a_code_pool_still_sends_the_code_email(
    cognito: Any, server: Server, make_pool: PoolFactory
) -> None:
    pool_id = str(make_pool(AutoVerifiedAttributes=["email"])["Id"])
    client_id = make_client(cognito, pool_id)["ClientId"]

    sign_up(cognito, client_id, "coded")

    message = messages(server, pool_id, "coded")[0]
    assert message["subject"] == "Your verification code"
    assert message["body"] == f"Your verification code is {message['code']}."
