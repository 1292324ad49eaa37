"""Challenge answers are good once: a replayed RespondToAuthChallenge (the same Session, or the
same PASSWORD_VERIFIER SECRET_BLOCK and signature) is refused, on the same server or another
server of the database; a mistyped MFA code may still be corrected with the same Session."""

from __future__ import annotations

import concurrent.futures
from collections.abc import Iterator
from typing import Any

import pyotp
import pytest
from botocore.exceptions import ClientError
from pycognito.aws_srp import AWSSRP

from tests.e2e.cognito_idp.conftest import PoolFactory, error_of
from tests.e2e.cognito_idp.device_support import (
    device_pool,
    device_verifier_request,
    remembered_device,
    srp_sign_in,
)
from tests.e2e.cognito_idp.signin_support import (
    PASSWORD,
    SMS_CONFIG,
    Setup,
    latest_code,
    make_user,
    respond,
    setup,
)
from tests.support import Server

FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
REPLAYED = ("NotAuthorizedException", "Invalid session for the user.")


def _mfa_pool(cognito: Any, make_pool: PoolFactory, mode: str = "OPTIONAL") -> dict[str, Any]:
    pool = make_pool(SmsConfiguration=SMS_CONFIG)
    cognito.set_user_pool_mfa_config(
        UserPoolId=pool["Id"],
        MfaConfiguration=mode,
        SoftwareTokenMfaConfiguration={"Enabled": True},
        SmsMfaConfiguration={"SmsConfiguration": SMS_CONFIG},
        EmailMfaConfiguration={"Message": "Code {####}", "Subject": "Sign-in code"},
    )
    return pool


def _enable(cognito: Any, s: Setup, *members: str, preferred: bool = True) -> None:
    settings = {m: {"Enabled": True, "PreferredMfa": preferred} for m in members}
    cognito.admin_set_user_mfa_preference(UserPoolId=s.pool_id, Username=s.username, **settings)


def _password_sign_in(cognito: Any, s: Setup) -> dict[str, Any]:
    response: dict[str, Any] = cognito.initiate_auth(
        ClientId=s.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": s.username, "PASSWORD": PASSWORD},
    )
    return response


def _srp_proof(cognito: Any, s: Setup, password: str = PASSWORD) -> dict[str, str]:
    """PASSWORD_VERIFIER's ChallengeResponses of a fresh USER_SRP_AUTH."""
    srp = AWSSRP(s.username, password, s.pool_id, s.client_id, client=object())
    params = srp.get_auth_params()
    first = cognito.initiate_auth(
        ClientId=s.client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=params
    )
    proof: dict[str, str] = srp.process_challenge(first["ChallengeParameters"], params)
    return proof


def _verify(cognito: Any, s: Setup, proof: dict[str, str]) -> dict[str, Any]:
    response: dict[str, Any] = cognito.respond_to_auth_challenge(
        ClientId=s.client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=proof
    )
    return response


@pytest.fixture
def plain(cognito: Any, make_pool: PoolFactory) -> Setup:
    return setup(cognito, make_pool(), FLOWS)


@pytest.fixture
def second(server: Server) -> Iterator[Server]:
    """Another server on the session server's database (SQLite file or PostgreSQL)."""
    other = Server(data_dir=server.data_dir, db=server.db)
    other.start()
    yield other
    other.stop()


def test_replayed_password_verifier_is_refused(cognito: Any, plain: Setup) -> None:
    proof = _srp_proof(cognito, plain)
    _verify(cognito, plain, proof)

    with pytest.raises(ClientError) as caught:
        _verify(cognito, plain, proof)

    assert error_of(caught) == REPLAYED


def test_password_verifier_replayed_on_another_server_is_refused(
    cognito: Any, plain: Setup, second: Server
) -> None:
    proof = _srp_proof(cognito, plain)
    _verify(cognito, plain, proof)

    with pytest.raises(ClientError) as caught:
        _verify(second.client("cognito-idp"), plain, proof)

    assert error_of(caught) == REPLAYED


def test_one_answer_sent_to_two_servers_at_once_issues_one_token_set(
    server: Server, cognito: Any, plain: Setup, second: Server
) -> None:
    proof = _srp_proof(cognito, plain)
    clients = [server.client("cognito-idp"), second.client("cognito-idp")] * 3

    def attempt(client: Any) -> str:
        try:
            return "AccessToken" if _verify(client, plain, proof)["AuthenticationResult"] else ""
        except ClientError as error:
            return str(error.response["Error"]["Message"])

    with concurrent.futures.ThreadPoolExecutor(len(clients)) as pool:
        outcomes = sorted(pool.map(attempt, clients))

    assert outcomes == ["AccessToken"] + ["Invalid session for the user."] * 5


def test_wrong_password_verifier_spends_the_secret_block(cognito: Any, plain: Setup) -> None:
    srp = AWSSRP(plain.username, "Wr0ng-password!", plain.pool_id, plain.client_id, client=object())
    params = srp.get_auth_params()
    first = cognito.initiate_auth(
        ClientId=plain.client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=params
    )
    wrong = srp.process_challenge(first["ChallengeParameters"], params)
    with pytest.raises(ClientError):
        _verify(cognito, plain, wrong)
    right = AWSSRP(plain.username, PASSWORD, plain.pool_id, plain.client_id, client=object())
    right.small_a_value, right.large_a_value = srp.small_a_value, srp.large_a_value

    with pytest.raises(ClientError) as caught:
        _verify(cognito, plain, right.process_challenge(first["ChallengeParameters"], params))

    assert error_of(caught) == REPLAYED


