"""Federated sign-in in headless Chromium: the provider button on pool A's sign-in page, pool
B's hosted form, and back to the app with a code. Navigation to https://example.com is
intercepted, so nothing leaves the machine."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Route, sync_playwright

from tests.e2e.oauth.conftest import CALLBACK, NEW_PASSWORD
from tests.e2e.oauth.federation_support import PROVIDER, Federation, build, claims_of
from tests.support import Server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update"]  # fmt: skip


@pytest.fixture(scope="module")
def fed(server: Server) -> Iterator[Federation]:
    yield from build(server)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def test_clicking_the_provider_button_signs_in_through_pool_b(
    fed: Federation, browser: Browser, unique_name: Callable[[str], str]
) -> None:
    name = unique_name("kim")
    sub = fed.user_b(name, "kim@example.com")
    context = browser.new_context()
    page = context.new_page()
    arrived: list[str] = []

    def callback(route: Route) -> None:
        arrived.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<h1>app</h1>")

    page.route("https://example.com/**", callback)
    login = fed.authorize_url(state="b-1").replace("oauth2/authorize", "login")
    page.goto(login.replace(f"&identity_provider={PROVIDER}", ""))
    page.click(f'a[data-provider="{PROVIDER}"]')
    page.fill("#signInFormUsername", name)
    page.fill("#signInFormPassword", NEW_PASSWORD)
    page.click("button[name=signInSubmitButton]")
    page.wait_for_url(f"{CALLBACK}**")
    context.close()

    query = {k: v[0] for k, v in parse_qs(urlsplit(arrived[-1]).query).items()}
    claims = claims_of(str(fed.redeem(query["code"])["id_token"]))
    assert query["state"] == "b-1"
    assert claims["cognito:username"] == f"{PROVIDER}_{sub}"
