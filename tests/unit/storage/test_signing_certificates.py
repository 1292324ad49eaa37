"""The signing-certificate repository on the real SQLite storage: one certificate per pool,
a second insert is refused without spoiling the transaction, and it goes with its pool."""

from __future__ import annotations

from pathlib import Path

import pytest

from cognigate.app import Components, build
from cognigate.config import Settings
from cognigate.core.clock import FixedClock
from cognigate.identity.model import PoolConfig
from cognigate.identity.ports import DuplicateKey
from cognigate.identity.signing_certificates import issue_certificate
from cognigate.storage.uow import SqlIdentityUnitOfWork

pytestmark = pytest.mark.filterwarnings("ignore:No path_separator found:DeprecationWarning")

NOW = 1_700_000_000.0


@pytest.fixture
def components(tmp_path: Path) -> Components:
    return build(Settings(data_dir=tmp_path / "data"), clock=FixedClock(NOW))


@pytest.fixture
def uow(components: Components) -> SqlIdentityUnitOfWork:
    return SqlIdentityUnitOfWork(components.engine)


@pytest.fixture
def pool_id(components: Components) -> str:
    return components.identity.pools.create("pool", PoolConfig(), {}).pool.id


def test_a_stored_certificate_reads_back_unchanged(
    uow: SqlIdentityUnitOfWork, pool_id: str
) -> None:
    issued = issue_certificate(pool_id, now=NOW)
    with uow(write=True) as store:
        store.signing_certificates.add(issued)

    with uow(write=False) as store:
        stored = store.signing_certificates.get(pool_id)

    assert stored == issued


def test_a_second_certificate_is_refused_and_the_transaction_stays_usable(
    uow: SqlIdentityUnitOfWork, pool_id: str
) -> None:
    first = issue_certificate(pool_id, now=NOW)
    with uow(write=True) as store:
        store.signing_certificates.add(first)
        with pytest.raises(DuplicateKey):
            store.signing_certificates.add(issue_certificate(pool_id, now=NOW + 1))
        kept = store.signing_certificates.get(pool_id)

    assert kept == first


def test_the_certificate_goes_with_its_pool(
    components: Components, uow: SqlIdentityUnitOfWork, pool_id: str
) -> None:
    components.identity.signing_certificates.get_signing_certificate(pool_id)

    components.identity.pools.delete(pool_id)

    with uow(write=False) as store:
        assert store.signing_certificates.get(pool_id) is None
