"""Fixtures shared by every test: the back end (SQLite or PostgreSQL) and a live server."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import BackendResources, Server, postgres_database

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
def backend_resources(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendResources]:
    """Databases and shared servers per back end, alive for the whole session."""
    resources = BackendResources(tmp_path_factory.mktemp("backends"))
    yield resources
    resources.close()


@pytest.fixture(scope="session")
def db_url(backend: str, backend_resources: BackendResources) -> str | None:
    """``None`` for SQLite (file in the data dir), else a fresh PostgreSQL database URL."""
    return backend_resources.db_url(backend)


@pytest.fixture(scope="session")
def server(backend: str, backend_resources: BackendResources) -> Server:
    """One real ``cognigate serve`` per back end, shared by the session."""
    return backend_resources.server(backend)


@pytest.fixture(scope="session")
def cognito(server: Server) -> Any:
    return server.client("cognito-idp")


@pytest.fixture(scope="session")
def apigateway(server: Server) -> Any:
    return server.client("apigateway")


@pytest.fixture
def fresh_server(backend: str, tmp_path: Path) -> Iterator[Server]:
    """A server of its own (restart and crash tests), on the session's back end.

    With PostgreSQL it also gets a database of its own, so ``--lab`` and ``--init`` servers
    start from nothing, as they do with SQLite.
    """
    with contextlib.ExitStack() as stack:
        db = stack.enter_context(postgres_database()) if backend == "postgres" else None
        srv = Server(data_dir=tmp_path / "data", db=db)
        stack.callback(srv.stop)
        yield srv


def _server_errors(base: Path, limit: int = 8) -> list[str]:
    """The distinct tracebacks our servers logged during the run (their logs live under the
    session's base temp directory, one per server, workers' included)."""
    seen: dict[str, str] = {}
    for log in sorted(base.glob("**/server-*.log")):
        lines = log.read_text(errors="replace").splitlines()
        for index, line in enumerate(lines):
            if not line.startswith("Traceback"):
                continue
            end = index + 1
            while end < len(lines) and (lines[end].startswith(" ") or not lines[end].strip()):
                end += 1
            block = "\n".join(lines[max(index - 1, 0) : end + 1])
            seen.setdefault(lines[min(end, len(lines) - 1)], f"{log.name}:\n{block}")
    return list(seen.values())[:limit]


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config
) -> None:
    """On a failed run, show what the servers logged, so a CI failure can be diagnosed."""
    factory = getattr(config, "_tmp_path_factory", None)
    if exitstatus == 0 or factory is None:
        return
    errors = _server_errors(factory.getbasetemp())
    if errors:
        terminalreporter.section("server tracebacks (distinct, first 8)")
        for block in errors:
            terminalreporter.write_line(block)
