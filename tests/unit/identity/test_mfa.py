"""MFA sign-in rules on the real SQLite storage with a fixed clock: session expiry, replayed
TOTP codes, codes and secrets kept only sealed or hashed, and the pool's MFA modes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyotp
import pytest

from cognigate.app import build
from cognigate.config import Settings
from cognigate.core.clock import FixedClock
from cognigate.identity.errors import (
    CodeMismatchException,
    InvalidParameterException,
    NotAuthorizedException,
)
from cognigate.identity.mfa import Credential, FactorSetting, PoolMfaChange
from cognigate.identity.mfa_state import summary
from cognigate.identity.model import ClientConfig, PoolConfig
from cognigate.identity.outbox import OutboxQuery
from cognigate.identity.service import IdentityService
from cognigate.identity.users import NewUser

pytestmark = pytest.mark.filterwarnings("ignore:No path_separator found:DeprecationWarning")

PASSWORD = "Lab-Passw0rd!"
FLOWS = ("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")


@dataclass(frozen=True)
class World:
    service: IdentityService
    clock: FixedClock
    pool_id: str
    client_id: str

    def sign_in(self) -> tuple[str | None, str | None, str | None]:
        """(challenge name, session, access token) of a password sign-in as ``ann``."""
        result = self.service.auth.initiate(
            client_id=self.client_id,
            flow="USER_PASSWORD_AUTH",
            params={"USERNAME": "ann", "PASSWORD": PASSWORD},
        )
        token = result.grant.access_token if result.grant is not None else None
        return result.challenge, result.session, token

    def answer(self, name: str, session: str | None, **answers: str) -> str | None:
        """The access token a challenge answer earns."""
        result = self.service.auth.respond(
            client_id=self.client_id,
            challenge=name,
            session=session,
            answers={"USERNAME": "ann", **answers},
        )
        return result.grant.access_token if result.grant is not None else None


@pytest.fixture
def world(tmp_path: Path) -> World:
    clock = FixedClock(1_700_000_000.0)
    service = build(Settings(data_dir=tmp_path / "data"), clock=clock).identity
    pool_id = service.pools.create("pool", PoolConfig(), {}).pool.id
    service.mfa.set_pool_config(
        pool_id, PoolMfaChange(mode="OPTIONAL", totp_enabled=True, email={})
    )
    client = service.clients.create(pool_id, "app", ClientConfig(explicit_auth_flows=FLOWS))
    service.users.admin_create_user(
        NewUser(
            pool_id=pool_id,
            username="ann",
            attributes=(("email", "ann@example.com"),),
            message_action="SUPPRESS",
        )
    )
    service.users.admin_set_user_password(pool_id, "ann", PASSWORD, permanent=True)
    return World(service, clock, pool_id, client.id)


def enroll(world: World) -> str:
    """Give ann a verified, preferred software token; returns its secret."""
    _, _, token = world.sign_in()
    credential = Credential(access_token=token)
    secret, _ = world.service.mfa.associate_software_token(credential)
    code = pyotp.TOTP(secret).at(world.clock.now())
    world.service.mfa.verify_software_token(credential, code)
    world.service.mfa.admin_set_user_mfa_preference(
        world.pool_id, "ann", {"SOFTWARE_TOKEN_MFA": FactorSetting(True, True)}
    )
    world.clock.advance(30)
    return secret


def test_mfa_session_expires_after_the_clients_auth_session_validity(world: World) -> None:
    secret = enroll(world)
    _, session, _ = world.sign_in()
    world.clock.advance(3 * 60 + 1)

    with pytest.raises(NotAuthorizedException) as excinfo:
        world.answer(
            "SOFTWARE_TOKEN_MFA",
            session,
            SOFTWARE_TOKEN_MFA_CODE=pyotp.TOTP(secret).at(world.clock.now()),
        )

    assert excinfo.value.message == "Invalid session for the user, session is expired."


def test_totp_code_of_an_already_used_step_is_refused(world: World) -> None:
    secret = enroll(world)
    _, first, _ = world.sign_in()
    code = pyotp.TOTP(secret).at(world.clock.now())
    world.answer("SOFTWARE_TOKEN_MFA", first, SOFTWARE_TOKEN_MFA_CODE=code)
    _, second, _ = world.sign_in()

    with pytest.raises(CodeMismatchException):
        world.answer("SOFTWARE_TOKEN_MFA", second, SOFTWARE_TOKEN_MFA_CODE=code)


def test_totp_secret_is_stored_sealed(world: World) -> None:
    secret = enroll(world)

    user = world.service.users.admin_get_user(world.pool_id, "ann")

    assert secret not in repr(user.state)


def test_email_code_is_stored_only_as_a_hash(world: World) -> None:
    world.service.mfa.admin_set_user_mfa_preference(
        world.pool_id, "ann", {"EMAIL_OTP": FactorSetting(True, True)}
    )
    name, session, _ = world.sign_in()
    code = world.service.outbox.list_messages(OutboxQuery(world.pool_id, "ann"))[0].code

    user = world.service.users.admin_get_user(world.pool_id, "ann")

    assert name == "EMAIL_OTP"
    assert code is not None
    assert code not in repr(user.state)
    assert world.answer("EMAIL_OTP", session, EMAIL_OTP_CODE=code)


def test_five_wrong_codes_spend_the_session(world: World) -> None:
    world.service.mfa.admin_set_user_mfa_preference(
        world.pool_id, "ann", {"EMAIL_OTP": FactorSetting(True, True)}
    )
    _, session, _ = world.sign_in()
    code = world.service.outbox.list_messages(OutboxQuery(world.pool_id, "ann"))[0].code
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        with pytest.raises(CodeMismatchException):
            world.answer("EMAIL_OTP", session, EMAIL_OTP_CODE=wrong)

    with pytest.raises(NotAuthorizedException):
        world.answer("EMAIL_OTP", session, EMAIL_OTP_CODE=str(code))


def test_pool_mfa_off_skips_the_users_factor(world: World) -> None:
    enroll(world)
    world.service.mfa.set_pool_config(world.pool_id, PoolMfaChange(mode="OFF"))

    name, _, token = world.sign_in()

    assert name is None
    assert token


def test_disabling_the_preferred_factor_clears_the_preference(world: World) -> None:
    enroll(world)

    world.service.mfa.admin_set_user_mfa_preference(
        world.pool_id, "ann", {"SOFTWARE_TOKEN_MFA": FactorSetting(enabled=False)}
    )
    user = world.service.users.admin_get_user(world.pool_id, "ann")

    assert summary(user) == (None, [])
    assert world.sign_in()[0] is None


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            {"SMS_MFA": FactorSetting(True, False)},
            "User does not have delivery config set to turn on SMS_MFA",
        ),
        (
            {"EMAIL_OTP": FactorSetting(False, True)},
            "A preferred MFA method must be enabled.",
        ),
        (
            {
                "EMAIL_OTP": FactorSetting(True, True),
                "SOFTWARE_TOKEN_MFA": FactorSetting(True, True),
            },
            "Only one MFA method can be preferred.",
        ),
    ],
)
def test_inconsistent_mfa_preference_raises_invalid_parameter(
    world: World, settings: dict[str, FactorSetting], message: str
) -> None:
    enroll(world)

    with pytest.raises(InvalidParameterException) as excinfo:
        world.service.mfa.admin_set_user_mfa_preference(world.pool_id, "ann", settings)

    assert excinfo.value.message == message


def test_required_mfa_still_asks_for_a_verified_token_the_user_turned_off(world: World) -> None:
    enroll(world)
    world.service.mfa.set_pool_config(world.pool_id, PoolMfaChange(mode="ON", totp_enabled=True))
    world.service.mfa.admin_set_user_mfa_preference(
        world.pool_id, "ann", {"SOFTWARE_TOKEN_MFA": FactorSetting(enabled=False)}
    )

    name, session, _ = world.sign_in()

    assert name == "SOFTWARE_TOKEN_MFA"
    assert session
