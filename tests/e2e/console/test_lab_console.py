"""The whole lab through the web console and the hosted UI only, in headless Chromium.

Task 1 (user pool wizard), Task 2 (create user, hosted UI sign-in with a forced password
change, read the id_token from the callback), Task 3 (Mock API test, Cognito authorizer,
method authorization, deploy) and Task 4 (401 without a token, "Test authorizer" with the
pasted id_token). Screenshots of every step go to ``artifacts/screenshots/console-lab``.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.support import Server

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).resolve().parents[3] / "artifacts" / "screenshots" / "console-lab"
TEMP_PASSWORD = "Lab#Temp1234"
NEW_PASSWORD = "Lab#Perm5678"
CALLBACK = "https://example.com/callback"


@pytest.fixture
def lab_server(fresh_server: Server) -> Server:
    fresh_server.extra_args = ["--lab"]
    fresh_server.start()
    return fresh_server


@pytest.fixture
def page(lab_server: Server) -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is required: apt-get install chromium")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context()
        page = context.new_page()
        page.set_default_timeout(15000)
        yield page
        browser.close()


class Shots:
    def __init__(self, page: Any) -> None:
        self.page = page
        self.count = 0

    def __call__(self, name: str) -> None:
        self.count += 1
        self.page.screenshot(path=str(SHOTS / f"{self.count:02d}-{name}.png"), full_page=True)


def banner(page: Any) -> str:
    return str(page.locator(".banner").first.inner_text())


def create_pool(page: Any, base: str, shot: Shots) -> None:
    page.goto(f"{base}/console/pools/create")
    page.get_by_label("User name", exact=True).check()
    page.get_by_label("Allow users to sign in with a preferred user name").check()
    shot("wizard-sign-in")
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Cognito defaults").check()
    page.get_by_label("No MFA").check()
    shot("wizard-security")
    page.get_by_role("button", name="Next").click()
    page.get_by_label(
        "Keep original attribute value active when an update is pending - Recommended"
    ).uncheck()
    shot("wizard-sign-up")
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Send email with Cognito").check()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("User pool name").fill("cognito-lab-pool")
    page.get_by_label("Use the Cognito Hosted UI").check()
    page.get_by_label("Cognito domain").fill("lab240679")
    page.get_by_label("Public client").check()
    page.get_by_label("App client name").fill("lab-api-client")
    page.get_by_label("Don't generate a client secret").check()
    page.get_by_label("Allowed callback URLs").fill(CALLBACK)
    page.get_by_label("ALLOW_CUSTOM_AUTH").check()
    page.get_by_label("Implicit grant").check()
    page.get_by_label("Authorization code grant").uncheck()
    shot("wizard-app-client")
    page.get_by_role("button", name="Next").click()
    shot("wizard-review")
    page.get_by_role("button", name="Create user pool").click()
    assert banner(page) == 'User pool "cognito-lab-pool" has been created successfully.'
    shot("pool-created")


def create_user(page: Any, shot: Shots) -> None:
    page.get_by_role("link", name="Create user").click()
    page.get_by_label("Don't send an invitation").check()
    page.get_by_label("User name").fill("CognitoUser")
    page.get_by_label("Mark email address as verified").check()
    page.get_by_label("Set a password").check()
    page.get_by_label("Password", exact=True).fill(TEMP_PASSWORD)
    shot("create-user")
    page.get_by_role("button", name="Create user").click()
    assert banner(page) == 'User "CognitoUser" has been created successfully.'
    assert "Force change password" in page.locator("table").inner_text()
    shot("user-created")


def hosted_ui_sign_in(page: Any, shot: Shots) -> str:
    page.get_by_role("link", name="App integration").click()
    page.get_by_role("link", name="lab-api-client").click()
    shot("app-client")
    landed: list[str] = []

    def capture(route: Any) -> None:
        landed.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<p>example.com</p>")

    page.route("https://example.com/**", capture)
    page.get_by_role("link", name="View Hosted UI").click()
    shot("hosted-ui-sign-in")
    page.locator("input[name=username]").fill("CognitoUser")
    page.locator("input[name=password]").fill(TEMP_PASSWORD)
    page.locator("[name=signInSubmitButton]").click()
    shot("hosted-ui-change-password")
    page.locator("input[name=newPassword]").fill(NEW_PASSWORD)
    page.locator("input[name=confirmPassword]").fill(NEW_PASSWORD)
    page.locator("input[name='requiredAttributes[email]']").fill("test1@gmail.com")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"^https://example\.com/callback#"))
    shot("callback")
    assert landed, "the browser never reached the callback"
    return str(page.url)


def fragment(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).fragment).items()}


def run_test_tab(page: Any, base: str, shot: Shots) -> None:
    page.goto(f"{base}/console/apis")
    page.get_by_role("link", name="Mock API").click()
    page.get_by_role("link", name="GET").click()
    page.get_by_role("link", name="Test", exact=True).click()
    page.get_by_role("button", name="Test").click()
    result = page.locator(".test-result")
    assert result.locator(".status").inner_text().strip() == "200"
    body = json.loads(result.locator(".response-body").inner_text())
    assert body == {"confidential": "Secure, Me!!"}
    assert "Method completed with status: 200" in result.locator(".log").inner_text()
    shot("test-tab")


def open_invoke_url(page: Any, base: str) -> tuple[int, str]:
    page.goto(f"{base}/console/apis")
    page.get_by_role("link", name="Mock API").click()
    page.get_by_role("link", name="Stages").click()
    page.get_by_role("link", name="dev").click()
    invoke = page.locator("a.invoke-url").get_attribute("href")
    response = page.request.get(f"{invoke}/mock")
    return response.status, response.text()


def add_authorizer(page: Any, base: str, shot: Shots) -> None:
    page.goto(f"{base}/console/apis")
    page.get_by_role("link", name="Mock API").click()
    page.get_by_role("link", name="Authorizers").click()
    page.get_by_label("Authorizer name").fill("lab-api-cognito-authorizer")
    page.get_by_label("Cognito", exact=True).check()
    pool_select = page.get_by_label("Cognito user pool")
    option = pool_select.locator("option", has_text="cognito-lab-pool").inner_text()
    pool_select.select_option(label=option)
    page.get_by_label("Token source").fill("auth-token")
    shot("create-authorizer")
    page.get_by_role("button", name="Create authorizer").click()
    assert "lab-api-cognito-authorizer" in banner(page)
    page.get_by_role("link", name="Resources").click()
    page.get_by_role("link", name="GET").click()
    page.get_by_role("link", name="Method request").click()
    page.get_by_role("button", name="Edit").click()
    page.get_by_label("Authorization").select_option(label="lab-api-cognito-authorizer")
    page.get_by_role("button", name="Save").click()
    shot("method-authorization")
    page.get_by_role("button", name="Deploy API").click()
    page.get_by_label("Stage", exact=True).select_option("dev")
    page.get_by_label("Deployment description").fill("testing api authentication")
    page.get_by_role("button", name="Deploy", exact=True).click()
    assert banner(page) == (
        "Successfully created deployment for Mock API. This deployment is active for dev."
    )
    shot("deployed")


def try_authorizer(page: Any, base: str, token: str) -> tuple[str, str]:
    page.goto(f"{base}/console/apis")
    page.get_by_role("link", name="Mock API").click()
    page.get_by_role("link", name="Authorizers").click()
    page.get_by_role("link", name="lab-api-cognito-authorizer").click()
    page.get_by_label("auth-token").fill(token)
    page.get_by_role("button", name="Test authorizer").click()
    result = page.locator(".test-result")
    claims = result.locator(".claims").inner_text() if result.locator(".claims").count() else ""
    return result.locator(".status").inner_text().strip(), claims


def test_the_whole_lab_through_the_console_and_hosted_ui(lab_server: Server, page: Any) -> None:
    base, shot = lab_server.url, Shots(page)
    create_pool(page, base, shot)
    create_user(page, shot)
    callback = hosted_ui_sign_in(page, shot)
    parts = fragment(callback)
    assert parts["expires_in"] == "3600"
    assert parts["token_type"] == "Bearer"
    assert {"id_token", "access_token"} <= parts.keys()
    # the lab's ID token: email set at the forced change, no email_verified claim
    claims = json.loads(base64.urlsafe_b64decode(parts["id_token"].split(".")[1] + "=="))
    assert claims["email"] == "test1@gmail.com"
    assert "email_verified" not in claims

    page.goto(f"{base}/console/tokens")
    page.get_by_label("Callback URL or token").fill(callback)
    page.get_by_role("button", name="Inspect").click()
    assert page.locator(".verdict-valid").count() == 2
    shot("token-inspector")

    run_test_tab(page, base, shot)
    assert open_invoke_url(page, base) == (200, '{"confidential": "Secure, Me!!"}')
    add_authorizer(page, base, shot)
    status, body = open_invoke_url(page, base)
    assert (status, json.loads(body)) == (401, {"message": "Unauthorized"})

    assert try_authorizer(page, base, "")[0] == "401"
    shot("authorizer-test-empty")
    code, claims_text = try_authorizer(page, base, parts["id_token"])
    shot("authorizer-test-id-token")
    assert code == "200"
    tested = json.loads(claims_text)
    assert tested["cognito:username"] == "CognitoUser"
    assert tested["email"] == "test1@gmail.com"
    assert tested["token_use"] == "id"
