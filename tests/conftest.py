"""Fixtures shared by every test: the back end (SQLite or PostgreSQL) and a live server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import Server, postgres_database

BACKENDS = ("sqlite", "postgres")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--backend",
        action="append",
        choices=BACKENDS,
        help="storage back end(s) for end-to-end tests (default: both)",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        chosen = metafunc.config.getoption("backend") or list(BACKENDS)
        metafunc.parametrize("backend", chosen, scope="session")


@pytest.fixture(scope="session")
def db_url(backend: str) -> Iterator[str | None]:
    """``None`` for SQLite (file in the data dir), else a fresh PostgreSQL database URL."""
    if backend == "sqlite":
        yield None
        return
    with postgres_database() as url:
        yield url


@pytest.fixture(scope="session")
def server(db_url: str | None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One real ``cognigate serve`` per back end, shared by the session."""
    data_dir = tmp_path_factory.mktemp("server") / "data"
    srv = Server(data_dir=data_dir, db=db_url)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def cognito(server: Server) -> Any:
    return server.client("cognito-idp")


@pytest.fixture(scope="session")
def apigateway(server: Server) -> Any:
    return server.client("apigateway")


@pytest.fixture
def fresh_server(db_url: str | None, tmp_path: Path) -> Iterator[Server]:
    """A server of its own (restart and crash tests), on the session's back end."""
    srv = Server(data_dir=tmp_path / "data", db=db_url)
    yield srv
    srv.stop()
