"""Triggers that call back into the API with boto3 (no endpoint_url: the server's environment
points the function's clients at it), and run while the server holds no write lock."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.cognito_idp.conftest import error_of
from tests.e2e.cognito_idp.lambda_support import (
    PASSWORD,
    Functions,
    cognito,
    confirmed_user,
    functions,
    lambda_server,
    pool_with,
)
from tests.e2e.cognito_idp.self_service import latest_code
from tests.support import Server, unique

__all__ = ["cognito", "functions", "lambda_server"]  # fixtures used by this module

FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
NEW_PASSWORD = "N3w-Passw0rd!"
#: generous against a busy machine, far below the 30 s a held database lock would cost
QUICK_SECONDS = 10.0

ADD_TO_GROUP = """
import boto3

def handler(event, context):
    boto3.client("cognito-idp").admin_add_user_to_group(
        UserPoolId=event["userPoolId"], Username=event["userName"], GroupName="members"
    )
    return event
"""

SET_NICKNAME = """
import boto3

def handler(event, context):
    boto3.client("cognito-idp").admin_update_user_attributes(
        UserPoolId=event["userPoolId"],
        Username=event["userName"],
        UserAttributes=[{"Name": "nickname", "Value": event["triggerSource"]}],
    )
    return event
"""

#: appends each invocation's triggerSource to <function name>.log next to the function
RECORD = """
import os

def handler(event, context):
    path = os.path.join(os.path.dirname(__file__), context.function_name + ".log")
    with open(path, "a") as log:
        log.write(event["triggerSource"] + "\\n")
    return event
