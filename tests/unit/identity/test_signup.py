"""Sign-up codes on the real SQLite storage with a fixed clock: hashing, expiry, attempts."""

from __future__ import annotations

from pathlib import Path

import pytest

from cognigate.core.clock import FixedClock
from cognigate.identity.confirmation import SIGNUP_CODE, CodeAnswer
from cognigate.identity.errors import CodeMismatchException, ExpiredCodeException
from cognigate.identity.model import UserStatus
from cognigate.identity.service import IdentityService
from tests.unit.identity.selfservice_support import (
    last_code,
    make_service,
    pool_and_client,
    signed_up,
)

pytestmark = pytest.mark.filterwarnings("ignore:No path_separator found:DeprecationWarning")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(1_700_000_000.0)


@pytest.fixture
def service(tmp_path: Path, clock: FixedClock) -> IdentityService:
    return make_service(tmp_path, clock)


def test_sign_up_code_is_stored_only_as_a_hash(service: IdentityService) -> None:
    pool_id, client_id = pool_and_client(service)
    signed_up(service, client_id, "ann")
    code = last_code(service, pool_id, "ann")

    user = service.users.admin_get_user(pool_id, "ann")

    record = user.state[SIGNUP_CODE]
    assert isinstance(record, dict)
    assert code not in str(user.state)
    assert set(record) >= {"sha256", "issued"}


def test_sign_up_code_expires_after_a_day(service: IdentityService, clock: FixedClock) -> None:
    pool_id, client_id = pool_and_client(service)
    signed_up(service, client_id, "bo")
    code = last_code(service, pool_id, "bo")
    clock.advance(24 * 3600 + 1)

    with pytest.raises(ExpiredCodeException) as excinfo:
        service.confirmation.confirm_sign_up(CodeAnswer(client_id, "bo", code))

    assert excinfo.value.message == "Invalid code provided, please request a code again."


def test_sign_up_code_is_valid_just_before_a_day(
    service: IdentityService, clock: FixedClock
) -> None:
    pool_id, client_id = pool_and_client(service)
    signed_up(service, client_id, "cy")
    code = last_code(service, pool_id, "cy")
    clock.advance(24 * 3600 - 1)

    service.confirmation.confirm_sign_up(CodeAnswer(client_id, "cy", code))

    assert service.users.admin_get_user(pool_id, "cy").status is UserStatus.CONFIRMED


def test_wrong_guesses_are_counted_even_though_the_call_fails(service: IdentityService) -> None:
    pool_id, client_id = pool_and_client(service)
    signed_up(service, client_id, "di")
    code = last_code(service, pool_id, "di")

    with pytest.raises(CodeMismatchException):
        service.confirmation.confirm_sign_up(CodeAnswer(client_id, "di", "x" + code[1:]))

    record = service.users.admin_get_user(pool_id, "di").state[SIGNUP_CODE]
    assert isinstance(record, dict)
    assert record["attempts"] == 1
