"""Console access control: open on loopback, admin password elsewhere, CSRF on every form."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from cognigate.app import create_app
from cognigate.config import Settings
from tests.support import Server

PASSWORD = "console-admin-password"


class InProcess:
    """Requests to the ASGI app in this process, keeping cookies: nothing listens anywhere."""

    def __init__(self, settings: Settings) -> None:
        self.app = create_app(settings)
        self.base = f"http://{settings.host}:{settings.port}"
        self.cookies = httpx.Cookies()

    async def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        transport = httpx.ASGITransport(app=self.app)
        async with httpx.AsyncClient(
            transport=transport, base_url=self.base, cookies=self.cookies
        ) as client:
            response = await client.request(method, path, **kwargs)
            self.cookies = client.cookies
            return response

    def get(self, path: str) -> httpx.Response:
        return asyncio.run(self._send("GET", path))

    def post(self, path: str, data: dict[str, str]) -> httpx.Response:
        return asyncio.run(self._send("POST", path, data=data))


@pytest.fixture
def exposed(tmp_path: Path) -> InProcess:
    """The app as configured for a non-loopback address (192.0.2.10, TEST-NET-1)."""
    return InProcess(
        Settings(host="192.0.2.10", data_dir=tmp_path / "data", admin_password=PASSWORD)
    )


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "form without a CSRF token"
    return found.group(1)


def test_console_on_loopback_is_open(server: Server) -> None:
    response = httpx.get(f"{server.url}/console/pools")

    assert response.status_code == 200
    assert response.headers["x-frame-options"] == "DENY"
    assert "default-src 'self'" in response.headers["content-security-policy"]


def test_console_post_without_csrf_token_is_rejected(server: Server) -> None:
    response = httpx.post(f"{server.url}/console/apis", data={"name": "no-csrf"})

    assert response.status_code == 403


def test_exposed_console_redirects_to_sign_in(exposed: InProcess) -> None:
    response = exposed.get("/console/pools")

    assert response.status_code == 303
    assert response.headers["location"] == "/console/signin"


def test_exposed_console_rejects_a_wrong_password(exposed: InProcess) -> None:
    form = exposed.get("/console/signin")
    response = exposed.post("/console/signin", data={"csrf": _csrf(form.text), "password": "wrong"})
    after = exposed.get("/console/pools")

    assert response.status_code == 401
    assert after.status_code == 303


def test_exposed_console_opens_after_sign_in(exposed: InProcess) -> None:
    form = exposed.get("/console/signin")
    exposed.post("/console/signin", data={"csrf": _csrf(form.text), "password": PASSWORD})
    response = exposed.get("/console/pools")

    assert response.status_code == 200
    assert "User pools" in response.text


def test_a_session_from_the_open_console_does_not_unlock_an_exposed_one(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    loopback = InProcess(Settings(data_dir=data))
    loopback.get("/console/pools")
    cookie = loopback.cookies.get("cognigate-console")
    assert cookie
    exposed = InProcess(Settings(host="192.0.2.10", data_dir=data, admin_password=PASSWORD))
    exposed.cookies.set("cognigate-console", cookie, domain="192.0.2.10")

    response = exposed.get("/console/pools")

    assert response.status_code == 303


def test_console_imports_an_openapi_yaml_document(tmp_path: Path) -> None:
    console = InProcess(Settings(data_dir=tmp_path / "data"))
    form = console.get("/console/apis")
    document = (
        "openapi: 3.0.1\n"
        "info: {title: Pets, version: '1'}\n"
        "paths:\n"
        "  /pets:\n"
        "    get:\n"
        "      x-amazon-apigateway-integration:\n"
        "        type: mock\n"
        "        requestTemplates: {application/json: '{\"statusCode\": 200}'}\n"
        "        responses: {default: {statusCode: '200'}}\n"
        "      responses: {'200': {description: ok}}\n"
    )

    response = console.post("/console/apis", data={"csrf": _csrf(form.text), "openapi": document})
    detail = console.get(response.headers["location"])

    assert response.status_code == 303
    assert "/pets" in detail.text
    assert "has been created successfully." in detail.text
