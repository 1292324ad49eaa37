"""Password-reset codes on the real SQLite storage with a fixed clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from cognigate.core.clock import FixedClock
from cognigate.identity.confirmation import CodeAnswer
from cognigate.identity.errors import ExpiredCodeException, LimitExceededException
from cognigate.identity.recovery import NewPassword
from cognigate.identity.service import IdentityService
from tests.unit.identity.selfservice_support import (
    last_code,
    make_service,
    pool_and_client,
    signed_up,
)

pytestmark = pytest.mark.filterwarnings("ignore:No path_separator found:DeprecationWarning")
NEW_PASSWORD = "Other-Passw0rd!"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(1_700_000_000.0)


@pytest.fixture
def service(tmp_path: Path, clock: FixedClock) -> IdentityService:
    return make_service(tmp_path, clock)


@pytest.fixture
def confirmed(service: IdentityService) -> tuple[str, str]:
    pool_id, client_id = pool_and_client(service)
    signed_up(service, client_id, "eli")
    service.confirmation.confirm_sign_up(
        CodeAnswer(client_id, "eli", last_code(service, pool_id, "eli"))
    )
    return pool_id, client_id


def test_reset_code_expires_after_an_hour(
    service: IdentityService, clock: FixedClock, confirmed: tuple[str, str]
) -> None:
    pool_id, client_id = confirmed
    service.recovery.forgot_password(client_id, "eli")
    code = last_code(service, pool_id, "eli")
    clock.advance(3600 + 1)

    with pytest.raises(ExpiredCodeException):
        service.recovery.confirm_forgot_password(NewPassword(client_id, "eli", code, NEW_PASSWORD))


def test_reset_clears_the_sign_in_lockout(
    service: IdentityService, confirmed: tuple[str, str]
) -> None:
    pool_id, client_id = confirmed
    service.recovery.forgot_password(client_id, "eli")

    service.recovery.confirm_forgot_password(
        NewPassword(client_id, "eli", last_code(service, pool_id, "eli"), NEW_PASSWORD)
    )

    state = service.users.admin_get_user(pool_id, "eli").state
    assert not {"password_reset", "failed_attempts", "locked_until"} & set(state)


def test_reset_codes_are_limited_per_hour(
    service: IdentityService, clock: FixedClock, confirmed: tuple[str, str]
) -> None:
    _pool_id, client_id = confirmed
    for _ in range(10):
        service.recovery.forgot_password(client_id, "eli")
        clock.advance(60)

    with pytest.raises(LimitExceededException):
        service.recovery.forgot_password(client_id, "eli")
    clock.advance(3600)
    service.recovery.forgot_password(client_id, "eli")
