"""A pool's SetUICustomization CSS in headless Chromium: every documented class is on the
page and the pool's rule wins over the built-in stylesheet (computed style)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
import segno
from playwright.sync_api import Browser, Page, sync_playwright

from tests.e2e.oauth.conftest import HostedPool

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update"]  # fmt: skip
BACKGROUND = "rgb(1, 2, 3)"
COLOR = "rgb(4, 5, 6)"
#: class -> (property, value the pool's CSS sets); each clashes with a built-in rule or default
STYLES = {
    "background-customizable": ("background-color", BACKGROUND),
    "banner-customizable": ("background-color", BACKGROUND),
    "logo-customizable": ("max-width", "50%"),
    "textDescription-customizable": ("color", COLOR),
    "idpDescription-customizable": ("color", COLOR),
    "idpButton-customizable": ("background-color", BACKGROUND),
    "socialButton-customizable": ("background-color", BACKGROUND),
    "legalText-customizable": ("color", COLOR),
    "label-customizable": ("color", COLOR),
    "inputField-customizable": ("border-top-color", COLOR),
    "submitButton-customizable": ("background-color", BACKGROUND),
    "redirect-customizable": ("color", COLOR),
    "errorMessage-customizable": ("background-color", BACKGROUND),
}
SIGN_UP_STYLES = {
    "passwordCheck-valid-customizable": ("color", COLOR),
    "passwordCheck-notValid-customizable": ("color", BACKGROUND),
}
PSEUDO_CSS = (
    ".inputField-customizable:focus { outline-color: rgb(7, 8, 9); }"
    ".submitButton-customizable:hover { color: rgb(7, 8, 9); }"
)


def _css() -> str:
    rules = [f".{name} {{ {prop}: {value}; }}" for name, (prop, value) in STYLES.items()]
    rules += [f".{name} {{ {prop}: {value}; }}" for name, (prop, value) in SIGN_UP_STYLES.items()]
    return "\n".join(rules).replace("border-top-color", "border") + PSEUDO_CSS


def _png() -> bytes:
    buffer = io.BytesIO()
    segno.make("logo").save(buffer, kind="png", scale=2)
    return buffer.getvalue()


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
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def customized(hosted: HostedPool) -> str:
    """A client offering COGNITO, an OIDC provider and Google, under the pool's customization."""
    cognito, pool_id = hosted.cognito, hosted.pool_id
    cognito.create_identity_provider(
        UserPoolId=pool_id, ProviderName="Corp", ProviderType="OIDC",
        ProviderDetails={"client_id": "corp", "client_secret": "s3cret",
                         "authorize_scopes": "openid", "oidc_issuer": hosted.issuer,
                         "attributes_request_method": "GET"},
    )  # fmt: skip
    cognito.create_identity_provider(
        UserPoolId=pool_id, ProviderName="Google", ProviderType="Google",
        ProviderDetails={"client_id": "g", "client_secret": "g", "authorize_scopes": "openid"},
    )  # fmt: skip
    client = hosted.client("code:branded", SupportedIdentityProviders=["COGNITO", "Corp", "Google"])
    cognito.set_ui_customization(UserPoolId=pool_id, CSS=_css(), ImageFile=_png())
    return str(client["ClientId"])


def _style(page: Page, name: str, prop: str) -> str:
    found = page.locator(f".{name}")
    assert found.count() > 0, f".{name} is not on the page"
    return str(found.first.evaluate(f"e => getComputedStyle(e).getPropertyValue('{prop}')"))


def test_every_customizable_class_of_the_sign_in_page_takes_the_pool_style(
    hosted: HostedPool, customized: str, page: Page
) -> None:
    page.goto(hosted.authorize_url(customized, page="login"))
    page.fill("#signInFormUsername", "nobody")
    page.fill("#signInFormPassword", "wrong-Passw0rd!")
    page.click("button[name=signInSubmitButton]")
    page.wait_for_selector(".errorMessage-customizable")

    styles = {name: _style(page, name, prop) for name, (prop, _) in STYLES.items()}

    assert styles == {name: value for name, (_, value) in STYLES.items()}
    assert page.locator(".logo-customizable").evaluate("e => e.naturalWidth") > 0


def test_focus_and_hover_rules_of_the_pool_apply(
    hosted: HostedPool, customized: str, page: Page
) -> None:
    page.goto(hosted.authorize_url(customized, page="login"))

    page.focus("#signInFormUsername")
    outline = _style(page, "inputField-customizable", "outline-color")
    page.hover("button[name=signInSubmitButton]")
    hovered = page.locator(".submitButton-customizable").evaluate("e => getComputedStyle(e).color")

    assert outline == "rgb(7, 8, 9)"
    assert hovered == "rgb(7, 8, 9)"


def test_refused_sign_up_marks_each_password_rule_with_its_class(
    hosted: HostedPool, customized: str, page: Page
) -> None:
    page.goto(hosted.authorize_url(customized, page="signup"))
    page.fill("#username", "weakling")
    page.fill("input[name='requiredAttributes[email]']", "weak@example.com")
    page.fill("#signup_password", "short")
    page.click("button[name=signUpButton]")
    page.wait_for_selector(".errorMessage-customizable")

    valid = page.locator(".passwordCheck-valid-customizable").all_inner_texts()
    not_valid = page.locator(".passwordCheck-notValid-customizable").all_inner_texts()
    styles = {name: _style(page, name, prop) for name, (prop, _) in SIGN_UP_STYLES.items()}

    assert any("lowercase" in text for text in valid)
    assert any("uppercase" in text for text in not_valid)
    assert any("at least 8 characters" in text for text in not_valid)
    assert styles == {name: value for name, (_, value) in SIGN_UP_STYLES.items()}
