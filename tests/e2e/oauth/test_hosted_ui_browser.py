"""The lab's Task 2 in a real browser: headless Chromium signs in through the hosted UI.

Navigation to https://example.com is intercepted, so nothing leaves the machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import jwt
import pyotp
import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

from tests.e2e.oauth.conftest import CALLBACK, LAB_PASSWORD, NEW_PASSWORD, HostedPool
from tests.support import Server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SCREENSHOTS = Path(__file__).resolve().parents[3] / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    opened = context.new_page()

    def callback(route: Route) -> None:
        route.fulfill(status=200, content_type="text/html", body="<h1>example.com callback</h1>")

    opened.route("https://example.com/**", callback)
    yield opened
    context.close()


def _shot(page: Page, backend: str, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{backend}-{name}.png"), full_page=True)


def _lab_login_url(hosted: HostedPool, client_id: str) -> str:
    query = {"client_id": client_id, "response_type": "token", "scope": "email openid phone",
             "redirect_uri": CALLBACK}  # fmt: skip
    return f"{hosted.base}/login?{urlencode(query)}"


def test_lab_task2_first_sign_in_lands_on_callback_with_implicit_tokens(
    hosted: HostedPool, page: Page, backend: str
) -> None:
    client_id = hosted.client("lab")["ClientId"]
    hosted.user("CognitoUser", temporary=True)

    page.goto(_lab_login_url(hosted, client_id))
    _shot(page, backend, "1-sign-in")
    page.get_by_label("Username").fill("cognitouser")
    page.get_by_label("Password").fill(LAB_PASSWORD)
    page.locator("button[name=signInSubmitButton]").click()
    page.wait_for_selector("input[name=newPassword]")
    _shot(page, backend, "2-change-password")
    page.get_by_label("New Password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Enter New Password Again").fill(NEW_PASSWORD)
    page.get_by_label("Email").fill("test1@gmail.com")
    page.get_by_role("button", name="Send").click()
    page.wait_for_url("https://example.com/callback#*")
    _shot(page, backend, "3-callback")

    url = urlsplit(page.url)
    fragment = parse_qsl(url.fragment)
    assert f"{url.scheme}://{url.netloc}{url.path}" == CALLBACK
    assert [k for k, _ in fragment] == ["id_token", "access_token", "expires_in", "token_type"]
    values = dict(fragment)
    assert values["expires_in"] == "3600"
    assert values["token_type"] == "Bearer"
    jwks = jwt.PyJWKClient(f"{hosted.issuer}/.well-known/jwks.json")
    id_token = values["id_token"]
    claims = jwt.decode(
        id_token, jwks.get_signing_key_from_jwt(id_token).key, algorithms=["RS256"],
        audience=client_id, issuer=hosted.issuer,
    )  # fmt: skip
    assert claims["cognito:username"] == "CognitoUser"
    assert claims["email"] == "test1@gmail.com"
    assert claims["token_use"] == "id"
    assert "at_hash" in claims
    assert "origin_jti" not in claims
    access = jwt.decode(values["access_token"], options={"verify_signature": False})
    assert set(access["scope"].split()) == {"email", "openid", "phone"}
    assert access["version"] == 2


def test_wrong_password_shows_cognito_message_in_the_browser(
    hosted: HostedPool, page: Page, backend: str
) -> None:
    client_id = hosted.client("lab")["ClientId"]

    page.goto(_lab_login_url(hosted, client_id))
    page.get_by_label("Username").fill("nobody-here")
    page.get_by_label("Password").fill("Wrong-Passw0rd!")
    page.locator("button[name=signInSubmitButton]").click()

    alert = page.get_by_role("alert")
    alert.wait_for()
    _shot(page, backend, "4-wrong-password")
    assert alert.inner_text() == "Incorrect username or password."


@pytest.mark.parametrize(
    "name", ["signup", "confirm", "forgotPassword", "confirmForgotPassword", "error"]
)
def test_every_hosted_page_renders_accessibly_without_javascript(
    hosted: HostedPool, browser: Browser, backend: str, name: str
) -> None:
    client_id = hosted.client("lab")["ClientId"]
    context = browser.new_context(java_script_enabled=False)
    opened = context.new_page()

    answer = opened.goto(_lab_login_url(hosted, client_id).replace("/login?", f"/{name}?"))
    _shot(opened, backend, f"page-{name}")
    fields = opened.locator("input:not([type=hidden])")
    ids = [fields.nth(i).get_attribute("id") for i in range(fields.count())]
    unlabelled = [i for i in ids if not i or opened.locator(f"label[for='{i}']").count() != 1]
    context.close()

    assert answer is not None
    assert answer.status == (400 if name == "error" else 200)
    assert unlabelled == []


def test_totp_setup_in_the_browser_shows_a_scannable_qr_code(
    server: Server, mfa_pool: tuple[Any, str, str, str], page: Page, backend: str
) -> None:
    cognito, pool_id, domain, client_id = mfa_pool
    cognito.admin_create_user(UserPoolId=pool_id, Username="qruser", MessageAction="SUPPRESS")
    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username="qruser", Password=NEW_PASSWORD, Permanent=True
    )
    query = {"client_id": client_id, "response_type": "code", "scope": "openid",
             "redirect_uri": CALLBACK}  # fmt: skip

    page.goto(f"{server.url}/auth/{domain}/oauth2/authorize?{urlencode(query)}")
    page.get_by_label("Username").fill("qruser")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.locator("button[name=signInSubmitButton]").click()
    qr = page.get_by_role("img", name="QR code for setting up your authenticator app")
    qr.wait_for()
    _shot(page, backend, "5-totp-setup")
    secret = page.locator("code.secret").inner_text()
    page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url("https://example.com/callback?code=*")

    assert qr.count() == 0
    assert "code=" in page.url
