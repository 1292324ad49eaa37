"""Access-token operations on the real SQLite storage with a fixed clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from cognigate.core.clock import FixedClock
from cognigate.identity.confirmation import CodeAnswer
from cognigate.identity.errors import (
    ExpiredCodeException,
    LimitExceededException,
    NotAuthorizedException,
)
from cognigate.identity.service import IdentityService
from tests.unit.identity.selfservice_support import (
    PASSWORD,
    access_token,
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


@pytest.fixture
def client(service: IdentityService) -> tuple[str, str]:
    """(pool id, client id) with the confirmed user ``fay``."""
    pool_id, client_id = pool_and_client(service)
    signed_up(service, client_id, "fay")
    service.confirmation.confirm_sign_up(
        CodeAnswer(client_id, "fay", last_code(service, pool_id, "fay"))
    )
    return pool_id, client_id


def test_expired_access_token_is_refused(
    service: IdentityService, clock: FixedClock, client: tuple[str, str]
) -> None:
    token = access_token(service, client[1], "fay")
    clock.advance(3600 + 1)

    with pytest.raises(NotAuthorizedException) as excinfo:
        service.account.get_user(token)

    assert excinfo.value.message == "Access Token has expired"


def test_sign_in_in_the_same_second_as_a_global_sign_out_stays_valid(
    service: IdentityService, client: tuple[str, str]
) -> None:
    old = access_token(service, client[1], "fay")
    service.sign_out.global_sign_out(old)

    new = access_token(service, client[1], "fay")

    assert service.account.get_user(new).username == "fay"
    with pytest.raises(NotAuthorizedException):
        service.account.get_user(old)


def test_attribute_code_expires_after_a_day(
    service: IdentityService, clock: FixedClock, client: tuple[str, str]
) -> None:
    pool_id, client_id = client
    token = access_token(service, client_id, "fay")
    service.attribute_verification.get_user_attribute_verification_code(token, "email")
    code = last_code(service, pool_id, "fay")
    clock.advance(24 * 3600 + 1)
    token = access_token(service, client_id, "fay")

    with pytest.raises(ExpiredCodeException):
        service.attribute_verification.verify_user_attribute(token, "email", code)


def _wrong_change(service: IdentityService, token: str) -> None:
    with pytest.raises(NotAuthorizedException):
        service.account.change_password(token, "Wrong-Passw0rd!", "Next-Passw0rd!")


def test_change_password_limit_lifts_after_a_quiet_quarter_hour(
    service: IdentityService, clock: FixedClock, client: tuple[str, str]
) -> None:
    token = access_token(service, client[1], "fay")
    for _ in range(5):
        _wrong_change(service, token)
    with pytest.raises(LimitExceededException):
        service.account.change_password(token, PASSWORD, "Next-Passw0rd!")
    clock.advance(15 * 60)
    token = access_token(service, client[1], "fay")

    service.account.change_password(token, PASSWORD, "Next-Passw0rd!")
