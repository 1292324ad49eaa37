"""MFA end to end with boto3: software tokens (real RFC 6238 codes from pyotp), SMS and email
codes read from the outbox, MFA_SETUP, SELECT_MFA_TYPE and the pool's MFA configuration."""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

import httpx
import pyotp
import pytest
from botocore.exceptions import ClientError
from pycognito import Cognito
from pycognito.exceptions import SoftwareTokenMFAChallengeException

from tests.e2e.cognito_idp.conftest import PoolFactory, error_of
from tests.support import Server

PASSWORD = "Correct-Horse-9!"
FLOWS = [
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
]
SMS_CONFIG = {"SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::123456789012:role/sns"}}


@dataclass(frozen=True)
class Setup:
    """A pool, an app client that allows password sign-in, and one confirmed user."""

    pool_id: str
    client_id: str
    username: str


def _setup(cognito: Any, make_pool: PoolFactory, mode: str = "OPTIONAL", **pool: Any) -> Setup:
    pool_id = str(make_pool(**pool)["Id"])
    if mode != "OFF":
        cognito.set_user_pool_mfa_config(
            UserPoolId=pool_id,
            MfaConfiguration=mode,
            SoftwareTokenMfaConfiguration={"Enabled": True},
            SmsMfaConfiguration=SMS_CONFIG,
            EmailMfaConfiguration={"Message": "Code {####}", "Subject": "Sign-in code"},
        )
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=FLOWS
    )["UserPoolClient"]["ClientId"]
    username = "user" + secrets.token_hex(3)
    cognito.admin_create_user(
        UserPoolId=pool_id,
        Username=username,
        MessageAction="SUPPRESS",
        UserAttributes=[
            {"Name": "email", "Value": f"{username}@example.com"},
            {"Name": "phone_number", "Value": "+15555550100"},
        ],
    )
    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username=username, Password=PASSWORD, Permanent=True
    )
    return Setup(pool_id, str(client_id), username)


def sign_in(cognito: Any, setup: Setup) -> dict[str, Any]:
    response: dict[str, Any] = cognito.initiate_auth(
        ClientId=setup.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": setup.username, "PASSWORD": PASSWORD},
    )
    return response


def respond(cognito: Any, setup: Setup, name: str, session: str, **answers: str) -> Any:
    return cognito.respond_to_auth_challenge(
        ClientId=setup.client_id,
        ChallengeName=name,
        Session=session,
        ChallengeResponses={"USERNAME": setup.username, **answers},
    )


def wall_clock() -> float:
    """The real server's clock is the wall clock, so codes for it are computed from it too."""
    return time.time()  # noqa: TID251 - the server under test runs on wall-clock time


def next_code(secret: str) -> str:
    """The code of the next 30 s step: accepted (drift window) and newer than any used one."""
    return str(pyotp.TOTP(secret).at(wall_clock() + 30))


def far_code(secret: str) -> str:
    """A well-formed code ten minutes away: wrong now."""
    return str(pyotp.TOTP(secret).at(wall_clock() + 600))


def enroll_totp(cognito: Any, setup: Setup) -> str:
    """Sign in, associate and verify a software token, make it preferred; returns the secret."""
    token = sign_in(cognito, setup)["AuthenticationResult"]["AccessToken"]
    secret = str(cognito.associate_software_token(AccessToken=token)["SecretCode"])
    verified = cognito.verify_software_token(
        AccessToken=token, UserCode=pyotp.TOTP(secret).now(), FriendlyDeviceName="phone"
    )
    assert verified["Status"] == "SUCCESS"
    cognito.set_user_mfa_preference(
        AccessToken=token, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True}
    )
    return secret


def latest_code(server: Server, setup: Setup) -> str:
    response = httpx.get(
        f"{server.url}/_cognigate/outbox",
        params={"pool_id": setup.pool_id, "username": setup.username},
        timeout=10,
    )
    response.raise_for_status()
    return str(response.json()["messages"][0]["code"])


