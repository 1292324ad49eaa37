"""Several instances starting at once on one empty PostgreSQL database: each start migrates,
none may crash on the other's half-made schema (they take turns under an advisory lock)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, inspect

from tests.support import postgres_database

INSTANCES = 4


def test_instances_migrating_one_empty_database_together_all_succeed(tmp_path: Path) -> None:
    with postgres_database() as url:
        processes = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "cognigate",
                    "migrate",
                    "--db",
                    url,
                    "--data-dir",
                    str(tmp_path / f"data{n}"),
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
            for n in range(INSTANCES)
        ]
        outcomes = [
            (p.wait(timeout=120), p.stdout.read().decode() if p.stdout else "") for p in processes
        ]

        assert [code for code, _ in outcomes] == [0] * INSTANCES, outcomes
        engine = create_engine(url)
        try:
            tables = set(inspect(engine).get_table_names())
        finally:
            engine.dispose()
        assert {"alembic_version", "user_pools", "apigw_rest_apis"} <= tables
