"""The data plane's collaborators and caches, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass, field

import anyio.to_thread
import httpx

from cognigate.apigw.ports import ApigwUnitOfWork
from cognigate.core.clock import Clock
from cognigate.core.uow import UnitOfWorkFactory
from cognigate.gateway.cache import BoundedCache
from cognigate.gateway.ports import (
    FunctionInvoker,
    NoFunctions,
    PoolKeys,
    PoolKeySet,
    SharedBuckets,
    UsageMeter,
)
from cognigate.gateway.throttle import ProcessUsageMeter, TokenBuckets

POOL_KEYS_TTL = 60.0
CACHE_SIZE = 4096
KEY_TTL = 1.0


@dataclass(slots=True)
class Runtime:
    """What the steps need besides the invocation itself."""

    clock: Clock
    pool_keys: PoolKeys
    uow: UnitOfWorkFactory[ApigwUnitOfWork]
    account_id: str
    region: str
    functions: FunctionInvoker = field(default_factory=NoFunctions)
    http: httpx.AsyncClient | None = None
    #: authorizer results keyed by (api id, authorizer id, identity); values are typed per kind
    authorizer_results: BoundedCache[tuple[str, str, str], object] = field(init=False)
    pool_key_sets: BoundedCache[str, PoolKeySet] = field(init=False)
    #: usage-plan quotas and daily usage (storage); :class:`ProcessUsageMeter` if None
    meter: UsageMeter | None = None
    #: throttle buckets shared by every process of the database; :class:`TokenBuckets` if None
    shared_buckets: SharedBuckets | None = None
    buckets: TokenBuckets = field(init=False)
    local_meter: ProcessUsageMeter = field(init=False)
    #: API key lookups ``(value, api id, stage) -> (grant or None,)``, kept for ``KEY_TTL``
    key_grants: BoundedCache[tuple[str, str, str], tuple[object]] = field(init=False)

    def __post_init__(self) -> None:
        self.authorizer_results = BoundedCache(CACHE_SIZE, self.clock.now)
        self.pool_key_sets = BoundedCache(256, self.clock.now)
        self.buckets = TokenBuckets(self.clock)
        self.local_meter = ProcessUsageMeter(self.clock)
        self.key_grants = BoundedCache(CACHE_SIZE, self.clock.now)

    def keys_for(self, pool_id: str) -> PoolKeySet | None:
        """The pool's keys, cached for a minute (keys never change; pools may go)."""
        found = self.pool_key_sets.get(pool_id)
        if found is None:
            found = self.pool_keys.keys_for(pool_id)
            if found is not None and found.keys:
                self.pool_key_sets.put(pool_id, found, POOL_KEYS_TTL)
        return found

    async def take(self, key: tuple[str, ...], rate: float, burst: int) -> bool:
        """Spend a token of throttle bucket ``key``: shared if configured, else this process's."""
        if self.shared_buckets is None:
            return self.buckets.take(key, rate, burst)
        return await anyio.to_thread.run_sync(self.shared_buckets.take, "/".join(key), rate, burst)

    async def record(
        self, plan_id: str, key_id: str, day: str, quota: tuple[str, int] | None
    ) -> bool:
        """Count a request of ``key_id`` through ``plan_id``; ``quota``: (period start, limit).

        ``False`` when the quota of the period is spent.
        """
        start, limit = quota if quota is not None else (None, None)
        if self.meter is None:
            return self.local_meter.record(plan_id, key_id, day, start, limit)
        return await anyio.to_thread.run_sync(self.meter.record, plan_id, key_id, day, start, limit)

    def http_client(self) -> httpx.AsyncClient:
        if self.http is None:
            self.http = httpx.AsyncClient(follow_redirects=False)
        return self.http

    def flush_authorizers(self, api_id: str) -> None:
        """FlushStageAuthorizersCache: forget every cached result of the API's authorizers."""
        self.authorizer_results.discard_where(lambda key: key[0] == api_id)
