"""A server with ``--functions DIR`` shared by a test module, and helpers to deploy handlers."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
import pytest

from tests.support import Server, unique

ACCOUNT = "123456789012"
PASSWORD = "Passw0rd!x"


@dataclass
class Functions:
    """The functions directory of a running server."""

    directory: Path

    def deploy(self, prefix: str, source: str) -> str:
        """Write a handler under a unique name; its Lambda ARN."""
        name = unique(prefix).replace("-", "_")
        self.write(name, source)
        return arn(name)

    def write(self, name: str, source: str) -> None:
        path = self.directory / f"{name}.py"
        existed = path.exists()
        before = path.stat().st_mtime_ns if existed else 0
        path.write_text(textwrap.dedent(source))
        if existed:
            # coarse file-system clocks: make sure the runtime sees a new version
            os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def arn(name: str) -> str:
    return f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:{name}"


@pytest.fixture(scope="module")
def lambda_server(
    db_url: str | None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, Functions]]:
    """One ``cognigate serve --functions DIR`` per test module and back end."""
    root = tmp_path_factory.mktemp("lambda")
    functions = Functions(root / "functions")
    functions.directory.mkdir()
    server = Server(data_dir=root / "data", db=db_url, extra_args=["--functions", str(root)])
    server.extra_args = ["--functions", str(functions.directory)]
    server.start()
    yield server, functions
    server.stop()


@pytest.fixture
def functions(lambda_server: tuple[Server, Functions]) -> Functions:
    return lambda_server[1]


@pytest.fixture
def cognito(lambda_server: tuple[Server, Functions]) -> Any:
    return lambda_server[0].client("cognito-idp")


def pool_with(cognito: Any, flows: list[str], **lambda_config: Any) -> tuple[str, str]:
    """(pool id, client id) of a new pool with ``lambda_config`` and a client for ``flows``."""
    pool = cognito.create_user_pool(PoolName=unique("triggers"), LambdaConfig=lambda_config)
    pool_id = pool["UserPool"]["Id"]
    client = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=flows
    )
    return pool_id, client["UserPoolClient"]["ClientId"]


def confirmed_user(cognito: Any, pool_id: str, username: str = "alice") -> None:
    cognito.admin_create_user(
        UserPoolId=pool_id,
        Username=username,
        UserAttributes=[{"Name": "email", "Value": f"{username}@example.com"}],
        MessageAction="SUPPRESS",
    )
    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username=username, Password=PASSWORD, Permanent=True
    )


def claims(token: str) -> dict[str, Any]:
    decoded: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
    return decoded


Deploy = Callable[[str, str], str]
