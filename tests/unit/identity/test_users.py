"""User operations of the domain, on the real SQLite storage (no server, no mocks)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cognigate.app import build
from cognigate.config import Settings
from cognigate.core.clock import FixedClock
from cognigate.identity import srp
from cognigate.identity.errors import (
    InvalidParameterException,
    InvalidPasswordException,
    ResourceNotFoundException,
    UsernameExistsException,
    UserNotFoundException,
)
from cognigate.identity.model import PoolConfig, UserStatus
from cognigate.identity.outbox import OutboxQuery
from cognigate.identity.service import IdentityService
from cognigate.identity.users import NewUser, UserQuery

# Alembic warns about its own configuration style in storage/migrate.py (not ours to change here).
pytestmark = pytest.mark.filterwarnings("ignore:No path_separator found:DeprecationWarning")

PASSWORD = "Lab-Passw0rd!"
PoolMaker = Callable[..., str]


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(1_700_000_000.0)


@pytest.fixture
def service(tmp_path: Path, clock: FixedClock) -> IdentityService:
    return build(Settings(data_dir=tmp_path / "data"), clock=clock).identity


@pytest.fixture
def make_pool(service: IdentityService) -> PoolMaker:
    def factory(**config: Any) -> str:
        details = service.pools.create("pool", PoolConfig(**config), {})
        return details.pool.id

    return factory


def new_user(pool_id: str, username: str, **extra: Any) -> NewUser:
    extra.setdefault("temporary_password", PASSWORD)
    extra.setdefault("message_action", "SUPPRESS")
    return NewUser(pool_id=pool_id, username=username, **extra)


def test_created_user_keeps_only_an_srp_verifier_of_the_password(
    service: IdentityService, make_pool: PoolMaker, clock: FixedClock
) -> None:
    pool_id = make_pool()

    user = service.users.admin_create_user(new_user(pool_id, "CognitoUser"))

    assert user.status is UserStatus.FORCE_CHANGE_PASSWORD
    assert user.created == clock.now()
    assert user.password is not None
    assert PASSWORD not in (user.password.salt, user.password.verifier)
    assert srp.check_password(
        pool_id, "CognitoUser", PASSWORD, user.password.salt, user.password.verifier
    )


def test_sub_is_the_first_attribute(service: IdentityService, make_pool: PoolMaker) -> None:
    user = service.users.admin_create_user(
        new_user(make_pool(), "u", attributes=(("name", "U"),))
    )

    assert user.attributes[0] == ("sub", user.sub)
    assert user.attributes[1] == ("name", "U")


def test_generated_temporary_password_reaches_the_outbox_and_verifies(
    service: IdentityService, make_pool: PoolMaker
) -> None:
    pool_id = make_pool()

    user = service.users.admin_create_user(
        NewUser(pool_id=pool_id, username="gen", attributes=(("email", "gen@example.com"),),
                delivery_mediums=("EMAIL",))
    )

    (message,) = service.outbox.list_messages(OutboxQuery(pool_id=pool_id))
    assert message.code is not None
    assert user.password is not None
    assert srp.check_password(pool_id, "gen", message.code, user.password.salt,
                              user.password.verifier)


def test_weak_temporary_password_stores_nothing(
    service: IdentityService, make_pool: PoolMaker
) -> None:
    pool_id = make_pool()

    with pytest.raises(InvalidPasswordException):
        service.users.admin_create_user(new_user(pool_id, "u", temporary_password="weak"))

    assert service.users.list_users(UserQuery(pool_id=pool_id)).items == ()


def test_alias_clash_rolls_back_the_whole_creation(
    service: IdentityService, make_pool: PoolMaker
) -> None:
    pool_id = make_pool(username_attributes=("email",))
    service.users.admin_create_user(new_user(pool_id, "a@example.com"))

    with pytest.raises(UsernameExistsException):
        service.users.admin_create_user(
            new_user(pool_id, "a@example.com", message_action=None,
                     delivery_mediums=("EMAIL",))
        )

    assert len(service.users.list_users(UserQuery(pool_id=pool_id)).items) == 1
    assert service.outbox.list_messages(OutboxQuery(pool_id=pool_id)) == []


def test_unknown_pool_raises_resource_not_found(service: IdentityService) -> None:
    with pytest.raises(ResourceNotFoundException):
        service.users.admin_create_user(new_user("us-east-1_Nope12345", "u"))


def test_case_insensitive_pool_finds_user_in_any_case(
    service: IdentityService, make_pool: PoolMaker
) -> None:
    pool_id = make_pool(case_sensitive=False)
    service.users.admin_create_user(new_user(pool_id, "CognitoUser"))

    user = service.users.admin_get_user(pool_id, "COGNITOUSER")

    assert user.username == "CognitoUser"


def test_phone_username_pool_requires_a_phone_number(
    service: IdentityService, make_pool: PoolMaker
) -> None:
    pool_id = make_pool(username_attributes=("phone_number",))

    expected = re.escape("Username should be a phone number.")
    with pytest.raises(InvalidParameterException, match=expected):
        service.users.admin_create_user(new_user(pool_id, "jane"))


def test_resend_replaces_the_temporary_password(
    service: IdentityService, make_pool: PoolMaker, clock: FixedClock
) -> None:
    pool_id = make_pool()
    service.users.admin_create_user(new_user(pool_id, "u"))
    clock.advance(60)

    user = service.users.admin_create_user(
        new_user(pool_id, "u", message_action="RESEND", temporary_password="Other-Passw0rd!")
    )

    assert user.password is not None
    assert user.password.set_at == clock.now()
    assert srp.check_password(pool_id, "u", "Other-Passw0rd!", user.password.salt,
                              user.password.verifier)


def test_reset_stores_only_a_hash_of_the_code(
    service: IdentityService, make_pool: PoolMaker
) -> None:
    pool_id = make_pool()
    service.users.admin_create_user(new_user(pool_id, "u", attributes=(
        ("phone_number", "+15555550100"), ("phone_number_verified", "true"),
    )))

    service.users.admin_reset_user_password(pool_id, "u")

    (message,) = service.outbox.list_messages(OutboxQuery(pool_id=pool_id))
    user = service.users.admin_get_user(pool_id, "u")
    assert message.medium == "SMS"
    assert message.code is not None
    assert message.code not in repr(user.state)
    assert user.status is UserStatus.RESET_REQUIRED


def test_deleted_user_is_gone(service: IdentityService, make_pool: PoolMaker) -> None:
    pool_id = make_pool()
    service.users.admin_create_user(new_user(pool_id, "u"))

    service.users.admin_delete_user(pool_id, "u")

    with pytest.raises(UserNotFoundException):
        service.users.admin_get_user(pool_id, "u")


def test_list_users_pages_in_username_order(
    service: IdentityService, make_pool: PoolMaker
) -> None:
    pool_id = make_pool(case_sensitive=False)
    for name in ("Carol", "alice", "Bob"):
        service.users.admin_create_user(new_user(pool_id, name))

    first = service.users.list_users(UserQuery(pool_id=pool_id, limit=2))
    second = service.users.list_users(UserQuery(pool_id=pool_id, limit=2, token=first.next_token))

    assert [u.username for u in first.items + second.items] == ["alice", "Bob", "Carol"]
    assert second.next_token is None


def test_admin_marking_a_new_email_verified_forgets_the_pending_code(
    service: IdentityService, make_pool: PoolMaker
) -> None:
    pool_id = make_pool(auto_verified_attributes=("email",))
    service.users.admin_create_user(new_user(pool_id, "u"))
    service.users.admin_update_user_attributes(pool_id, "u", (("email", "a@example.com"),))
    pending = service.users.admin_get_user(pool_id, "u").state.get("attribute_codes")

    service.users.admin_update_user_attributes(
        pool_id, "u", (("email", "b@example.com"), ("email_verified", "true"))
    )

    user = service.users.admin_get_user(pool_id, "u")
    assert isinstance(pending, dict)
    assert "email" in pending
    assert user.state.get("attribute_codes") == {}
    assert user.attribute("email_verified") == "true"
