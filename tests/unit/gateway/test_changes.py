"""Committed API Gateway writes notify the data plane; reads and failed writes do not."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from cognigate.gateway.changes import ApiChanges


class Store:
    """A unit-of-work factory standing in for storage (it has no repositories to offer)."""

    def __init__(self) -> None:
        self.committed = 0

    @contextmanager
    def __call__(self, *, write: bool) -> Iterator[str]:
        yield "uow"
        self.committed += write


@pytest.fixture
def changes() -> ApiChanges:
    return ApiChanges()


def test_a_committed_write_notifies_after_the_commit(changes: ApiChanges) -> None:
    store, seen = Store(), []
    changes.subscribe(lambda: seen.append(store.committed))

    with changes.watched(store)(write=True) as uow:
        assert uow == "uow"

    assert seen == [1]


def test_reads_do_not_notify(changes: ApiChanges) -> None:
    seen: list[int] = []
    changes.subscribe(lambda: seen.append(1))

    with changes.watched(Store())(write=False):
        pass

    assert seen == []


def test_a_failed_write_does_not_notify(changes: ApiChanges) -> None:
    seen: list[int] = []
    changes.subscribe(lambda: seen.append(1))

    with pytest.raises(ValueError, match="boom"), changes.watched(Store())(write=True):
        raise ValueError("boom")

    assert seen == []
