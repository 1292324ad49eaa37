"""Usage counters and shared token buckets on real SQLite and PostgreSQL databases."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from cognigate.apigw.usage_model import QuotaCounter
from cognigate.core.clock import FixedClock
from cognigate.storage import migrate
from cognigate.storage.engine import database_url, make_engine
from cognigate.storage.repositories.apigw_usage import SqlUsageMeter, SqlUsageRepository
from tests.support import postgres_database

DAY = "2024-02-14"


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with contextlib.ExitStack() as stack:
        db = stack.enter_context(postgres_database()) if request.param == "postgres" else None
        made = make_engine(database_url(db, tmp_path))
        stack.callback(made.dispose)
        migrate.upgrade(made)
        yield made


def _daily(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        return SqlUsageRepository(session).daily("p", "k", DAY, DAY)


def test_record_stops_at_the_limit_and_counts_only_what_passed(engine: Engine) -> None:
    meter = SqlUsageMeter(engine, FixedClock())

    passed = [meter.record("p", "k", DAY, DAY, 2) for _ in range(3)]

    assert passed == [True, True, False]
    assert _daily(engine) == {DAY: 2}


def test_record_without_quota_only_counts_the_day(engine: Engine) -> None:
    meter = SqlUsageMeter(engine, FixedClock())

    passed = [meter.record("p", "k", DAY, None, None) for _ in range(3)]

    assert passed == [True, True, True]
    assert _daily(engine) == {DAY: 3}


def test_zero_limit_lets_nothing_through(engine: Engine) -> None:
    assert SqlUsageMeter(engine, FixedClock()).record("p", "k", DAY, DAY, 0) is False


def test_set_remaining_extends_the_current_period(engine: Engine) -> None:
    meter = SqlUsageMeter(engine, FixedClock())
    for _ in range(2):
        meter.record("p", "k", DAY, DAY, 2)

    with Session(engine) as session, session.begin():
        counter = SqlUsageRepository(session).set_remaining("p", "k", DAY, 2, 3)
    passed = [meter.record("p", "k", DAY, DAY, 2) for _ in range(4)]

    assert counter == QuotaCounter(used=2, extra=3)
    assert passed == [True, True, True, False]


def test_shared_bucket_allows_the_burst_then_refills_at_the_rate(engine: Engine) -> None:
    clock = FixedClock()
    meter = SqlUsageMeter(engine, clock)

    burst = [meter.take("b", rate=2.0, burst=2) for _ in range(3)]
    clock.advance(0.5)
    refilled = [meter.take("b", rate=2.0, burst=2) for _ in range(2)]

    assert burst == [True, True, False]
    assert refilled == [True, False]
    assert meter.take("other", rate=2.0, burst=2) is True
