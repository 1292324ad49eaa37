"""Test support: a real ``cognigate serve`` process on loopback, and boto3 clients for it."""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import httpx
import psycopg
from botocore.config import Config

#: how long a server may take to answer its health check; generous, because CI machines are
#: small and run the two back ends and several xdist workers side by side
START_TIMEOUT = float(
    os.environ.get("COGNIGATE_TEST_START_TIMEOUT", "120")  # noqa: TID251 - test configuration
)

PG_ADMIN_URL = os.environ.get(  # noqa: TID251 - test configuration
    "COGNIGATE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test"
)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh, uniquely named PostgreSQL database, dropped afterwards."""
    name = "cg_" + secrets.token_hex(6)
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}".replace("postgresql://", "postgresql+psycopg://", 1)
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Server:
    """A running ``cognigate serve`` process."""

    data_dir: Path
    db: str | None
    extra_args: list[str] = field(default_factory=list)
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = START_TIMEOUT) -> None:
        args = [
            sys.executable,
            "-m",
            "cognigate",
            "serve",
            "--port",
            str(self.port),
            "--data-dir",
            str(self.data_dir),
            *self.extra_args,
        ]
        if self.db:
            args += ["--db", self.db]
        self.log_path = self.data_dir.parent / f"server-{self.port}.log"
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/_cognigate/health", timeout=1).status_code == 200:
                    return
            time.sleep(0.05)
        raise RuntimeError(f"server did not start: {self.log_path.read_text()}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def kill(self) -> None:
        """``kill -9``: no chance to flush or clean up."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def client(self, service: str, region: str = "us-east-1") -> Any:
        return boto3.client(
            service,
            endpoint_url=self.url,
            region_name=region,
            aws_access_key_id="AKIDEXAMPLE",
            aws_secret_access_key="secret",
            config=Config(retries={"max_attempts": 1}),
        )


class BackendResources:
    """Per-back-end database and shared server, kept for the whole test session.

    pytest tears a parametrized session fixture down whenever consecutive tests use another
    parameter, and xdist interleaves the back ends, so without this cache every switch between
    SQLite and PostgreSQL would start a new server (and create a new database).
    """

    def __init__(self, root: Path) -> None:
        self._root = root
        self._stack = contextlib.ExitStack()
        self._db_urls: dict[str, str | None] = {}
        self._servers: dict[str, Server] = {}
        self._failures: dict[str, RuntimeError] = {}

    def db_url(self, backend: str) -> str | None:
        """``None`` for SQLite, else this session's fresh PostgreSQL database for ``backend``."""
        if backend not in self._db_urls:
            self._db_urls[backend] = (
                None if backend == "sqlite" else self._stack.enter_context(postgres_database())
            )
        return self._db_urls[backend]

    def server(self, backend: str) -> Server:
        """The session's shared server for ``backend``, started on first use."""
        if backend in self._failures:  # fail fast, as pytest does for a fixture that failed
            raise self._failures[backend]
        if backend not in self._servers:
            (self._root / backend).mkdir(parents=True, exist_ok=True)
            srv = Server(data_dir=self._root / backend / "data", db=self.db_url(backend))
            try:
                srv.start()
            except RuntimeError as error:
                srv.stop()
                self._failures[backend] = error
                raise
            self._servers[backend] = srv
        return self._servers[backend]

    def close(self) -> None:
        for srv in self._servers.values():
            srv.stop()
        self._stack.close()


def unique(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(4)}"