def enable(cognito: Any, setup: Setup, member: str, preferred: bool = True) -> None:
    cognito.admin_set_user_mfa_preference(
        UserPoolId=setup.pool_id,
        Username=setup.username,
        **{member: {"Enabled": True, "PreferredMfa": preferred}},
    )


def test_totp_enrolled_user_signs_in_with_software_token_mfa(
    cognito: Any, make_pool: PoolFactory
) -> None:
    setup = _setup(cognito, make_pool)
    secret = enroll_totp(cognito, setup)

    challenge = sign_in(cognito, setup)
    result = respond(
        cognito,
        setup,
        "SOFTWARE_TOKEN_MFA",
        challenge["Session"],
        SOFTWARE_TOKEN_MFA_CODE=next_code(secret),
    )

    assert challenge["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    assert challenge["ChallengeParameters"] == {}
    assert result["AuthenticationResult"]["AccessToken"]
    assert result["ChallengeParameters"] == {}


def test_wrong_totp_code_raises_code_mismatch(cognito: Any, make_pool: PoolFactory) -> None:
    setup = _setup(cognito, make_pool)
    secret = enroll_totp(cognito, setup)
    session = sign_in(cognito, setup)["Session"]

    with pytest.raises(ClientError) as excinfo:
        respond(
            cognito, setup, "SOFTWARE_TOKEN_MFA", session, SOFTWARE_TOKEN_MFA_CODE=far_code(secret)
        )

    assert error_of(excinfo) == ("CodeMismatchException", "Invalid code received for user")


def test_answered_mfa_session_cannot_be_reused(cognito: Any, make_pool: PoolFactory) -> None:
    setup = _setup(cognito, make_pool)
    secret = enroll_totp(cognito, setup)
    session = sign_in(cognito, setup)["Session"]
    code = next_code(secret)
    respond(cognito, setup, "SOFTWARE_TOKEN_MFA", session, SOFTWARE_TOKEN_MFA_CODE=code)

    with pytest.raises(ClientError) as excinfo:
        respond(cognito, setup, "SOFTWARE_TOKEN_MFA", session, SOFTWARE_TOKEN_MFA_CODE="123456")

    assert error_of(excinfo) == ("NotAuthorizedException", "Invalid session for the user.")


def test_garbage_session_raises_not_authorized(cognito: Any, make_pool: PoolFactory) -> None:
    setup = _setup(cognito, make_pool)

    with pytest.raises(ClientError) as excinfo:
        respond(cognito, setup, "SMS_MFA", "x" * 40, SMS_MFA_CODE="123456")

    assert error_of(excinfo) == ("NotAuthorizedException", "Invalid session for the user.")


def test_verify_with_wrong_code_raises_enable_software_token_mfa(
    cognito: Any, make_pool: PoolFactory
) -> None:
    setup = _setup(cognito, make_pool)
    token = sign_in(cognito, setup)["AuthenticationResult"]["AccessToken"]
    secret = cognito.associate_software_token(AccessToken=token)["SecretCode"]

    with pytest.raises(ClientError) as excinfo:
        cognito.verify_software_token(AccessToken=token, UserCode=far_code(secret))

    assert excinfo.value.response["Error"]["Code"] == "EnableSoftwareTokenMFAException"


def test_enabling_totp_before_verifying_raises_not_found(
    cognito: Any, make_pool: PoolFactory
) -> None:
    setup = _setup(cognito, make_pool)
    token = sign_in(cognito, setup)["AuthenticationResult"]["AccessToken"]
    cognito.associate_software_token(AccessToken=token)

    with pytest.raises(ClientError) as excinfo:
        cognito.set_user_mfa_preference(
            AccessToken=token, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True}
        )

    assert excinfo.value.response["Error"]["Code"] == "SoftwareTokenMFANotFoundException"


def test_optional_mfa_without_a_factor_issues_tokens(cognito: Any, make_pool: PoolFactory) -> None:
    setup = _setup(cognito, make_pool, "OPTIONAL")

    result = sign_in(cognito, setup)

    assert "ChallengeName" not in result
    assert result["AuthenticationResult"]["IdToken"]


