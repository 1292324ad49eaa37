"""The public side of a pool's signing keys: its JWKS (created on first request)."""

from __future__ import annotations

from cognigate.identity.auth.issuance import pool_keys
from cognigate.identity.context import Deps
from cognigate.identity.keys import Jwks, SigningKey, jwks


class KeySetOperations:
    """Serves ``/<poolId>/.well-known/jwks.json``."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def jwks(self, pool_id: str) -> Jwks | None:
        """The pool's JWKS, or ``None`` for an unknown pool; keys are created on first use,
        so only that first request needs a write transaction."""
        stored = self.signing_keys(pool_id)
        if stored is None:
            return None
        if len(stored) >= 2:
            return jwks(stored)
        with self._deps.uow(write=True) as store:
            keys = pool_keys(store, pool_id, self._deps.clock.now())
        return jwks(keys.values())

    def issuer(self, pool_id: str) -> str:
        """The ``iss`` this pool's tokens carry."""
        return self._deps.issuer(pool_id)

    def signing_keys(self, pool_id: str) -> list[SigningKey] | None:
        """The pool's keys as stored (none yet before its first token), or ``None`` if no pool."""
        with self._deps.uow(write=False) as store:
            if store.pools.get(pool_id) is None:
                return None
            return store.signing_keys.for_pool(pool_id)
