"""CUSTOM_AUTH: DefineAuthChallenge / CreateAuthChallenge / VerifyAuthChallengeResponse run as
local functions; optionally SRP first (``CHALLENGE_NAME=SRP_A``)."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from botocore.exceptions import ClientError
from pycognito.aws_srp import AWSSRP

from tests.e2e.cognito_idp.conftest import error_of
from tests.e2e.cognito_idp.lambda_support import (
    PASSWORD,
    Functions,
    claims,
    cognito,
    confirmed_user,
    functions,
    lambda_server,
    pool_with,
)

__all__ = ["cognito", "functions", "lambda_server"]  # fixtures used by this module

FLOWS = ["ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]

DEFINE = """
def handler(event, context):
    session = event["request"]["session"]
    response = event["response"]
    last = session[-1] if session else None
    response.update(issueTokens=False, failAuthentication=False)
    if last and last["challengeName"] == "SRP_A":
        response["challengeName"] = "PASSWORD_VERIFIER"
    elif last and last["challengeName"] == "CUSTOM_CHALLENGE" and last["challengeResult"]:
        if last.get("challengeMetadata") != "QUESTION-1":
            raise Exception("metadata lost")
        response["issueTokens"] = True
    elif sum(1 for s in session if s["challengeName"] == "CUSTOM_CHALLENGE") >= 3:
        response["failAuthentication"] = True
    else:
        response["challengeName"] = "CUSTOM_CHALLENGE"
    return event
"""

CREATE = """
def handler(event, context):
    event["response"]["publicChallengeParameters"] = {"question": "What is 6 x 7?"}
    event["response"]["privateChallengeParameters"] = {"answer": "42"}
    event["response"]["challengeMetadata"] = "QUESTION-1"
    return event
"""

VERIFY = """
def handler(event, context):
    expected = event["request"]["privateChallengeParameters"]["answer"]
    event["response"]["answerCorrect"] = event["request"]["challengeAnswer"] == expected
    return event
