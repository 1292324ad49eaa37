"""The answered-steps repository on the real SQLite storage: a step is consumed once, a second
consume (even after the first committed) fails, and purging forgets only expired steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from cognigate.app import Components, build
from cognigate.config import Settings
from cognigate.core.clock import FixedClock
from cognigate.storage.uow import SqlIdentityUnitOfWork

pytestmark = pytest.mark.filterwarnings("ignore:No path_separator found:DeprecationWarning")

NOW = 1_700_000_000.0


@pytest.fixture
def uow(tmp_path: Path) -> SqlIdentityUnitOfWork:
    components: Components = build(Settings(data_dir=tmp_path / "data"), clock=FixedClock(NOW))
    return SqlIdentityUnitOfWork(components.engine)


def test_a_step_is_consumed_once(uow: SqlIdentityUnitOfWork) -> None:
    with uow(write=True) as store:
        first = store.consumed_challenges.consume("step-1", "pool", NOW + 60)
    with uow(write=True) as store:
        second = store.consumed_challenges.consume("step-1", "pool", NOW + 60)

    assert (first, second) == (True, False)


def test_a_refused_consume_leaves_the_transaction_usable(uow: SqlIdentityUnitOfWork) -> None:
    with uow(write=True) as store:
        store.consumed_challenges.consume("step-1", "pool", NOW + 60)
        store.consumed_challenges.consume("step-1", "pool", NOW + 60)
        later = store.consumed_challenges.consume("step-2", "pool", NOW + 60)

    assert later is True


def test_purge_forgets_expired_steps_only(uow: SqlIdentityUnitOfWork) -> None:
    with uow(write=True) as store:
        store.consumed_challenges.consume("old", "pool", NOW - 1)
        store.consumed_challenges.consume("live", "pool", NOW + 60)
    with uow(write=True) as store:
        store.consumed_challenges.purge(NOW)
    with uow(write=True) as store:
        old_again = store.consumed_challenges.consume("old", "pool", NOW + 60)
        live_again = store.consumed_challenges.consume("live", "pool", NOW + 60)

    assert (old_again, live_again) == (True, False)
