"""Console test fixtures: headless Chromium pages and a small deployed MOCK API."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support import unique

CHROMIUM = "/usr/bin/chromium"
MOCK_BODY = '{"confidential": "Secure, Me!!"}'


@pytest.fixture
def chromium() -> Iterator[Callable[..., Any]]:
    """``chromium(javascript=True)`` → a new page (Debian's chromium, headless)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is required: apt-get install chromium")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )

        def new_page(javascript: bool = True) -> Any:
            page = browser.new_context(java_script_enabled=javascript).new_page()
            page.set_default_timeout(15000)
            return page

        yield new_page
        browser.close()


@dataclass(frozen=True)
class MockApi:
    """A REST API with ``GET /mock`` (MOCK) deployed to stage ``dev``."""

    id: str
    name: str
    mock_id: str

    @property
    def method(self) -> dict[str, str]:
        return {"restApiId": self.id, "resourceId": self.mock_id, "httpMethod": "GET"}


@pytest.fixture
def mock_api(apigateway: Any) -> MockApi:
    name = unique("console-mock")
    api_id = apigateway.create_rest_api(name=name)["id"]
    root = apigateway.get_resources(restApiId=api_id)["items"][0]["id"]
    mock_id = apigateway.create_resource(restApiId=api_id, parentId=root, pathPart="mock")["id"]
    api = MockApi(api_id, name, mock_id)
    apigateway.put_method(**api.method, authorizationType="NONE")
    apigateway.put_method_response(**api.method, statusCode="200")
    apigateway.put_integration(
        **api.method, type="MOCK", requestTemplates={"application/json": '{"statusCode": 200}'}
    )
    apigateway.put_integration_response(
        **api.method, statusCode="200", responseTemplates={"application/json": MOCK_BODY}
    )
    apigateway.create_deployment(restApiId=api_id, stageName="dev")
    return api
