"""The data plane's collaborators and caches, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    UsageCounters,
)
from cognigate.gateway.throttle import TokenBuckets

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
    #: throttle and quota state shared by instances; :class:`TokenBuckets` (this process) if None
    usage_counters: UsageCounters | None = None
    buckets: UsageCounters = field(init=False)
    #: API key lookups ``(value, api id, stage) -> (grant or None,)``, kept for ``KEY_TTL``
    key_grants: BoundedCache[tuple[str, str, str], tuple[object]] = field(init=False)

    def __post_init__(self) -> None:
        self.authorizer_results = BoundedCache(CACHE_SIZE, self.clock.now)
        self.pool_key_sets = BoundedCache(256, self.clock.now)
        self.buckets = self.usage_counters or TokenBuckets(self.clock)
        self.key_grants = BoundedCache(CACHE_SIZE, self.clock.now)

    def keys_for(self, pool_id: str) -> PoolKeySet | None:
        """The pool's keys, cached for a minute (keys never change; pools may go)."""
        found = self.pool_key_sets.get(pool_id)
        if found is None:
            found = self.pool_keys.keys_for(pool_id)
            if found is not None and found.keys:
                self.pool_key_sets.put(pool_id, found, POOL_KEYS_TTL)
        return found

    def http_client(self) -> httpx.AsyncClient:
        if self.http is None:
            self.http = httpx.AsyncClient(follow_redirects=False)
        return self.http

    def flush_authorizers(self, api_id: str) -> None:
        """FlushStageAuthorizersCache: forget every cached result of the API's authorizers."""
        self.authorizer_results.discard_where(lambda key: key[0] == api_id)
