"""Durability and secrecy at rest: restarts, ``kill -9`` mid-burst, and temporary passwords that
never reach the data dir, the database or the log in plain text."""

from __future__ import annotations

import secrets
import threading
from pathlib import Path
from typing import Any

import boto3
import httpx
import psycopg
import pytest
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from tests.support import Server, unique

START_TIMEOUT = 120.0  # the CI machine is small and shared
BURST_ACKNOWLEDGED = 25
BURST_THREADS = 6


def _strip(response: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


def _snapshot(cognito: Any, pool_id: str, client_id: str, domain: str) -> dict[str, Any]:
    """Everything a reader can see of the resources the restart test created."""
    user = _strip(cognito.admin_get_user(UserPoolId=pool_id, Username="kept"))
    return {
        "pool": _strip(cognito.describe_user_pool(UserPoolId=pool_id)),
        "client": _strip(cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)),
        "domain": _strip(cognito.describe_user_pool_domain(Domain=domain)),
        "server": _strip(
            cognito.describe_resource_server(UserPoolId=pool_id, Identifier="https://api")
        ),
        "user": user,
        "tags": _strip(
            cognito.list_tags_for_resource(
                ResourceArn=cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Arn"]
            )
        ),
    }


@pytest.fixture
def started(fresh_server: Server) -> Server:
    fresh_server.start(timeout=START_TIMEOUT)
    return fresh_server


# --- restart ---------------------------------------------------------------------------------


def test_restart_on_the_same_data_keeps_every_resource(started: Server) -> None:
    cognito = started.client("cognito-idp")
    pool_id = cognito.create_user_pool(
        PoolName=unique("durable"),
        Policies={"PasswordPolicy": {"MinimumLength": 10}},
        AliasAttributes=["preferred_username"],
        Schema=[{"Name": "tenant", "AttributeDataType": "String"}],
        UserPoolTags={"team": "identity"},
    )["UserPool"]["Id"]
    cognito.create_resource_server(
        UserPoolId=pool_id,
        Identifier="https://api",
        Name="API",
        Scopes=[{"ScopeName": "read", "ScopeDescription": "Read"}],
    )
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="app",
        GenerateSecret=True,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "https://api/read"],
        CallbackURLs=["https://example.com/callback"],
    )["UserPoolClient"]["ClientId"]
    domain = f"keep{secrets.token_hex(5)}"
    cognito.create_user_pool_domain(Domain=domain, UserPoolId=pool_id)
    cognito.admin_create_user(
        UserPoolId=pool_id,
        Username="kept",
        TemporaryPassword="Kept-Passw0rd!",
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "custom:tenant", "Value": "acme"}],
    )
    before = _snapshot(cognito, pool_id, client_id, domain)

    started.stop()
    started.start(timeout=START_TIMEOUT)

    after = _snapshot(started.client("cognito-idp"), pool_id, client_id, domain)
    assert after == before


def test_restart_keeps_the_pool_listed(started: Server) -> None:
    cognito = started.client("cognito-idp")
    pool_id = cognito.create_user_pool(PoolName=unique("listed"))["UserPool"]["Id"]

    started.stop()
    started.start(timeout=START_TIMEOUT)

    paginator = started.client("cognito-idp").get_paginator("list_user_pools")
    ids = {p["Id"] for page in paginator.paginate(MaxResults=60) for p in page["UserPools"]}
    assert pool_id in ids


# --- kill -9 in the middle of a burst --------------------------------------------------------


class Burst:
    """Threads creating users until told to stop; remembers every acknowledged one."""

    def __init__(self, server: Server, pool_id: str) -> None:
        self._server = server
        self._pool_id = pool_id
        self.acknowledged: list[str] = []
        self._lock = threading.Lock()
        self.stop = threading.Event()
        self.enough = threading.Event()
        self._threads = [
            threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(BURST_THREADS)
        ]

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def join(self) -> None:
        for thread in self._threads:
            thread.join(timeout=60)

    def _run(self, worker: int) -> None:
        cognito = boto3.client(
            "cognito-idp",
            endpoint_url=self._server.url,
            region_name="us-east-1",
            aws_access_key_id="AKIDEXAMPLE",
            aws_secret_access_key="secret",
            config=Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=30),
        )
        number = 0
        while not self.stop.is_set():
            username = f"burst-{worker}-{number}"
            number += 1
            try:
                cognito.admin_create_user(
                    UserPoolId=self._pool_id,
                    Username=username,
                    TemporaryPassword="Burst-Passw0rd!",
                    MessageAction="SUPPRESS",
                )
            except (BotoCoreError, ClientError):
                return
            with self._lock:
                self.acknowledged.append(username)
                if len(self.acknowledged) >= BURST_ACKNOWLEDGED:
                    self.enough.set()