def test_required_mfa_sets_up_a_software_token_during_sign_in(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool_id = _totp_required_pool(cognito, make_pool)
    setup = _setup_existing(cognito, pool_id)

    challenge = sign_in(cognito, setup)
    associated = cognito.associate_software_token(Session=challenge["Session"])
    secret = associated["SecretCode"]
    verified = cognito.verify_software_token(
        Session=associated["Session"], UserCode=pyotp.TOTP(secret).now()
    )
    result = respond(cognito, setup, "MFA_SETUP", verified["Session"])

    assert challenge["ChallengeName"] == "MFA_SETUP"
    assert "SOFTWARE_TOKEN_MFA" in json.loads(challenge["ChallengeParameters"]["MFAS_CAN_SETUP"])
    assert verified["Status"] == "SUCCESS"
    assert result["AuthenticationResult"]["AccessToken"]
    assert sign_in(cognito, setup)["ChallengeName"] == "SOFTWARE_TOKEN_MFA"


def test_mfa_setup_answered_before_verifying_is_refused(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool_id = _totp_required_pool(cognito, make_pool)
    setup = _setup_existing(cognito, pool_id)
    session = sign_in(cognito, setup)["Session"]

    with pytest.raises(ClientError) as excinfo:
        respond(cognito, setup, "MFA_SETUP", session)

    assert error_of(excinfo)[0] == "NotAuthorizedException"


def _totp_required_pool(cognito: Any, make_pool: PoolFactory) -> str:
    """A pool that requires MFA with TOTP only (SetUserPoolMfaConfig: CreateUserPool cannot)."""
    pool_id = str(make_pool()["Id"])
    cognito.set_user_pool_mfa_config(
        UserPoolId=pool_id, MfaConfiguration="ON", SoftwareTokenMfaConfiguration={"Enabled": True}
    )
    return pool_id


def _setup_existing(cognito: Any, pool_id: str) -> Setup:
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=FLOWS
    )["UserPoolClient"]["ClientId"]
    username = "user" + secrets.token_hex(3)
    cognito.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS")
    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username=username, Password=PASSWORD, Permanent=True
    )
    return Setup(pool_id, str(client_id), username)


@dataclass(frozen=True)
class CodeCase:
    """A factor whose code is delivered: how to enable it, answer it and where it goes."""

    member: str
    challenge: str
    field: str
    medium: str
    destination: str
    verified: str


CODE_CASES = [
    CodeCase(
        "SMSMfaSettings", "SMS_MFA", "SMS_MFA_CODE", "SMS", "+*******0100", "phone_number_verified"
    ),
    CodeCase(
        "EmailMfaSettings", "EMAIL_OTP", "EMAIL_OTP_CODE", "EMAIL", "u***@e***", "email_verified"
    ),
]


@pytest.mark.parametrize("case", CODE_CASES, ids=lambda c: c.challenge)
def test_code_challenge_is_answered_with_the_code_from_the_outbox(
    server: Server, cognito: Any, make_pool: PoolFactory, case: CodeCase
) -> None:
    setup = _setup(cognito, make_pool)
    enable(cognito, setup, case.member)

    challenge = sign_in(cognito, setup)
    code = latest_code(server, setup)
    result = respond(cognito, setup, case.challenge, challenge["Session"], **{case.field: code})

    assert challenge["ChallengeName"] == case.challenge
    assert challenge["ChallengeParameters"] == {
        "CODE_DELIVERY_DELIVERY_MEDIUM": case.medium,
        "CODE_DELIVERY_DESTINATION": case.destination,
    }
    assert result["AuthenticationResult"]["AccessToken"]


@pytest.mark.parametrize("case", CODE_CASES, ids=lambda c: c.challenge)
def test_answered_code_marks_its_destination_verified(
    server: Server, cognito: Any, make_pool: PoolFactory, case: CodeCase
) -> None:
    setup = _setup(cognito, make_pool)
    enable(cognito, setup, case.member)
    session = sign_in(cognito, setup)["Session"]

    respond(cognito, setup, case.challenge, session, **{case.field: latest_code(server, setup)})
    user = cognito.admin_get_user(UserPoolId=setup.pool_id, Username=setup.username)

    attributes = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    assert attributes[case.verified] == "true"