"""


@pytest.fixture
def custom_pool(cognito: Any, functions: Functions) -> tuple[str, str]:
    """(pool id, client id) with the three challenge triggers and a confirmed user "alice"."""
    pool_id, client_id = pool_with(
        cognito,
        FLOWS,
        DefineAuthChallenge=functions.deploy("define", DEFINE),
        CreateAuthChallenge=functions.deploy("create", CREATE),
        VerifyAuthChallengeResponse=functions.deploy("verify", VERIFY),
    )
    confirmed_user(cognito, pool_id)
    return pool_id, client_id


def start(cognito: Any, client_id: str) -> dict[str, Any]:
    result: dict[str, Any] = cognito.initiate_auth(
        ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "alice"}
    )
    return result


def answer(cognito: Any, client_id: str, session: str, value: str) -> dict[str, Any]:
    result: dict[str, Any] = cognito.respond_to_auth_challenge(
        ClientId=client_id,
        ChallengeName="CUSTOM_CHALLENGE",
        Session=session,
        ChallengeResponses={"USERNAME": "alice", "ANSWER": value},
    )
    return result


def test_custom_auth_starts_with_the_public_challenge_parameters(
    cognito: Any, custom_pool: tuple[str, str]
) -> None:
    challenge = start(cognito, custom_pool[1])

    assert challenge["ChallengeName"] == "CUSTOM_CHALLENGE"
    assert challenge["ChallengeParameters"] == {"question": "What is 6 x 7?", "USERNAME": "alice"}
    # The private parameters ride in the session only sealed: neither the session text nor its
    # decoded bytes show the "answer" key (checking for the two-character answer itself would
    # match random ciphertext now and then).
    session = challenge["Session"]
    raw = base64.urlsafe_b64decode(session + "=" * (-len(session) % 4))
    assert b"answer" not in raw
    assert "answer" not in session


def test_right_answer_issues_tokens(cognito: Any, custom_pool: tuple[str, str]) -> None:
    client_id = custom_pool[1]
    session = start(cognito, client_id)["Session"]

    result = answer(cognito, client_id, session, "42")

    tokens = result["AuthenticationResult"]
    assert claims(tokens["IdToken"])["cognito:username"] == "alice"
    assert claims(tokens["AccessToken"])["token_use"] == "access"
    assert tokens["RefreshToken"]


def test_wrong_answer_gets_another_challenge(cognito: Any, custom_pool: tuple[str, str]) -> None:
    client_id = custom_pool[1]
    session = start(cognito, client_id)["Session"]

    retry = answer(cognito, client_id, session, "41")

    assert retry["ChallengeName"] == "CUSTOM_CHALLENGE"
    assert "AuthenticationResult" in answer(cognito, client_id, retry["Session"], "42")


def test_third_wrong_answer_fails_authentication(
    cognito: Any, custom_pool: tuple[str, str]
) -> None:
    client_id = custom_pool[1]
    session = start(cognito, client_id)["Session"]
    session = answer(cognito, client_id, session, "1")["Session"]
    session = answer(cognito, client_id, session, "2")["Session"]

    with pytest.raises(ClientError) as caught:
        answer(cognito, client_id, session, "3")

    assert error_of(caught) == ("NotAuthorizedException", "Incorrect username or password.")


def test_answered_session_cannot_be_answered_again(
    cognito: Any, custom_pool: tuple[str, str]
) -> None:
    client_id = custom_pool[1]
    first = start(cognito, client_id)["Session"]
    answer(cognito, client_id, first, "41")

    with pytest.raises(ClientError) as caught:
        answer(cognito, client_id, first, "42")

    assert error_of(caught) == ("NotAuthorizedException", "Invalid session for the user.")


def test_failed_authentication_cannot_be_retried_with_the_last_session(
    cognito: Any, custom_pool: tuple[str, str]
) -> None:
    client_id = custom_pool[1]
    session = start(cognito, client_id)["Session"]
    session = answer(cognito, client_id, session, "1")["Session"]
    session = answer(cognito, client_id, session, "2")["Session"]
    with pytest.raises(ClientError):
        answer(cognito, client_id, session, "3")

    with pytest.raises(ClientError) as caught:
        answer(cognito, client_id, session, "42")

    assert error_of(caught) == ("NotAuthorizedException", "Invalid session for the user.")


def test_tampered_session_is_refused(cognito: Any, custom_pool: tuple[str, str]) -> None:
    client_id = custom_pool[1]
    session = start(cognito, client_id)["Session"]

    with pytest.raises(ClientError) as caught:
        answer(cognito, client_id, session[:-4] + "AAAA", "42")

    assert error_of(caught)[0] == "NotAuthorizedException"


def test_custom_auth_without_define_trigger_is_an_invalid_parameter(cognito: Any) -> None:
    pool_id, client_id = pool_with(cognito, FLOWS)
    confirmed_user(cognito, pool_id)

    with pytest.raises(ClientError) as caught:
        start(cognito, client_id)

    assert error_of(caught) == (
        "InvalidParameterException",
        "Custom auth lambda trigger is not configured for the user pool.",
    )


def test_custom_auth_needs_the_client_switch(cognito: Any, functions: Functions) -> None:
    define = functions.deploy("define", DEFINE)
    pool_id, client_id = pool_with(cognito, ["ALLOW_USER_SRP_AUTH"], DefineAuthChallenge=define)
    confirmed_user(cognito, pool_id)

    with pytest.raises(ClientError) as caught:
        start(cognito, client_id)

    assert error_of(caught)[0] == "InvalidParameterException"


def test_srp_then_custom_challenge_issues_tokens(
    cognito: Any, custom_pool: tuple[str, str]
) -> None:
    pool_id, client_id = custom_pool
    srp = AWSSRP("alice", PASSWORD, pool_id, client_id, client=object())
    first = cognito.initiate_auth(
        ClientId=client_id,
        AuthFlow="CUSTOM_AUTH",
        AuthParameters={**srp.get_auth_params(), "CHALLENGE_NAME": "SRP_A"},
    )
    assert first["ChallengeName"] == "PASSWORD_VERIFIER"
    proof = srp.process_challenge(first["ChallengeParameters"], {"USERNAME": "alice"})

    second = cognito.respond_to_auth_challenge(
        ClientId=client_id,
        ChallengeName="PASSWORD_VERIFIER",
        Session=first["Session"],
        ChallengeResponses=proof,
    )

    assert second["ChallengeName"] == "CUSTOM_CHALLENGE"
    assert "AuthenticationResult" in answer(cognito, client_id, second["Session"], "42")


def test_srp_with_wrong_password_fails_before_the_custom_challenge(
    cognito: Any, custom_pool: tuple[str, str]
) -> None:
    pool_id, client_id = custom_pool
    srp = AWSSRP("alice", "Wr0ng-password", pool_id, client_id, client=object())
    first = cognito.initiate_auth(
        ClientId=client_id,
        AuthFlow="CUSTOM_AUTH",
        AuthParameters={**srp.get_auth_params(), "CHALLENGE_NAME": "SRP_A"},
    )
    proof = srp.process_challenge(first["ChallengeParameters"], {"USERNAME": "alice"})

    with pytest.raises(ClientError) as caught:
        cognito.respond_to_auth_challenge(
            ClientId=client_id,
            ChallengeName="PASSWORD_VERIFIER",
            Session=first["Session"],
            ChallengeResponses=proof,
        )

    assert error_of(caught) == ("NotAuthorizedException", "Incorrect username or password.")


def test_admin_initiate_auth_runs_the_custom_flow(
    cognito: Any, custom_pool: tuple[str, str]
) -> None:
    pool_id, client_id = custom_pool
    challenge = cognito.admin_initiate_auth(
        UserPoolId=pool_id,
        ClientId=client_id,
        AuthFlow="CUSTOM_AUTH",
        AuthParameters={"USERNAME": "alice"},
    )

    result = cognito.admin_respond_to_auth_challenge(
        UserPoolId=pool_id,
        ClientId=client_id,
        ChallengeName="CUSTOM_CHALLENGE",
        Session=challenge["Session"],
        ChallengeResponses={"USERNAME": "alice", "ANSWER": "42"},
    )

    assert "AuthenticationResult" in result


def _srp_step(cognito: Any, custom_pool: tuple[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """CUSTOM_AUTH with SRP_A: the PASSWORD_VERIFIER challenge and a right answer to it."""
    pool_id, client_id = custom_pool
    srp = AWSSRP("alice", PASSWORD, pool_id, client_id, client=object())
    first = cognito.initiate_auth(
        ClientId=client_id,
        AuthFlow="CUSTOM_AUTH",
        AuthParameters={**srp.get_auth_params(), "CHALLENGE_NAME": "SRP_A"},
    )
    return first, srp.process_challenge(first["ChallengeParameters"], {"USERNAME": "alice"})


def test_custom_auth_secret_block_cannot_skip_the_custom_challenge(
    cognito: Any, custom_pool: tuple[str, str]
) -> None:
    _, proof = _srp_step(cognito, custom_pool)

    with pytest.raises(ClientError) as caught:
        cognito.respond_to_auth_challenge(
            ClientId=custom_pool[1], ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=proof
        )

    assert error_of(caught) == ("NotAuthorizedException", "Invalid session for the user.")


def test_replayed_custom_auth_password_verifier_is_refused(
    cognito: Any, custom_pool: tuple[str, str]
) -> None:
    first, proof = _srp_step(cognito, custom_pool)
    request = {
        "ClientId": custom_pool[1],
        "ChallengeName": "PASSWORD_VERIFIER",
        "Session": first["Session"],
        "ChallengeResponses": proof,
    }
    cognito.respond_to_auth_challenge(**request)

    with pytest.raises(ClientError) as caught:
        cognito.respond_to_auth_challenge(**request)

    assert error_of(caught) == ("NotAuthorizedException", "Invalid session for the user.")
