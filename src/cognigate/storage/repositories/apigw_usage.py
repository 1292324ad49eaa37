"""Usage-plan counters and shared token buckets, each changed by one atomic statement.

A request is counted with ``INSERT ... ON CONFLICT DO UPDATE SET used = used + 1 WHERE used <
limit + extra RETURNING used``: the row lock taken by the conflict (PostgreSQL) or the write
transaction (SQLite, ``BEGIN IMMEDIATE``) makes the check and the increment one step, so
processes sharing the database never let more than the limit through. A shared token bucket is
refilled from its stored timestamp and spent in the same kind of statement.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, Table, case, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from cognigate.apigw.usage_model import QuotaCounter
from cognigate.core.clock import Clock
from cognigate.storage.engine import WRITE_OPTION
from cognigate.storage.orm.apigw import ThrottleBucketRow, UsageDayRow, UsageQuotaRow

_QUOTAS: Table = UsageQuotaRow.__table__  # type: ignore[assignment]  # declarative tables
_DAYS: Table = UsageDayRow.__table__  # type: ignore[assignment]  # are Tables
_BUCKETS: Table = ThrottleBucketRow.__table__  # type: ignore[assignment]  # at runtime

Executor = Connection | Session


def _insert(executor: Executor, table: Table) -> Any:
    """The dialect's INSERT, which has ``on_conflict_do_update`` (same API on both)."""
    bind = executor.get_bind() if isinstance(executor, Session) else executor
    if bind.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def _spend_quota(
    executor: Executor, plan_id: str, key_id: str, period_start: str, limit: int
) -> bool:
    t = _QUOTAS
    below = t.c.used < t.c.extra + limit
    if limit >= 1:
        stmt = (
            _insert(executor, t)
            .values(plan_id=plan_id, key_id=key_id, period_start=period_start, used=1, extra=0)
            .on_conflict_do_update(
                index_elements=[t.c.plan_id, t.c.key_id, t.c.period_start],
                set_={"used": t.c.used + 1},
                where=below,
            )
        )
    else:  # only an UpdateUsage extension (an existing row) can let a request through
        stmt = (
            update(t)
            .where(t.c.plan_id == plan_id, t.c.key_id == key_id)
            .where(t.c.period_start == period_start, below)
            .values(used=t.c.used + 1)
        )
    return executor.execute(stmt.returning(t.c.used)).first() is not None


def _count_day(executor: Executor, plan_id: str, key_id: str, day: str) -> None:
    t = _DAYS
    stmt = (
        _insert(executor, t)
        .values(plan_id=plan_id, key_id=key_id, day=day, used=1)
        .on_conflict_do_update(
            index_elements=[t.c.plan_id, t.c.key_id, t.c.day], set_={"used": t.c.used + 1}
        )
    )
    executor.execute(stmt)


def _take_token(executor: Executor, key: str, rate: float, burst: int, now: float) -> bool:
    capacity = float(max(burst, 1)) if rate > 0 else 0.0
    if capacity < 1:
        return False
    t = _BUCKETS
    elapsed = case((t.c.updated < now, now - t.c.updated), else_=0.0)
    refilled = t.c.tokens + elapsed * rate
    level = case((refilled > capacity, capacity), else_=refilled)
    stamp = case((t.c.updated < now, now), else_=t.c.updated)
    stmt = (
        _insert(executor, t)
        .values(key=key, tokens=capacity - 1, updated=now)
        .on_conflict_do_update(
            index_elements=[t.c.key],
            set_={"tokens": level - 1, "updated": stamp},
            where=level >= 1,
        )
        .returning(t.c.tokens)
    )
    return executor.execute(stmt).first() is not None


class SqlUsageRepository:
    """Implements ``apigw.ports.UsageRepository`` in a unit of work's session."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def daily(self, plan_id: str, key_id: str, first: str, last: str) -> dict[str, int]:
        t = _DAYS
        query = select(t.c.day, t.c.used).where(
            t.c.plan_id == plan_id, t.c.key_id == key_id, t.c.day >= first, t.c.day <= last
        )
        return {day: used for day, used in self._s.execute(query)}

    def quotas(self, plan_id: str, key_id: str, first: str, last: str) -> dict[str, QuotaCounter]:
        t = _QUOTAS
        query = select(t.c.period_start, t.c.used, t.c.extra).where(
            t.c.plan_id == plan_id,
            t.c.key_id == key_id,
            t.c.period_start >= first,
            t.c.period_start <= last,
        )
        return {start: QuotaCounter(used, extra) for start, used, extra in self._s.execute(query)}

    def set_remaining(
        self, plan_id: str, key_id: str, period_start: str, limit: int, remaining: int
    ) -> QuotaCounter:
        t = _QUOTAS
        grant = remaining - limit
        stmt = (
            _insert(self._s, t)
            .values(plan_id=plan_id, key_id=key_id, period_start=period_start, used=0, extra=grant)
            .on_conflict_do_update(
                index_elements=[t.c.plan_id, t.c.key_id, t.c.period_start],
                set_={"extra": t.c.used + grant},
            )
            .returning(t.c.used, t.c.extra)
        )
        used, extra = self._s.execute(stmt).one()
        return QuotaCounter(used, extra)


class SqlUsageMeter:
    """The data plane's ``UsageMeter`` and ``SharedBuckets``: one short write transaction each."""

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self._writer = engine.execution_options(**{WRITE_OPTION: True})
        self._clock = clock

    def record(
        self, plan_id: str, key_id: str, day: str, period_start: str | None, limit: int | None
    ) -> bool:
        """Count one request; ``False`` (nothing counted) when the period's quota is spent."""
        with self._writer.begin() as conn:
            if (
                period_start is not None
                and limit is not None
                and not _spend_quota(conn, plan_id, key_id, period_start, limit)
            ):
                return False
            _count_day(conn, plan_id, key_id, day)
        return True

    def take(self, key: str, rate: float, burst: int) -> bool:
        """Spend a token of the shared bucket ``key``; ``False`` when it is empty."""
        with self._writer.begin() as conn:
            return _take_token(conn, key, rate, burst, self._clock.now())
