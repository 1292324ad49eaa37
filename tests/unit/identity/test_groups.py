"""Group operations of the domain, on the real SQLite storage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cognigate.app import build
from cognigate.config import Settings
from cognigate.core.clock import FixedClock
from cognigate.identity.errors import GroupExistsException, ResourceNotFoundException
from cognigate.identity.groups import GroupChanges, NewGroup
from cognigate.identity.model import PoolConfig
from cognigate.identity.service import IdentityService
from cognigate.identity.users import NewUser

# Alembic warns about its own configuration style in storage/migrate.py (not ours to change here).
pytestmark = pytest.mark.filterwarnings("ignore:No path_separator found:DeprecationWarning")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(1_700_000_000.0)


@pytest.fixture
def service(tmp_path: Path, clock: FixedClock) -> IdentityService:
    return build(Settings(data_dir=tmp_path / "data"), clock=clock).identity


@pytest.fixture
def pool_id(service: IdentityService) -> str:
    return service.pools.create("pool", PoolConfig(), {}).pool.id


def test_update_group_keeps_members_not_given_and_moves_modified(
    service: IdentityService, pool_id: str, clock: FixedClock
) -> None:
    service.groups.create_group(NewGroup(pool_id, "g", description="d", precedence=3))
    clock.advance(10)

    group = service.groups.update_group(
        GroupChanges(pool_id, "g", role_arn="arn:aws:iam::1:role/r", given=frozenset({"role_arn"}))
    )

    assert (group.description, group.precedence) == ("d", 3)
    assert group.role_arn == "arn:aws:iam::1:role/r"
    assert group.modified == group.created + 10


def test_update_group_can_clear_a_member_given_as_none(
    service: IdentityService, pool_id: str
) -> None:
    service.groups.create_group(NewGroup(pool_id, "g", description="d"))

    group = service.groups.update_group(
        GroupChanges(pool_id, "g", description=None, given=frozenset({"description"}))
    )

    assert group.description is None


def test_create_group_twice_raises_group_exists(service: IdentityService, pool_id: str) -> None:
    service.groups.create_group(NewGroup(pool_id, "g"))

    expected = re.escape("A group with the name g already exists.")
    with pytest.raises(GroupExistsException, match=expected):
        service.groups.create_group(NewGroup(pool_id, "g"))


def test_delete_unknown_group_raises_resource_not_found(
    service: IdentityService, pool_id: str
) -> None:
    with pytest.raises(ResourceNotFoundException, match=re.escape("Group not found.")):
        service.groups.delete_group(pool_id, "nope")


def test_groups_of_orders_by_precedence_then_name(service: IdentityService, pool_id: str) -> None:
    service.users.admin_create_user(NewUser(pool_id, "u", message_action="SUPPRESS"))
    for name, precedence in (("b", None), ("a", None), ("z", 0), ("m", 5)):
        service.groups.create_group(NewGroup(pool_id, name, precedence=precedence))
        service.groups.admin_add_user_to_group(pool_id, "u", name)

    groups = service.groups.groups_of(pool_id, "u")

    assert [g.name for g in groups] == ["z", "m", "a", "b"]


def test_groups_for_user_page_through_every_group(service: IdentityService, pool_id: str) -> None:
    service.users.admin_create_user(NewUser(pool_id, "u", message_action="SUPPRESS"))
    for name in ("g1", "g2", "g3"):
        service.groups.create_group(NewGroup(pool_id, name))
        service.groups.admin_add_user_to_group(pool_id, "u", name)

    first = service.groups.admin_list_groups_for_user(pool_id, "u", 2, None)
    second = service.groups.admin_list_groups_for_user(pool_id, "u", 2, first.next_token)

    assert [g.name for g in first.items + second.items] == ["g1", "g2", "g3"]
    assert second.next_token is None
