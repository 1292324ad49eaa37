"""Telling the data plane, right after the commit, that an API changed in this process.

Every write transaction of the API Gateway storage (AWS API, console, ``--init``) goes through
:meth:`ApiChanges.watched`, so what a stage serves is re-read at once after a redeploy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

from cognigate.core.uow import UnitOfWorkFactory

T = TypeVar("T")


class ApiChanges:
    """Listeners called after each committed write."""

    def __init__(self) -> None:
        self._listeners: list[Callable[[], None]] = []

    def subscribe(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def notify(self) -> None:
        for listener in self._listeners:
            listener()

    def watched(self, inner: UnitOfWorkFactory[T]) -> UnitOfWorkFactory[T]:
        """``inner``, notifying after every write transaction that commits."""
        return _Watched(inner, self)


class _Watched(Generic[T]):
    def __init__(self, inner: UnitOfWorkFactory[T], changes: ApiChanges) -> None:
        self._inner = inner
        self._changes = changes

    @contextmanager
    def __call__(self, *, write: bool) -> Iterator[T]:
        with self._inner(write=write) as uow:
            yield uow
        if write:
            self._changes.notify()