"""

FAIL = "def handler(event, context):\n    raise RuntimeError('audit down')\n"


def invocations(functions: Functions, fn: str) -> list[str]:
    """The trigger sources a RECORD function has seen, in order."""
    path = functions.directory / f"{fn.rsplit(':', 1)[-1]}.log"
    return path.read_text().splitlines() if path.exists() else []


def verifying_pool(cognito: Any, **lambda_config: Any) -> tuple[str, str]:
    """A pool that verifies email by code, with a group ``members`` and a password client."""
    pool_id = cognito.create_user_pool(
        PoolName=unique("callbacks"), AutoVerifiedAttributes=["email"], LambdaConfig=lambda_config
    )["UserPool"]["Id"]
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=FLOWS
    )["UserPoolClient"]["ClientId"]
    cognito.create_group(UserPoolId=pool_id, GroupName="members")
    return pool_id, client_id


def _sign_up(cognito: Any, client_id: str, username: str) -> None:
    cognito.sign_up(
        ClientId=client_id,
        Username=username,
        Password=NEW_PASSWORD,
        UserAttributes=[{"Name": "email", "Value": f"{username}@example.com"}],
    )


# each confirmation leaves "ann" with NEW_PASSWORD once it has committed


def confirm_by_code(server: Server, cognito: Any, pool_id: str, client_id: str) -> None:
    _sign_up(cognito, client_id, "ann")
    code = latest_code(server, pool_id, "ann")
    cognito.confirm_sign_up(ClientId=client_id, Username="ann", ConfirmationCode=code)


def confirm_by_admin(_server: Server, cognito: Any, pool_id: str, client_id: str) -> None:
    _sign_up(cognito, client_id, "ann")
    cognito.admin_confirm_sign_up(UserPoolId=pool_id, Username="ann")


def confirm_new_password(server: Server, cognito: Any, pool_id: str, client_id: str) -> None:
    cognito.admin_create_user(
        UserPoolId=pool_id,
        Username="ann",
        MessageAction="SUPPRESS",
        UserAttributes=[
            {"Name": "email", "Value": "ann@example.com"},
            {"Name": "email_verified", "Value": "true"},
        ],
    )
    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username="ann", Password="0ld-Passw0rd!", Permanent=True
    )
    cognito.forgot_password(ClientId=client_id, Username="ann")
    code = latest_code(server, pool_id, "ann", kind="password_reset")
    cognito.confirm_forgot_password(
        ClientId=client_id, Username="ann", ConfirmationCode=code, Password=NEW_PASSWORD
    )


Confirm = Callable[[Server, Any, str, str], None]
CONFIRMATIONS = pytest.mark.parametrize(
    "confirm",
    [confirm_by_code, confirm_by_admin, confirm_new_password],
    ids=["ConfirmSignUp", "AdminConfirmSignUp", "ConfirmForgotPassword"],
)


@CONFIRMATIONS
def test_post_confirmation_adds_the_user_to_a_group_through_the_api(
    lambda_server: tuple[Server, Functions], cognito: Any, functions: Functions, confirm: Confirm
) -> None:
    fn = functions.deploy("to_group", ADD_TO_GROUP)
    pool_id, client_id = verifying_pool(cognito, PostConfirmation=fn)
    started = time.monotonic()

    confirm(lambda_server[0], cognito, pool_id, client_id)

    assert time.monotonic() - started < QUICK_SECONDS
    groups = cognito.admin_list_groups_for_user(UserPoolId=pool_id, Username="ann")["Groups"]
    assert [g["GroupName"] for g in groups] == ["members"]


@CONFIRMATIONS
def test_failing_post_confirmation_answers_its_error_but_the_confirmation_stays(
    lambda_server: tuple[Server, Functions], cognito: Any, functions: Functions, confirm: Confirm
) -> None:
    fn = functions.deploy("fail", FAIL)
    pool_id, client_id = verifying_pool(cognito, PostConfirmation=fn)

    with pytest.raises(ClientError) as caught:
        confirm(lambda_server[0], cognito, pool_id, client_id)

    assert error_of(caught) == (
        "UserLambdaValidationException",
        "PostConfirmation failed with error audit down.",
    )
    user = cognito.admin_get_user(UserPoolId=pool_id, Username="ann")
    assert user["UserStatus"] == "CONFIRMED"
    signed_in = cognito.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "ann", "PASSWORD": NEW_PASSWORD},
    )
    assert "AccessToken" in signed_in["AuthenticationResult"]


def test_pre_sign_up_creates_a_group_through_the_api(cognito: Any, functions: Functions) -> None:
    fn = functions.deploy(
        "group_per_user",
        """
        import boto3

        def handler(event, context):
            boto3.client("cognito-idp").create_group(
                UserPoolId=event["userPoolId"], GroupName="team-" + event["userName"]
            )
            event["response"]["autoConfirmUser"] = True
            return event
        """,
    )
    pool_id, client_id = verifying_pool(cognito, PreSignUp=fn)
    started = time.monotonic()

    _sign_up(cognito, client_id, "ann")

    assert time.monotonic() - started < QUICK_SECONDS
    group = cognito.get_group(UserPoolId=pool_id, GroupName="team-ann")["Group"]
    assert group["GroupName"] == "team-ann"
    assert cognito.admin_get_user(UserPoolId=pool_id, Username="ann")["UserStatus"] == ("CONFIRMED")


def sign_in(cognito: Any, client_id: str) -> dict[str, Any]:
    result: dict[str, Any] = cognito.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD},
    )
    return result


def nickname(cognito: Any, pool_id: str) -> str | None:
    user = cognito.admin_get_user(UserPoolId=pool_id, Username="alice")
    values = [a["Value"] for a in user["UserAttributes"] if a["Name"] == "nickname"]
    return values[0] if values else None


@pytest.mark.parametrize("trigger", ["PostAuthentication", "PreTokenGeneration"])
def test_sign_in_trigger_updates_the_user_through_the_api(
    cognito: Any, functions: Functions, trigger: str
) -> None:
    fn = functions.deploy("nickname", SET_NICKNAME)
    pool_id, client_id = pool_with(cognito, FLOWS, **{trigger: fn})
    confirmed_user(cognito, pool_id)
    started = time.monotonic()

    result = sign_in(cognito, client_id)

    assert time.monotonic() - started < QUICK_SECONDS
    assert "AccessToken" in result["AuthenticationResult"]
    expected = {
        "PostAuthentication": "PostAuthentication_Authentication",
        "PreTokenGeneration": "TokenGeneration_Authentication",
    }
    assert nickname(cognito, pool_id) == expected[trigger]


def test_failing_post_authentication_issues_no_tokens(cognito: Any, functions: Functions) -> None:
    failing = functions.deploy("fail", FAIL)
    recorder = functions.deploy("record", RECORD)
    pool_id, client_id = pool_with(
        cognito, FLOWS, PostAuthentication=failing, PreTokenGeneration=recorder
    )
    confirmed_user(cognito, pool_id)

    with pytest.raises(ClientError) as caught:
        sign_in(cognito, client_id)

    assert error_of(caught) == (
        "UserLambdaValidationException",
        "PostAuthentication failed with error audit down.",
    )
    assert invocations(functions, recorder) == []


def test_api_sign_in_runs_each_sign_in_trigger_once(cognito: Any, functions: Functions) -> None:
    fn = functions.deploy("record", RECORD)
    pool_id, client_id = pool_with(cognito, FLOWS, PostAuthentication=fn, PreTokenGeneration=fn)
    confirmed_user(cognito, pool_id)

    sign_in(cognito, client_id)

    assert invocations(functions, fn) == [
        "PostAuthentication_Authentication",
        "TokenGeneration_Authentication",
    ]
