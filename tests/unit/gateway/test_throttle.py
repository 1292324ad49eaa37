"""Token buckets and the in-process usage meter with a fixed clock."""

from __future__ import annotations

from cognigate.core.clock import FixedClock
from cognigate.gateway.throttle import ProcessUsageMeter, TokenBuckets


def test_bucket_allows_the_burst_then_refills_at_the_rate() -> None:
    clock = FixedClock()
    buckets = TokenBuckets(clock)

    burst = [buckets.take(("k",), rate=2.0, burst=3) for _ in range(4)]
    clock.advance(0.5)
    refilled = buckets.take(("k",), rate=2.0, burst=3)

    assert burst == [True, True, True, False]
    assert refilled is True
    assert buckets.take(("k",), rate=2.0, burst=3) is False


def test_buckets_are_per_key() -> None:
    buckets = TokenBuckets(FixedClock())

    assert buckets.take(("a",), rate=1.0, burst=1)
    assert buckets.take(("b",), rate=1.0, burst=1)
    assert not buckets.take(("a",), rate=1.0, burst=1)


def test_process_meter_quota_resets_with_the_next_period() -> None:
    meter = ProcessUsageMeter(FixedClock())

    used = [meter.record("p", "k", "2024-01-01", "2024-01-01", 2) for _ in range(3)]

    assert used == [True, True, False]
    assert meter.record("p", "k", "2024-01-02", "2024-01-02", 2) is True
