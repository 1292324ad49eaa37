"""MFA in the hosted UI: TOTP setup with a server-rendered QR code, then TOTP code entry."""

from __future__ import annotations

import contextlib
import re
import secrets
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import httpx
import pyotp
import pytest
from botocore.exceptions import ClientError

from tests.e2e.oauth.conftest import CODE_CLIENT, NEW_PASSWORD, REGION, TIMEOUT, sign_in
from tests.support import Server

REDIRECT = "http://localhost:8000/callback"
_SECRET = re.compile(r'<code class="secret">([A-Z2-7=]+)</code>')


def _authorize(server: Server, domain: str, client_id: str) -> str:
    query = {"client_id": client_id, "response_type": "code", "scope": "openid",
             "redirect_uri": REDIRECT}  # fmt: skip
    return f"{server.url}/auth/{domain}/oauth2/authorize?{urlencode(query)}"


def _form(page: httpx.Response) -> dict[str, str]:
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text)
    return dict(fields)


def test_totp_setup_page_then_totp_sign_in(
    server: Server, mfa_pool: tuple[Any, str, str, str]
) -> None:
    cognito, pool_id, domain, client_id = mfa_pool
    cognito.admin_create_user(UserPoolId=pool_id, Username="totpuser", MessageAction="SUPPRESS")
    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username="totpuser", Password=NEW_PASSWORD, Permanent=True
    )
    url = _authorize(server, domain, client_id)
    with httpx.Client(timeout=TIMEOUT, base_url=server.url) as browser:
        setup = sign_in(browser, url, "totpuser", NEW_PASSWORD)
        assert setup.status_code == 200, setup.text
        assert 'src="data:image/svg+xml' in setup.text
        match = _SECRET.search(setup.text)
        assert match is not None
        totp = pyotp.TOTP(match.group(1))
        action = f"/auth/{domain}/mfa_setup?" + url.split("?", 1)[1]
        done = browser.post(action, data={**_form(setup), "code": totp.now()})
        assert done.status_code == 302, done.text
        assert done.headers["location"].startswith(REDIRECT + "?code=")

    with httpx.Client(timeout=TIMEOUT, base_url=server.url) as browser:
        challenge = sign_in(browser, url, "totpuser", NEW_PASSWORD)
        assert 'name="challenge" value="SOFTWARE_TOKEN_MFA"' in challenge.text
        action = f"/auth/{domain}/mfa?" + url.split("?", 1)[1]
        wrong = browser.post(action, data={**_form(challenge), "code": "000000"})
        assert wrong.status_code == 400
        next_code = totp.at(time.time() + 30)  # noqa: TID251 - the authenticator app's own clock
        answer = browser.post(action, data={**_form(challenge), "code": next_code})

    assert answer.status_code == 302, answer.text
    assert answer.headers["location"].startswith(REDIRECT + "?code=")


@pytest.fixture(scope="module")
def sms_pool(server: Server) -> Iterator[tuple[Any, str, str, str]]:
    """(cognito, pool id, domain, client id) of a pool offering SMS MFA (OPTIONAL)."""
    cognito = server.client("cognito-idp", region=REGION)
    pool_id = cognito.create_user_pool(PoolName="sms-pool")["UserPool"]["Id"]
    cognito.set_user_pool_mfa_config(
        UserPoolId=pool_id,
        SmsMfaConfiguration={
            "SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::123456789012:role/sns"}
        },
        MfaConfiguration="OPTIONAL",
    )
    domain = f"sms{secrets.randbelow(10**9):09d}"
    cognito.create_user_pool_domain(Domain=domain, UserPoolId=pool_id)
    client = cognito.create_user_pool_client(UserPoolId=pool_id, **CODE_CLIENT)
    yield cognito, pool_id, domain, client["UserPoolClient"]["ClientId"]
    with contextlib.suppress(ClientError):
        cognito.delete_user_pool_domain(Domain=domain, UserPoolId=pool_id)
        cognito.delete_user_pool(UserPoolId=pool_id)


def test_sms_code_page_accepts_the_code_from_the_outbox(
    server: Server, sms_pool: tuple[Any, str, str, str]
) -> None:
    cognito, pool_id, domain, client_id = sms_pool
    cognito.admin_create_user(
        UserPoolId=pool_id, Username="smsuser", MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "phone_number", "Value": "+15555550100"},
                        {"Name": "phone_number_verified", "Value": "true"}],
    )  # fmt: skip
    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username="smsuser", Password=NEW_PASSWORD, Permanent=True
    )
    cognito.admin_set_user_mfa_preference(
        UserPoolId=pool_id, Username="smsuser",
        SMSMfaSettings={"Enabled": True, "PreferredMfa": True},
    )  # fmt: skip
    url = _authorize(server, domain, client_id)
    with httpx.Client(timeout=TIMEOUT, base_url=server.url) as browser:
        challenge = sign_in(browser, url, "smsuser", NEW_PASSWORD)
        assert 'name="challenge" value="SMS_MFA"' in challenge.text
        outbox = browser.get(
            "/_cognigate/outbox", params={"userPoolId": pool_id, "username": "smsuser"}
        ).json()
        code = outbox["messages"][0]["code"]
        action = f"/auth/{domain}/mfa?" + url.split("?", 1)[1]
        answer = browser.post(action, data={**_form(challenge), "code": code})

    assert answer.status_code == 302, answer.text
    assert answer.headers["location"].startswith(REDIRECT + "?code=")
