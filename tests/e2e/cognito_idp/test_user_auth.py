"""Choice-based sign-in (USER_AUTH): the pool's SignInPolicy, PREFERRED_CHALLENGE (PASSWORD,
PASSWORD_SRP, EMAIL_OTP, SMS_OTP), SELECT_CHALLENGE with AvailableChallenges, and
GetUserAuthFactors."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from pycognito.aws_srp import AWSSRP

from tests.e2e.cognito_idp.conftest import PoolFactory, error_of
from tests.e2e.cognito_idp.signin_support import (
    PASSWORD,
    SMS_CONFIG,
    Setup,
    latest_code,
    respond,
    setup,
)
from tests.support import Server

FLOWS = ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
ALL_FACTORS = ["PASSWORD", "EMAIL_OTP", "SMS_OTP"]


def policy(*factors: str) -> dict[str, Any]:
    return {"SignInPolicy": {"AllowedFirstAuthFactors": list(factors)}}


@pytest.fixture
def choice(cognito: Any, make_pool: PoolFactory) -> Setup:
    """A pool allowing passwords and one-time passwords; a user with verified email and phone."""
    pool = make_pool(Policies=policy(*ALL_FACTORS), SmsConfiguration=SMS_CONFIG)
    return setup(cognito, pool, FLOWS)


def start(cognito: Any, s: Setup, **params: str) -> dict[str, Any]:
    result: dict[str, Any] = cognito.initiate_auth(
        ClientId=s.client_id,
        AuthFlow="USER_AUTH",
        AuthParameters={"USERNAME": s.username, **params},
    )
    return result


def test_describe_user_pool_returns_the_sign_in_policy(cognito: Any, choice: Setup) -> None:
    described = cognito.describe_user_pool(UserPoolId=choice.pool_id)["UserPool"]

    assert described["Policies"]["SignInPolicy"] == {"AllowedFirstAuthFactors": ALL_FACTORS}
    assert "SignInPolicy" not in described


def test_a_pool_without_sign_in_policy_allows_passwords_only(cognito: Any, pool_id: str) -> None:
    described = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]

    assert described["Policies"]["SignInPolicy"] == {"AllowedFirstAuthFactors": ["PASSWORD"]}


def test_update_user_pool_replaces_the_sign_in_policy(cognito: Any, choice: Setup) -> None:
    cognito.update_user_pool(UserPoolId=choice.pool_id, Policies=policy("PASSWORD", "EMAIL_OTP"))

    described = cognito.describe_user_pool(UserPoolId=choice.pool_id)["UserPool"]

    assert described["Policies"]["SignInPolicy"]["AllowedFirstAuthFactors"] == [
        "PASSWORD",
        "EMAIL_OTP",
    ]


def test_preferred_password_with_the_password_issues_tokens(cognito: Any, choice: Setup) -> None:
    result = start(cognito, choice, PREFERRED_CHALLENGE="PASSWORD", PASSWORD=PASSWORD)

    assert result["AuthenticationResult"]["AccessToken"]


def test_preferred_password_with_a_wrong_password_raises_not_authorized(
    cognito: Any, choice: Setup
) -> None:
    with pytest.raises(ClientError) as caught:
        start(cognito, choice, PREFERRED_CHALLENGE="PASSWORD", PASSWORD="Wr0ng-password!")

    assert error_of(caught) == ("NotAuthorizedException", "Incorrect username or password.")


def test_preferred_password_without_the_password_asks_for_it(cognito: Any, choice: Setup) -> None:
    challenge = start(cognito, choice, PREFERRED_CHALLENGE="PASSWORD")

    result = respond(cognito, choice, "PASSWORD", challenge["Session"], PASSWORD=PASSWORD)

    assert challenge["ChallengeName"] == "PASSWORD"
    assert result["AuthenticationResult"]["AccessToken"]


def test_preferred_password_srp_continues_with_password_verifier(
    cognito: Any, choice: Setup
) -> None:
    srp = AWSSRP(choice.username, PASSWORD, choice.pool_id, choice.client_id, client=object())
    params = srp.get_auth_params()
    first = start(cognito, choice, PREFERRED_CHALLENGE="PASSWORD_SRP", SRP_A=params["SRP_A"])
    proof = srp.process_challenge(first["ChallengeParameters"], params)

    result = respond(cognito, choice, "PASSWORD_VERIFIER", first.get("Session"), **proof)

    assert first["ChallengeName"] == "PASSWORD_VERIFIER"
    assert result["AuthenticationResult"]["AccessToken"]


@pytest.mark.parametrize(
    "case", [("EMAIL_OTP", "EMAIL_OTP_CODE", "EMAIL"), ("SMS_OTP", "SMS_OTP_CODE", "SMS")]
)
def test_preferred_one_time_password_is_sent_and_signs_in(
    server: Server, cognito: Any, choice: Setup, case: tuple[str, str, str]
) -> None:
    name, field, medium = case
    challenge = start(cognito, choice, PREFERRED_CHALLENGE=name)
    code = latest_code(server, choice.pool_id, choice.username)

    result = respond(cognito, choice, name, challenge["Session"], **{field: code})

    assert challenge["ChallengeName"] == name
    assert challenge["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"] == medium
    assert result["AuthenticationResult"]["AccessToken"]


def test_wrong_one_time_password_raises_code_mismatch(cognito: Any, choice: Setup) -> None:
    challenge = start(cognito, choice, PREFERRED_CHALLENGE="EMAIL_OTP")

    with pytest.raises(ClientError) as caught:
        respond(cognito, choice, "EMAIL_OTP", challenge["Session"], EMAIL_OTP_CODE="abcdef")

    assert error_of(caught)[0] == "CodeMismatchException"


def test_without_a_preference_select_challenge_lists_the_users_factors(
    cognito: Any, choice: Setup
) -> None:
    result = start(cognito, choice)

    assert result["ChallengeName"] == "SELECT_CHALLENGE"
    assert result["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"]
    assert result["Session"]


def test_select_challenge_answered_with_the_password_issues_tokens(
    cognito: Any, choice: Setup
) -> None:
    session = start(cognito, choice)["Session"]

    result = respond(
        cognito, choice, "SELECT_CHALLENGE", session, ANSWER="PASSWORD", PASSWORD=PASSWORD
    )

    assert result["AuthenticationResult"]["AccessToken"]


def test_select_challenge_answered_with_email_otp_sends_a_code(
    server: Server, cognito: Any, choice: Setup
) -> None:
    session = start(cognito, choice)["Session"]
    challenge = respond(cognito, choice, "SELECT_CHALLENGE", session, ANSWER="EMAIL_OTP")
    code = latest_code(server, choice.pool_id, choice.username)

    result = respond(cognito, choice, "EMAIL_OTP", challenge["Session"], EMAIL_OTP_CODE=code)

    assert challenge["ChallengeName"] == "EMAIL_OTP"
    assert result["AuthenticationResult"]["AccessToken"]


def test_replayed_select_challenge_is_refused(cognito: Any, choice: Setup) -> None:
    session = start(cognito, choice)["Session"]
    respond(cognito, choice, "SELECT_CHALLENGE", session, ANSWER="PASSWORD", PASSWORD=PASSWORD)

    with pytest.raises(ClientError) as caught:
        respond(cognito, choice, "SELECT_CHALLENGE", session, ANSWER="PASSWORD", PASSWORD=PASSWORD)

    assert error_of(caught) == ("NotAuthorizedException", "Invalid session for the user.")


def test_admin_initiate_auth_runs_user_auth(cognito: Any, choice: Setup) -> None:
    result = cognito.admin_initiate_auth(
        UserPoolId=choice.pool_id,
        ClientId=choice.client_id,
        AuthFlow="USER_AUTH",
        AuthParameters={
            "USERNAME": choice.username,
            "PREFERRED_CHALLENGE": "PASSWORD",
            "PASSWORD": PASSWORD,
        },
    )

    assert result["AuthenticationResult"]["AccessToken"]


def test_user_auth_needs_the_client_switch(cognito: Any, make_pool: PoolFactory) -> None:
    s = setup(cognito, make_pool(), ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])

    with pytest.raises(ClientError) as caught:
        start(cognito, s, PREFERRED_CHALLENGE="PASSWORD", PASSWORD=PASSWORD)

    assert error_of(caught) == (
        "InvalidParameterException",
        "Auth flow not enabled for this client",
    )


def test_factor_outside_the_sign_in_policy_is_not_offered(
    cognito: Any, make_pool: PoolFactory
) -> None:
    s = setup(cognito, make_pool(), FLOWS)

    result = start(cognito, s, PREFERRED_CHALLENGE="EMAIL_OTP")

    assert result["ChallengeName"] == "SELECT_CHALLENGE"
    assert result["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP"]


def test_answer_outside_the_sign_in_policy_raises_invalid_parameter(
    cognito: Any, make_pool: PoolFactory
) -> None:
    s = setup(cognito, make_pool(), FLOWS)
    session = start(cognito, s)["Session"]

    with pytest.raises(ClientError) as caught:
        respond(cognito, s, "SELECT_CHALLENGE", session, ANSWER="EMAIL_OTP")

    assert error_of(caught) == ("InvalidParameterException", "Invalid value for ANSWER: EMAIL_OTP")


def test_unverified_email_and_phone_offer_only_the_password(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(Policies=policy(*ALL_FACTORS), SmsConfiguration=SMS_CONFIG)
    s = setup(cognito, pool, FLOWS, verified=False)

    result = start(cognito, s)

    assert result["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP"]


def test_lite_feature_plan_offers_no_one_time_passwords(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(Policies=policy(*ALL_FACTORS), UserPoolTier="LITE")
    s = setup(cognito, pool, FLOWS)

    result = start(cognito, s)

    assert result["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP"]


def test_web_authn_is_not_offered(cognito: Any, choice: Setup) -> None:
    result = start(cognito, choice, PREFERRED_CHALLENGE="WEB_AUTHN")

    assert result["ChallengeName"] == "SELECT_CHALLENGE"
    assert "WEB_AUTHN" not in result["AvailableChallenges"]


def test_get_user_auth_factors_lists_first_factors_and_mfa(cognito: Any, choice: Setup) -> None:
    token = start(cognito, choice, PREFERRED_CHALLENGE="PASSWORD", PASSWORD=PASSWORD)[
        "AuthenticationResult"
    ]["AccessToken"]
    cognito.set_user_pool_mfa_config(
        UserPoolId=choice.pool_id,
        MfaConfiguration="OPTIONAL",
        SmsMfaConfiguration={"SmsConfiguration": SMS_CONFIG},
    )
    cognito.set_user_mfa_preference(
        AccessToken=token, SMSMfaSettings={"Enabled": True, "PreferredMfa": True}
    )

    factors = cognito.get_user_auth_factors(AccessToken=token)

    assert factors["Username"] == choice.username
    assert factors["ConfiguredUserAuthFactors"] == ALL_FACTORS
    assert factors["PreferredMfaSetting"] == "SMS_MFA"
    assert factors["UserMFASettingList"] == ["SMS_MFA"]


def test_get_user_auth_factors_with_a_bad_token_raises_not_authorized(cognito: Any) -> None:
    with pytest.raises(ClientError) as caught:
        cognito.get_user_auth_factors(AccessToken="not.a.token")

    assert error_of(caught)[0] == "NotAuthorizedException"
