"""Console sign-in off loopback: throttled wrong passwords, sign-out, return to the page asked
for; banners come from the server, never from the query string."""

from __future__ import annotations

from html import unescape
from pathlib import Path

import httpx
import pytest

from cognigate.config import Settings
from tests.e2e.console.forms import csrf_of
from tests.e2e.console.test_access import PASSWORD, InProcess
from tests.support import Server


@pytest.fixture
def exposed(tmp_path: Path) -> InProcess:
    """The app as configured for a non-loopback address (192.0.2.10, TEST-NET-1)."""
    return InProcess(
        Settings(host="192.0.2.10", data_dir=tmp_path / "data", admin_password=PASSWORD)
    )


def _sign_in(console: InProcess, password: str) -> httpx.Response:
    form = console.get("/console/signin")
    return console.post("/console/signin", data={"csrf": csrf_of(form.text), "password": password})


def test_after_five_wrong_passwords_even_the_right_one_is_refused_for_a_while(
    exposed: InProcess,
) -> None:
    wrong = [_sign_in(exposed, f"guess-{n}").status_code for n in range(5)]

    response = _sign_in(exposed, PASSWORD)

    assert wrong == [401, 401, 401, 401, 429]
    assert response.status_code == 429
    assert int(response.headers["retry-after"]) > 0
    assert "Too many failed sign-in attempts." in response.text
    assert exposed.get("/console/pools").status_code == 303


def test_a_right_password_before_the_limit_clears_the_count(exposed: InProcess) -> None:
    for n in range(4):
        _sign_in(exposed, f"guess-{n}")
    _sign_in(exposed, PASSWORD)
    exposed.post("/console/signout", data={"csrf": csrf_of(exposed.get("/console/pools").text)})

    statuses = [_sign_in(exposed, f"again-{n}").status_code for n in range(4)]

    assert statuses == [401, 401, 401, 401]


def test_sign_out_button_ends_the_session(exposed: InProcess) -> None:
    _sign_in(exposed, PASSWORD)
    page = exposed.get("/console/pools")
    assert "Sign out" in page.text

    response = exposed.post("/console/signout", data={"csrf": csrf_of(page.text)})

    assert response.headers["location"] == "/console/signin"
    assert exposed.get("/console/pools").status_code == 303


def test_sign_in_returns_to_the_console_page_asked_for(exposed: InProcess) -> None:
    exposed.get("/console/apis?x=1")

    response = _sign_in(exposed, PASSWORD)

    assert response.headers["location"] == "/console/apis?x=1"


def test_sign_in_without_a_page_asked_for_opens_the_console_home(exposed: InProcess) -> None:
    response = _sign_in(exposed, PASSWORD)

    assert response.headers["location"] == "/console/"


def test_a_banner_in_the_query_string_is_not_shown(server: Server) -> None:
    response = httpx.get(f"{server.url}/console/pools?notice=error&name=Your+account+is+locked")

    assert "Your account is locked" not in response.text
    assert "banner" not in response.text


def test_a_banner_is_shown_once_after_the_redirect(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as client:
        token = csrf_of(client.get("/console/apis").text)
        created = client.post("/console/apis", data={"csrf": token, "name": "flash-api"})
        first = client.get(created.headers["location"])
        second = client.get(created.headers["location"])

    assert 'API "flash-api" has been created successfully.' in unescape(first.text)
    assert "has been created successfully." not in second.text
