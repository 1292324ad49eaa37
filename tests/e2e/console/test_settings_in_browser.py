"""The new settings forms in headless Chromium with JavaScript off: found by their labels,
submitted as plain HTML forms."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import Server, unique

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def browser_page(server: Server) -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is required: apt-get install chromium")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_context(java_script_enabled=False).new_page()
        page.set_default_timeout(15000)
        yield page
        browser.close()


def test_stage_variable_added_in_the_browser_reaches_get_stage(
    server: Server, apigateway: Any, browser_page: Any
) -> None:
    api_id = apigateway.create_rest_api(name=unique("browser-stage"))["id"]
    root = apigateway.get_resources(restApiId=api_id)["items"][0]["id"]
    apigateway.put_method(
        restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE"
    )
    apigateway.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK")
    apigateway.create_deployment(restApiId=api_id, stageName="dev")
    browser_page.goto(f"{server.url}/console/apis/{api_id}/stages/dev")

    browser_page.get_by_label("Name", exact=True).fill("lambdaAlias")
    browser_page.get_by_label("Value", exact=True).fill("prod")
    browser_page.get_by_role("button", name="Add stage variable").click()

    assert "has been saved" in browser_page.locator("[role=status]").inner_text()
    stage = apigateway.get_stage(restApiId=api_id, stageName="dev")
    assert stage["variables"] == {"lambdaAlias": "prod"}


def test_trigger_set_in_the_browser_reaches_describe_user_pool(
    server: Server, cognito: Any, browser_page: Any
) -> None:
    pool_id = cognito.create_user_pool(PoolName=unique("browser-triggers"))["UserPool"]["Id"]
    browser_page.goto(f"{server.url}/console/pools/{pool_id}?tab=triggers")

    browser_page.get_by_label("Pre sign-up").fill("auto-confirm")
    browser_page.get_by_role("button", name="Save Lambda triggers").click()

    assert "has been updated" in browser_page.locator("[role=status]").inner_text()
    config = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["LambdaConfig"]
    assert config == {"PreSignUp": "arn:aws:lambda:us-east-1:000000000000:function:auto-confirm"}
