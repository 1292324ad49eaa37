"""The AWS CLI (``awscli`` from PyPI) against the server with ``--endpoint-url``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from tests.support import Server, postgres_database

REGION = "us-west-2"


@pytest.fixture(scope="module")
def cli_server(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with a database of its own, so ``--max-results 10`` sees only this module's
    pools."""
    with ExitStack() as stack:
        db = stack.enter_context(postgres_database()) if backend == "postgres" else None
        srv = Server(data_dir=tmp_path_factory.mktemp("awscli") / "data", db=db)
        srv.start(timeout=120)
        stack.callback(srv.stop)
        yield srv


def _aws_command() -> list[str]:
    found = shutil.which("aws")
    if found is not None:
        return [found]
    return [sys.executable, "-m", "awscli"]


def _aws(
    server: Server, tmp_path: Path, *args: str, check: bool = True
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,  # noqa: TID251 - PATH and friends for the child process
        "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "secret",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_CONFIG_FILE": str(tmp_path / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "credentials"),
        "AWS_PAGER": "",
    }
    env.pop("AWS_PROFILE", None)
    env.pop("AWS_ENDPOINT_URL", None)
    command = [*_aws_command(), *args, "--endpoint-url", server.url, "--output", "json"]
    return subprocess.run(
        command, env=env, capture_output=True, text=True, check=check, timeout=120
    )


def _json(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


@pytest.fixture(scope="module")
def cli_pool(cli_server: Server) -> str:
    cognito = cli_server.client("cognito-idp", region=REGION)
    pool_id: str = cognito.create_user_pool(PoolName="cli-pool")["UserPool"]["Id"]
    for name in ("alice", "bob"):
        cognito.admin_create_user(
            UserPoolId=pool_id,
            Username=name,
            TemporaryPassword="Cli-Passw0rd!",
            MessageAction="SUPPRESS",
            UserAttributes=[{"Name": "email", "Value": f"{name}@example.com"}],
        )
    return pool_id


def test_cli_lists_user_pools(cli_server: Server, cli_pool: str, tmp_path: Path) -> None:
    result = _aws(cli_server, tmp_path, "cognito-idp", "list-user-pools", "--max-results", "10")
    pools = {p["Id"]: p["Name"] for p in _json(result)["UserPools"]}
    assert pools[cli_pool] == "cli-pool"


def test_cli_lists_users_of_a_pool(cli_server: Server, cli_pool: str, tmp_path: Path) -> None:
    result = _aws(cli_server, tmp_path, "cognito-idp", "list-users", "--user-pool-id", cli_pool)
    users = {u["Username"]: u for u in _json(result)["Users"]}
    assert set(users) == {"alice", "bob"}
    assert users["alice"]["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert users["alice"]["Enabled"] is True
    emails = {a["Name"]: a["Value"] for a in users["alice"]["Attributes"]}
    assert emails["email"] == "alice@example.com"


def test_cli_lists_users_matching_a_filter(
    cli_server: Server, cli_pool: str, tmp_path: Path
) -> None:
    result = _aws(
        cli_server,
        tmp_path,
        "cognito-idp",
        "list-users",
        "--user-pool-id",
        cli_pool,
        "--filter",
        'email = "bob@example.com"',
    )
    assert [u["Username"] for u in _json(result)["Users"]] == ["bob"]


def test_cli_describes_a_user_pool(cli_server: Server, cli_pool: str, tmp_path: Path) -> None:
    result = _aws(
        cli_server, tmp_path, "cognito-idp", "describe-user-pool", "--user-pool-id", cli_pool
    )
    pool = _json(result)["UserPool"]
    assert pool["Id"] == cli_pool
    assert pool["EstimatedNumberOfUsers"] == 2


def test_cli_reports_an_aws_error_for_an_unknown_pool(cli_server: Server, tmp_path: Path) -> None:
    result = _aws(
        cli_server,
        tmp_path,
        "cognito-idp",
        "list-users",
        "--user-pool-id",
        f"{REGION}_NoSuchPoo",
        check=False,
    )
    assert result.returncode != 0
    assert "ResourceNotFoundException" in result.stderr
    assert f"User pool {REGION}_NoSuchPoo does not exist." in result.stderr
