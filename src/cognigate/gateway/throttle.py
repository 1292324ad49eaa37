"""Token buckets for stage/method throttling and usage plans, and usage-plan quota counters.

https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
Deviation: the counters live in this process (bounded), not in the database, so several
instances each allow the configured rate.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from cognigate.core.clock import Clock
from cognigate.gateway.cache import BoundedCache

_PERIOD_SECONDS = {"DAY": 86400, "WEEK": 7 * 86400, "MONTH": 30 * 86400}


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class TokenBuckets:
    """One bucket per key: ``rate`` tokens a second, at most ``burst`` held."""

    def __init__(self, clock: Clock, size: int = 16384) -> None:
        self._clock = clock
        self._buckets: BoundedCache[Hashable, _Bucket] = BoundedCache(size, clock.now)
        self._quotas: BoundedCache[Hashable, int] = BoundedCache(size, clock.now)

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

    def count(self, key: tuple[str, ...], period: str, limit: int) -> bool:
        """Count one request in the current quota period; ``False`` past ``limit``."""
        seconds = _PERIOD_SECONDS.get(period.upper(), 86400)
        window = int(self._clock.now() // seconds)
        used = self._quotas.get((key, window)) or 0
        if used >= limit:
            return False
        self._quotas.put((key, window), used + 1, seconds)
        return True
