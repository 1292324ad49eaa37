"""Unit-of-work protocol: one transaction per API call or HTTP request."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol, TypeVar

T_co = TypeVar("T_co", covariant=True)


class UnitOfWorkFactory(Protocol[T_co]):
    """Opens a transaction and yields the repositories bound to it.

    Leaving the block normally commits; an exception rolls back.
    """

    def __call__(self, *, write: bool) -> AbstractContextManager[T_co]: ...
