"""The device repository on the real SQLite storage: listing and what deleting a user does."""

from __future__ import annotations

from pathlib import Path

import pytest

from cognigate.app import Components, build
from cognigate.config import Settings
from cognigate.core.clock import FixedClock
from cognigate.identity.model import Device, PoolConfig
from cognigate.identity.users import NewUser
from cognigate.storage.uow import SqlIdentityUnitOfWork

pytestmark = pytest.mark.filterwarnings("ignore:No path_separator found:DeprecationWarning")

NOW = 1_700_000_000.0


@pytest.fixture
def components(tmp_path: Path) -> Components:
    return build(Settings(data_dir=tmp_path / "data"), clock=FixedClock(NOW))


def _user_with_devices(components: Components, *keys: str, confirmed: bool = True) -> str:
    pool_id = components.identity.pools.create("pool", PoolConfig(), {}).pool.id
    user = components.identity.users.admin_create_user(
        NewUser(pool_id=pool_id, username="ada", message_action="SUPPRESS")
    )
    assert user.pk is not None
    with SqlIdentityUnitOfWork(components.engine)(write=True) as store:
        for key in keys:
            verifier = "ab12" if confirmed else None
            store.devices.add(Device(key, pool_id, user.pk, "-g", NOW, NOW, verifier=verifier))
    return pool_id


def test_deleting_a_user_deletes_their_devices(components: Components) -> None:
    pool_id = _user_with_devices(components, "us-east-1_a")

    components.identity.users.admin_delete_user(pool_id, "ada")

    with SqlIdentityUnitOfWork(components.engine)(write=False) as store:
        assert store.devices.get(pool_id, "us-east-1_a") is None


def test_listing_pages_by_key_after_the_given_key(components: Components) -> None:
    pool_id = _user_with_devices(components, "us-east-1_c", "us-east-1_a", "us-east-1_b")

    with SqlIdentityUnitOfWork(components.engine)(write=False) as store:
        user_pk = store.devices.get(pool_id, "us-east-1_a")
        assert user_pk is not None
        listed = store.devices.list(user_pk.user_pk, 2, "us-east-1_a")

    assert [d.key for d in listed] == ["us-east-1_b", "us-east-1_c"]


def test_listing_leaves_out_unconfirmed_device_keys(components: Components) -> None:
    pool_id = _user_with_devices(components, "us-east-1_a", confirmed=False)

    with SqlIdentityUnitOfWork(components.engine)(write=False) as store:
        device = store.devices.get(pool_id, "us-east-1_a")
        assert device is not None
        listed = store.devices.list(device.user_pk, 10, None)

    assert listed == []