def test_wrong_sms_code_raises_code_mismatch(
    server: Server, cognito: Any, make_pool: PoolFactory
) -> None:
    setup = _setup(cognito, make_pool)
    enable(cognito, setup, "SMSMfaSettings")
    session = sign_in(cognito, setup)["Session"]
    wrong = "000000" if latest_code(server, setup) != "000000" else "111111"

    with pytest.raises(ClientError) as excinfo:
        respond(cognito, setup, "SMS_MFA", session, SMS_MFA_CODE=wrong)

    assert error_of(excinfo) == (
        "CodeMismatchException",
        "Invalid code or auth state for the user.",
    )


def test_several_factors_without_preference_ask_to_select_one(
    server: Server, cognito: Any, make_pool: PoolFactory
) -> None:
    setup = _setup(cognito, make_pool)
    enable(cognito, setup, "SMSMfaSettings", preferred=False)
    enable(cognito, setup, "EmailMfaSettings", preferred=False)

    select = sign_in(cognito, setup)
    chosen = respond(cognito, setup, "SELECT_MFA_TYPE", select["Session"], ANSWER="EMAIL_OTP")
    result = respond(
        cognito, setup, "EMAIL_OTP", chosen["Session"], EMAIL_OTP_CODE=latest_code(server, setup)
    )

    assert select["ChallengeName"] == "SELECT_MFA_TYPE"
    assert json.loads(select["ChallengeParameters"]["MFAS_CAN_CHOOSE"]) == ["SMS_MFA", "EMAIL_OTP"]
    assert chosen["ChallengeName"] == "EMAIL_OTP"
    assert result["AuthenticationResult"]["AccessToken"]


def test_admin_sign_in_answers_the_challenge_through_the_admin_api(
    server: Server, cognito: Any, make_pool: PoolFactory
) -> None:
    setup = _setup(cognito, make_pool)
    enable(cognito, setup, "SMSMfaSettings")

    challenge = cognito.admin_initiate_auth(
        UserPoolId=setup.pool_id,
        ClientId=setup.client_id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": setup.username, "PASSWORD": PASSWORD},
    )
    result = cognito.admin_respond_to_auth_challenge(
        UserPoolId=setup.pool_id,
        ClientId=setup.client_id,
        ChallengeName="SMS_MFA",
        Session=challenge["Session"],
        ChallengeResponses={
            "USERNAME": setup.username,
            "SMS_MFA_CODE": latest_code(server, setup),
        },
    )

    assert result["AuthenticationResult"]["RefreshToken"]


def test_pool_mfa_config_round_trips(cognito: Any, make_pool: PoolFactory) -> None:
    pool_id = str(make_pool()["Id"])

    cognito.set_user_pool_mfa_config(
        UserPoolId=pool_id,
        MfaConfiguration="OPTIONAL",
        SoftwareTokenMfaConfiguration={"Enabled": True},
    )
    config = cognito.get_user_pool_mfa_config(UserPoolId=pool_id)

    assert config["MfaConfiguration"] == "OPTIONAL"
    assert config["SoftwareTokenMfaConfiguration"] == {"Enabled": True}
    assert "SmsMfaConfiguration" not in config
    assert cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["MfaConfiguration"] == (
        "OPTIONAL"
    )


@pytest.mark.parametrize(
    ("mode", "totp", "message"),
    [
        ("OFF", True, "can't turn off MFA and configure an MFA together."),
        ("ON", False, "can't disable all MFAs with a required or optional configuration."),
    ],
)
def test_inconsistent_pool_mfa_config_raises_invalid_parameter(
    cognito: Any, make_pool: PoolFactory, mode: str, totp: bool, message: str
) -> None:
    pool_id = str(make_pool()["Id"])

    with pytest.raises(ClientError) as excinfo:
        cognito.set_user_pool_mfa_config(
            UserPoolId=pool_id,
            MfaConfiguration=mode,
            SoftwareTokenMfaConfiguration={"Enabled": totp},
        )

    code, text = error_of(excinfo)
    assert code == "InvalidParameterException"
    assert text.endswith(message)


