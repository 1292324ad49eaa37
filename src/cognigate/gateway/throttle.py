"""Token buckets for stage/method and usage-plan throttling; quota counting without storage.

https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
Design: quotas and daily usage are always counted in the database (``UsageMeter``: one atomic
upsert per request, so restarts and other instances see them). Throttle buckets refill every
second, so a single process keeps them here (:class:`TokenBuckets`, no I/O); when several
processes serve one database (PostgreSQL, ``--workers N``) the composition root adds
``SharedBuckets``, one atomic UPDATE per request that refills from the stored timestamp. Either is
reached only by a method, stage or plan with throttling configured; other routes never touch
them. :class:`ProcessUsageMeter` stands in for storage where a runtime is built without one.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from cognigate.core.clock import Clock
from cognigate.gateway.cache import BoundedCache

_QUOTA_TTL = 32 * 86400.0


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class TokenBuckets:
    """One bucket per key: ``rate`` tokens a second, at most ``burst`` held (this process)."""

    def __init__(self, clock: Clock, size: int = 16384) -> None:
        self._clock = clock
        self._buckets: BoundedCache[Hashable, _Bucket] = BoundedCache(size, clock.now)

    def take(self, key: tuple[str, ...], rate: float, burst: int) -> bool:
        """Spend one token; ``False`` when the bucket is empty."""
        now = self._clock.now()
        bucket = self._buckets.get(key)
        capacity = float(max(burst, 1)) if rate > 0 else 0.0
        if bucket is None:
            bucket = _Bucket(capacity, now)
            self._buckets.put(key, bucket)
        bucket.tokens = min(capacity, bucket.tokens + (now - bucket.updated) * rate)
        bucket.updated = now
        if bucket.tokens < 1:
            return False
        bucket.tokens -= 1
        return True


class ProcessUsageMeter:
    """A ``UsageMeter`` kept in this process (bounded): for runtimes built without storage."""

    def __init__(self, clock: Clock, size: int = 16384) -> None:
        self._counts: BoundedCache[Hashable, int] = BoundedCache(size, clock.now)

    def record(
        self, plan_id: str, key_id: str, day: str, period_start: str | None, limit: int | None
    ) -> bool:
        if period_start is not None and limit is not None:
            key = ("quota", plan_id, key_id, period_start)
            used = self._counts.get(key) or 0
            if used >= limit:
                return False
            self._counts.put(key, used + 1, _QUOTA_TTL)
        day_key = ("day", plan_id, key_id, day)
        self._counts.put(day_key, (self._counts.get(day_key) or 0) + 1, _QUOTA_TTL)
        return True
