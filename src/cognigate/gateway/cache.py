"""A bounded LRU cache with per-entry expiry (compiled routers, pool keys, authorizer results).

Used from the event loop; :meth:`BoundedCache.clear` may also come from a worker thread.
"""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BoundedCache(Generic[K, V]):
    """At most ``size`` entries; the least recently used goes first; entries may expire."""

    def __init__(self, size: int, now: Callable[[], float]) -> None:
        self._size = size
        self._now = now
        self._entries: OrderedDict[K, tuple[float | None, V]] = OrderedDict()

    def get(self, key: K) -> V | None:
        found = self._entries.get(key)
        if found is None:
            return None
        expires, value = found
        if expires is not None and self._now() >= expires:
            self._entries.pop(key, None)
            return None
        with contextlib.suppress(KeyError):  # cleared meanwhile by another thread
            self._entries.move_to_end(key)
        return value

    def put(self, key: K, value: V, ttl: float | None = None) -> None:
        expires = None if ttl is None else self._now() + ttl
        self._entries[key] = (expires, value)
        self._entries.move_to_end(key)
        while len(self._entries) > self._size:
            with contextlib.suppress(KeyError):
                self._entries.popitem(last=False)

    def discard_where(self, predicate: Callable[[K], bool]) -> None:
        """Drop every entry whose key matches ``predicate``."""
        for key in [k for k in list(self._entries) if predicate(k)]:
            self._entries.pop(key, None)

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
