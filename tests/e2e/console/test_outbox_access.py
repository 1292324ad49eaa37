"""The outbox holds codes that reset passwords: off loopback it is as guarded as the console."""

from __future__ import annotations

import asyncio
import base64
from pathlib import Path
from typing import Any

import httpx
import pytest

from cognigate.config import Settings
from tests.e2e.console.test_access import PASSWORD, InProcess, _csrf
from tests.support import Server


def basic(password: str) -> dict[str, str]:
    return {"authorization": "Basic " + base64.b64encode(f"admin:{password}".encode()).decode()}


def get(app: InProcess, path: str, headers: dict[str, str] | None = None) -> httpx.Response:
    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=app.app)
        async with httpx.AsyncClient(
            transport=transport, base_url=app.base, cookies=app.cookies
        ) as client:
            return await client.get(path, headers=headers or {})

    return asyncio.run(send())


@pytest.fixture
def exposed(tmp_path: Path) -> InProcess:
    return InProcess(
        Settings(host="192.0.2.10", data_dir=tmp_path / "data", admin_password=PASSWORD)
    )


def test_outbox_on_loopback_is_open(server: Server) -> None:
    response = httpx.get(f"{server.url}/_cognigate/outbox")

    assert response.status_code == 200
    assert isinstance(response.json()["messages"], list)


def test_exposed_outbox_refuses_anonymous_and_wrong_passwords(exposed: InProcess) -> None:
    anonymous = get(exposed, "/_cognigate/outbox")
    assert anonymous.status_code == 401
    assert anonymous.headers["www-authenticate"].startswith("Basic")
    assert "messages" not in anonymous.json()

    assert get(exposed, "/_cognigate/outbox", basic("guess")).status_code == 401
    garbled = {"authorization": "Basic !!!not-base64"}
    assert get(exposed, "/_cognigate/outbox", garbled).status_code == 401


def test_exposed_outbox_opens_to_the_admin_password(exposed: InProcess) -> None:
    assert get(exposed, "/_cognigate/outbox", basic(PASSWORD)).status_code == 200


def test_exposed_console_outbox_page_needs_the_console_sign_in(exposed: InProcess) -> None:
    assert exposed.get("/console/outbox").status_code == 303

    page = exposed.get("/console/signin")
    exposed.post("/console/signin", {"csrf": _csrf(page.text), "password": PASSWORD})
    assert exposed.get("/console/outbox").status_code == 200


def test_exposed_without_admin_password_keeps_the_outbox_closed(tmp_path: Path) -> None:
    closed = InProcess(Settings(host="192.0.2.10", data_dir=tmp_path / "data"))
    response: Any = get(closed, "/_cognigate/outbox", basic(""))

    assert response.status_code == 401