def test_replayed_device_password_verifier_is_refused(cognito: Any, make_pool: PoolFactory) -> None:
    tracked = device_pool(
        cognito,
        make_pool,
        ChallengeRequiredOnNewDevice=False,
        DeviceOnlyRememberedOnUserPrompt=False,
    )
    device, _ = remembered_device(cognito, tracked)
    challenge = srp_sign_in(cognito, tracked, device)
    request = device_verifier_request(cognito, tracked, challenge, device)
    cognito.respond_to_auth_challenge(**request)

    with pytest.raises(ClientError) as caught:
        cognito.respond_to_auth_challenge(**request)

    assert error_of(caught) == REPLAYED


def test_replayed_new_password_answer_is_refused(cognito: Any, make_pool: PoolFactory) -> None:
    s = setup(cognito, make_pool(), FLOWS, permanent=False)
    session = _password_sign_in(cognito, s)["Session"]
    respond(cognito, s, "NEW_PASSWORD_REQUIRED", session, NEW_PASSWORD="An0ther-Passw0rd!")

    with pytest.raises(ClientError) as caught:
        respond(cognito, s, "NEW_PASSWORD_REQUIRED", session, NEW_PASSWORD="An0ther-Passw0rd!")

    assert error_of(caught) == REPLAYED


@pytest.mark.parametrize(
    "case",
    [
        ("SMSMfaSettings", "SMS_MFA", "SMS_MFA_CODE"),
        ("EmailMfaSettings", "EMAIL_OTP", "EMAIL_OTP_CODE"),
    ],
)
def test_replayed_code_answer_is_refused(
    server: Server, cognito: Any, make_pool: PoolFactory, case: tuple[str, str, str]
) -> None:
    member, challenge, field = case
    s = setup(cognito, _mfa_pool(cognito, make_pool), FLOWS)
    _enable(cognito, s, member)
    first = _password_sign_in(cognito, s)
    code = latest_code(server, s.pool_id, s.username)
    respond(cognito, s, challenge, first["Session"], **{field: code})

    with pytest.raises(ClientError) as caught:
        respond(cognito, s, challenge, first["Session"], **{field: code})

    assert first["ChallengeName"] == challenge
    assert error_of(caught) == REPLAYED


def test_mistyped_sms_code_can_be_corrected_with_the_same_session(
    server: Server, cognito: Any, make_pool: PoolFactory
) -> None:
    s = setup(cognito, _mfa_pool(cognito, make_pool), FLOWS)
    _enable(cognito, s, "SMSMfaSettings")
    session = _password_sign_in(cognito, s)["Session"]
    code = latest_code(server, s.pool_id, s.username)
    wrong = "000000" if code != "000000" else "111111"
    with pytest.raises(ClientError) as caught:
        respond(cognito, s, "SMS_MFA", session, SMS_MFA_CODE=wrong)

    result = respond(cognito, s, "SMS_MFA", session, SMS_MFA_CODE=code)

    assert error_of(caught)[0] == "CodeMismatchException"
    assert result["AuthenticationResult"]["AccessToken"]


def test_replayed_select_mfa_type_is_refused(cognito: Any, make_pool: PoolFactory) -> None:
    s = setup(cognito, _mfa_pool(cognito, make_pool), FLOWS)
    _enable(cognito, s, "SMSMfaSettings", "EmailMfaSettings", preferred=False)
    session = _password_sign_in(cognito, s)["Session"]
    respond(cognito, s, "SELECT_MFA_TYPE", session, ANSWER="SMS_MFA")

    with pytest.raises(ClientError) as caught:
        respond(cognito, s, "SELECT_MFA_TYPE", session, ANSWER="EMAIL_OTP")

    assert error_of(caught) == REPLAYED


def test_replayed_mfa_setup_is_refused(cognito: Any, make_pool: PoolFactory) -> None:
    pool = make_pool()
    cognito.set_user_pool_mfa_config(
        UserPoolId=pool["Id"],
        MfaConfiguration="ON",
        SoftwareTokenMfaConfiguration={"Enabled": True},
    )
    s = setup(cognito, pool, FLOWS)
    first = _password_sign_in(cognito, s)
    associated = cognito.associate_software_token(Session=first["Session"])
    code = pyotp.TOTP(associated["SecretCode"]).now()
    verified = cognito.verify_software_token(Session=associated["Session"], UserCode=code)
    respond(cognito, s, "MFA_SETUP", verified["Session"])

    with pytest.raises(ClientError) as caught:
        respond(cognito, s, "MFA_SETUP", verified["Session"])

    assert first["ChallengeName"] == "MFA_SETUP"
    assert error_of(caught) == REPLAYED


def test_a_second_user_sign_in_is_not_affected(cognito: Any, plain: Setup) -> None:
    """Spending one sign-in's steps leaves the next sign-in's own steps usable."""
    _verify(cognito, plain, _srp_proof(cognito, plain))
    other = Setup(plain.pool_id, plain.client_id, make_user(cognito, plain.pool_id))

    result = _verify(cognito, other, _srp_proof(cognito, other))

    assert result["AuthenticationResult"]["AccessToken"]