def test_associating_in_a_pool_without_totp_raises_not_found(
    cognito: Any, make_pool: PoolFactory
) -> None:
    setup = _setup(cognito, make_pool, "OFF")
    token = sign_in(cognito, setup)["AuthenticationResult"]["AccessToken"]

    with pytest.raises(ClientError) as excinfo:
        cognito.associate_software_token(AccessToken=token)

    assert error_of(excinfo) == (
        "SoftwareTokenMFANotFoundException",
        "Software Token MFA has not been enabled by the userPool.",
    )


def test_admin_get_user_reports_the_mfa_settings(cognito: Any, make_pool: PoolFactory) -> None:
    setup = _setup(cognito, make_pool)
    enroll_totp(cognito, setup)
    enable(cognito, setup, "SMSMfaSettings", preferred=False)

    admin_view = cognito.admin_get_user(UserPoolId=setup.pool_id, Username=setup.username)

    assert admin_view["PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA"
    assert admin_view["UserMFASettingList"] == ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]


def test_get_user_reports_the_mfa_settings(cognito: Any, make_pool: PoolFactory) -> None:
    setup = _setup(cognito, make_pool)
    token = sign_in(cognito, setup)["AuthenticationResult"]["AccessToken"]
    cognito.set_user_mfa_preference(
        AccessToken=token, EmailMfaSettings={"Enabled": True, "PreferredMfa": True}
    )

    user = cognito.get_user(AccessToken=token)

    assert user["PreferredMfaSetting"] == "EMAIL_OTP"
    assert user["UserMFASettingList"] == ["EMAIL_OTP"]


def test_user_without_mfa_has_no_mfa_members(cognito: Any, make_pool: PoolFactory) -> None:
    setup = _setup(cognito, make_pool)

    user = cognito.admin_get_user(UserPoolId=setup.pool_id, Username=setup.username)

    assert "UserMFASettingList" not in user
    assert "PreferredMfaSetting" not in user


def pycognito_user(server: Server, setup: Setup) -> Cognito:
    user = Cognito(
        setup.pool_id,
        setup.client_id,
        username=setup.username,
        user_pool_region="us-east-1",
        boto3_client_kwargs={
            "endpoint_url": server.url,
            "aws_access_key_id": "AKIDEXAMPLE",
            "aws_secret_access_key": "secret",
        },
    )
    # the issuer (and JWKS) is this server, not cognito-idp.<region>.amazonaws.com
    user.pool_domain_url = server.url
    return user


def test_pycognito_sets_up_totp_and_signs_in_by_srp_with_it(
    server: Server, cognito: Any, make_pool: PoolFactory
) -> None:
    setup = _setup(cognito, make_pool)
    user = pycognito_user(server, setup)
    user.authenticate(PASSWORD)
    secret = user.associate_software_token()
    assert user.verify_software_token(pyotp.TOTP(secret).now(), "phone")
    user.set_user_mfa_preference(False, True, "SOFTWARE_TOKEN")
    again = pycognito_user(server, setup)

    with pytest.raises(SoftwareTokenMFAChallengeException) as excinfo:
        again.authenticate(PASSWORD)
    again.respond_to_software_token_mfa_challenge(next_code(secret), excinfo.value.get_tokens())

    assert again.access_token
    assert again.id_token


def test_new_password_in_a_required_mfa_pool_leads_to_mfa_setup(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool_id = _totp_required_pool(cognito, make_pool)
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=FLOWS
    )["UserPoolClient"]["ClientId"]
    cognito.admin_create_user(
        UserPoolId=pool_id, Username="newbie", TemporaryPassword=PASSWORD, MessageAction="SUPPRESS"
    )
    setup = Setup(pool_id, str(client_id), "newbie")
    first = sign_in(cognito, setup)

    after = respond(
        cognito, setup, "NEW_PASSWORD_REQUIRED", first["Session"], NEW_PASSWORD="Another-Pass-7!"
    )

    assert first["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    assert after["ChallengeName"] == "MFA_SETUP"
    assert after["Session"]
