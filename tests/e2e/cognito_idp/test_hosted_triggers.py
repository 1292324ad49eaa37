"""Sign-in triggers of a hosted-UI sign-in (code grant): each runs once per issued token set,
with or without an MFA step."""

from __future__ import annotations

import re
import secrets
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest

from tests.e2e.cognito_idp.lambda_support import (
    PASSWORD,
    Functions,
    cognito,
    functions,
    lambda_server,
)
from tests.e2e.oauth.conftest import TIMEOUT, sign_in
from tests.support import Server, unique

__all__ = ["cognito", "functions", "lambda_server"]  # fixtures used by this module

REDIRECT = "http://localhost:8000/callback"
PHONE = "+15555550100"
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')

#: appends each invocation's triggerSource to <function name>.log next to the function
RECORD = """
import os

def handler(event, context):
    path = os.path.join(os.path.dirname(__file__), context.function_name + ".log")
    with open(path, "a") as log:
        log.write(event["triggerSource"] + "\\n")
    return event
"""


def hosted_pool(cognito: Any, fn: str) -> tuple[str, str, str]:
    """(pool id, domain, public code-grant client id); SMS MFA is OPTIONAL."""
    pool_id = cognito.create_user_pool(
        PoolName=unique("hosted"),
        LambdaConfig={"PostAuthentication": fn, "PreTokenGeneration": fn},
    )["UserPool"]["Id"]
    cognito.set_user_pool_mfa_config(
        UserPoolId=pool_id,
        SmsMfaConfiguration={
            "SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::123456789012:role/sns"}
        },
        MfaConfiguration="OPTIONAL",
    )
    domain = f"trig{secrets.randbelow(10**9):09d}"
    cognito.create_user_pool_domain(Domain=domain, UserPoolId=pool_id)
    client = cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="web",
        SupportedIdentityProviders=["COGNITO"],
        CallbackURLs=[REDIRECT],
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid"],
        AllowedOAuthFlowsUserPoolClient=True,
    )
    return pool_id, domain, client["UserPoolClient"]["ClientId"]


def user(cognito: Any, pool_id: str, *, sms_mfa: bool) -> None:
    cognito.admin_create_user(
        UserPoolId=pool_id,
        Username="hana",
        MessageAction="SUPPRESS",
        UserAttributes=[
            {"Name": "phone_number", "Value": PHONE},
            {"Name": "phone_number_verified", "Value": "true"},
        ],
    )
    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username="hana", Password=PASSWORD, Permanent=True
    )
    if sms_mfa:
        cognito.admin_set_user_mfa_preference(
            UserPoolId=pool_id,
            Username="hana",
            SMSMfaSettings={"Enabled": True, "PreferredMfa": True},
        )


def answer_sms(browser: httpx.Client, page: httpx.Response, pool_id: str, url: str) -> str:
    """Submit the SMS code from the outbox on the MFA page; the redirect's location."""
    assert 'name="challenge" value="SMS_MFA"' in page.text, page.text
    outbox = browser.get("/_cognigate/outbox", params={"userPoolId": pool_id, "username": "hana"})
    code = outbox.json()["messages"][0]["code"]
    action = url.replace("/oauth2/authorize?", "/mfa?")
    answered = browser.post(action, data={**dict(_HIDDEN.findall(page.text)), "code": code})
    assert answered.status_code == 302, answered.text
    return answered.headers["location"]


@pytest.mark.parametrize("sms_mfa", [False, True], ids=["password", "password+SMS_MFA"])
def test_hosted_sign_in_runs_post_authentication_and_pre_token_generation_once(
    lambda_server: tuple[Server, Functions], cognito: Any, functions: Functions, sms_mfa: bool
) -> None:
    server, fn = lambda_server[0], functions.deploy("record", RECORD)
    pool_id, domain, client_id = hosted_pool(cognito, fn)
    user(cognito, pool_id, sms_mfa=sms_mfa)
    query = {"client_id": client_id, "response_type": "code", "scope": "openid",
             "redirect_uri": REDIRECT}  # fmt: skip
    url = f"{server.url}/auth/{domain}/oauth2/authorize?{urlencode(query)}"

    with httpx.Client(timeout=TIMEOUT, base_url=server.url) as browser:
        page = sign_in(browser, url, "hana", PASSWORD)
        location = answer_sms(browser, page, pool_id, url) if sms_mfa else page.headers["location"]
        code = parse_qs(urlsplit(location).query)["code"][0]
        tokens = browser.post(
            f"/auth/{domain}/oauth2/token",
            data={
                "grant_type": "authorization_code",
                "client_id": client_id,
                "code": code,
                "redirect_uri": REDIRECT,
            },
        )

    assert tokens.status_code == 200, tokens.text
    log = functions.directory / f"{fn.rsplit(':', 1)[-1]}.log"
    assert log.read_text().splitlines() == [
        "PostAuthentication_Authentication",
        "TokenGeneration_HostedAuth",
    ]