def test_kill_9_during_admin_create_user_burst_loses_no_acknowledged_user(
    started: Server,
) -> None:
    pool_id = started.client("cognito-idp").create_user_pool(PoolName=unique("burst"))["UserPool"][
        "Id"
    ]
    burst = Burst(started, pool_id)
    burst.start()
    assert burst.enough.wait(timeout=240), "the burst never reached its acknowledged count"

    started.kill()
    burst.stop.set()
    burst.join()
    acknowledged = list(burst.acknowledged)
    started.start(timeout=START_TIMEOUT)

    cognito = started.client("cognito-idp")
    for username in acknowledged:
        user = cognito.admin_get_user(UserPoolId=pool_id, Username=username)
        assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD", username
    listed = {
        u["Username"]
        for page in cognito.get_paginator("list_users").paginate(UserPoolId=pool_id)
        for u in page["Users"]
    }
    assert set(acknowledged) <= listed


# --- temporary passwords at rest and in logs -------------------------------------------------


def _files_containing(root: Path, needle: bytes) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]


def _tables_containing(db_url: str | None, needle: str) -> list[str]:
    """PostgreSQL only: the tables with a row whose text form holds ``needle`` (or its hex)."""
    if db_url is None:
        return []
    hits: list[str] = []
    forms = (needle, needle.encode().hex())
    with psycopg.connect(db_url.replace("postgresql+psycopg://", "postgresql://", 1)) as conn:
        tables = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
        for (table,) in tables:
            rows = conn.execute(f'SELECT t::text FROM "{table}" t').fetchall()  # noqa: S608
            if any(form in row[0] for row in rows for form in forms):
                hits.append(table)
    return hits


def _outbox(server: Server, pool_id: str) -> list[dict[str, Any]]:
    response = httpx.get(f"{server.url}/_cognigate/outbox", params={"pool_id": pool_id}, timeout=30)
    messages: list[dict[str, Any]] = response.json()["messages"]
    return messages


def _create_user(server: Server, *, suppress: bool, password: str | None) -> tuple[str, str]:
    """A user with a temporary password; returns (pool id, the temporary password)."""
    cognito = server.client("cognito-idp")
    pool_id = cognito.create_user_pool(PoolName=unique("secret"))["UserPool"]["Id"]
    params: dict[str, Any] = {
        "UserPoolId": pool_id,
        "Username": "secretive",
        "UserAttributes": [
            {"Name": "email", "Value": "secretive@example.com"},
            {"Name": "email_verified", "Value": "true"},
        ],
        "DesiredDeliveryMediums": ["EMAIL"],
    }
    if suppress:
        params["MessageAction"] = "SUPPRESS"
    if password is not None:
        params["TemporaryPassword"] = password
    cognito.admin_create_user(**params)
    if password is None:
        # the generated password is known only through the invitation
        invitation = _outbox(server, pool_id)[0]
        password = str(invitation["code"])
        assert password in invitation["body"]
    return pool_id, password


@pytest.fixture
def debug_server(fresh_server: Server) -> Server:
    """A fresh server logging at debug level, so anything logged at all is in the log."""
    fresh_server.extra_args.extend(["--log-level", "debug"])
    fresh_server.start(timeout=START_TIMEOUT)
    return fresh_server


@pytest.mark.parametrize("suppress", [True, False], ids=["suppress", "invitation"])
def test_temporary_password_is_not_in_the_data_dir_or_database(
    debug_server: Server, suppress: bool
) -> None:
    password = f"Tmp-{secrets.token_hex(6)}-Aa1!"
    _create_user(debug_server, suppress=suppress, password=password)

    while_running = _files_containing(debug_server.data_dir, password.encode())
    debug_server.kill()  # leaves SQLite's -wal and -shm files behind
    after_crash = _files_containing(debug_server.data_dir, password.encode())

    assert while_running == []
    assert after_crash == []
    assert _tables_containing(debug_server.db, password) == []


@pytest.mark.parametrize("suppress", [True, False], ids=["suppress", "invitation"])
def test_temporary_password_is_not_in_the_log(debug_server: Server, suppress: bool) -> None:
    password = f"Tmp-{secrets.token_hex(6)}-Aa1!"
    _create_user(debug_server, suppress=suppress, password=password)
    debug_server.stop()

    assert debug_server.log_path is not None
    assert password.encode() not in debug_server.log_path.read_bytes()


def test_invitation_delivers_the_temporary_password_to_the_outbox(debug_server: Server) -> None:
    password = f"Tmp-{secrets.token_hex(6)}-Aa1!"
    pool_id, _ = _create_user(debug_server, suppress=False, password=password)

    messages = _outbox(debug_server, pool_id)

    assert any(password in m["body"] for m in messages)


def test_suppressed_invitation_sends_nothing(debug_server: Server) -> None:
    pool_id, _ = _create_user(debug_server, suppress=True, password="Tmp-Passw0rd!")
    assert _outbox(debug_server, pool_id) == []


def test_generated_temporary_password_is_not_at_rest_or_logged(debug_server: Server) -> None:
    _, password = _create_user(debug_server, suppress=False, password=None)
    debug_server.kill()

    assert _files_containing(debug_server.data_dir, password.encode()) == []
    assert debug_server.log_path is not None
    assert password.encode() not in debug_server.log_path.read_bytes()
    assert _tables_containing(debug_server.db, password) == []
