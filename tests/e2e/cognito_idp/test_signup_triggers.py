"""Triggers around self-service sign-up and recovery: PreSignUp, PostConfirmation and
CustomMessage, run from ``--functions DIR``."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.cognito_idp.conftest import error_of
from tests.e2e.cognito_idp.lambda_support import (
    Functions,
    cognito,
    functions,
    lambda_server,
)
from tests.e2e.cognito_idp.self_service import PASSWORD, latest_code, messages
from tests.support import Server, unique

__all__ = ["cognito", "functions", "lambda_server"]  # fixtures used by this module

FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]


def verifying_pool(cognito: Any, **lambda_config: Any) -> tuple[str, str]:
    pool_id = cognito.create_user_pool(
        PoolName=unique("signup"), AutoVerifiedAttributes=["email"], LambdaConfig=lambda_config
    )["UserPool"]["Id"]
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=FLOWS
    )["UserPoolClient"]["ClientId"]
    return pool_id, client_id


def sign_up(cognito: Any, client_id: str, username: str) -> dict[str, Any]:
    result: dict[str, Any] = cognito.sign_up(
        ClientId=client_id,
        Username=username,
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": f"{username}@example.com"}],
    )
    return result


def test_pre_sign_up_failure_refuses_the_sign_up(cognito: Any, functions: Functions) -> None:
    fn = functions.deploy(
        "deny",
        """
        def handler(event, context):
            raise Exception("invitation only")
        """,
    )
    pool_id, client_id = verifying_pool(cognito, PreSignUp=fn)

    with pytest.raises(ClientError) as excinfo:
        sign_up(cognito, client_id, "ada")

    assert error_of(excinfo) == (
        "UserLambdaValidationException",
        "PreSignUp failed with error invitation only.",
    )
    with pytest.raises(ClientError):
        cognito.admin_get_user(UserPoolId=pool_id, Username="ada")


def test_post_confirmation_runs_when_the_code_is_confirmed(
    lambda_server: tuple[Server, Functions], cognito: Any, functions: Functions
) -> None:
    fn = functions.deploy(
        "post",
        """
        def handler(event, context):
            if event["triggerSource"] == "PostConfirmation_ConfirmSignUp":
                raise Exception("saw " + event["request"]["userAttributes"]["email_verified"])
            return event
        """,
    )
    pool_id, client_id = verifying_pool(cognito, PostConfirmation=fn)
    sign_up(cognito, client_id, "bea")
    code = latest_code(lambda_server[0], pool_id, "bea")

    with pytest.raises(ClientError) as excinfo:
        cognito.confirm_sign_up(ClientId=client_id, Username="bea", ConfirmationCode=code)

    assert error_of(excinfo) == (
        "UserLambdaValidationException",
        "PostConfirmation failed with error saw true.",
    )


def test_custom_message_rewrites_the_sign_up_email(
    lambda_server: tuple[Server, Functions], cognito: Any, functions: Functions
) -> None:
    fn = functions.deploy(
        "msg",
        """
        def handler(event, context):
            if event["triggerSource"] == "CustomMessage_SignUp":
                code = event["request"]["codeParameter"]
                event["response"]["emailSubject"] = "Welcome"
                event["response"]["emailMessage"] = "Your code: " + code
            return event
        """,
    )
    pool_id, client_id = verifying_pool(cognito, CustomMessage=fn)

    sign_up(cognito, client_id, "cid")

    [message] = messages(lambda_server[0], pool_id, "cid")
    assert message["subject"] == "Welcome"
    assert message["body"] == f"Your code: {message['code']}"


def test_custom_message_of_a_reset_code_sees_the_client_metadata(
    lambda_server: tuple[Server, Functions], cognito: Any, functions: Functions
) -> None:
    fn = functions.deploy(
        "reset",
        """
        def handler(event, context):
            if event["triggerSource"] == "CustomMessage_ForgotPassword":
                brand = event["request"]["clientMetadata"]["brand"]
                event["response"]["emailMessage"] = brand + " " + event["request"]["codeParameter"]
            return event
        """,
    )
    pool_id, client_id = verifying_pool(cognito, CustomMessage=fn)
    sign_up(cognito, client_id, "dee")
    cognito.confirm_sign_up(
        ClientId=client_id,
        Username="dee",
        ConfirmationCode=latest_code(lambda_server[0], pool_id, "dee"),
    )

    cognito.forgot_password(ClientId=client_id, Username="dee", ClientMetadata={"brand": "Acme"})

    message = messages(lambda_server[0], pool_id, "dee")[0]
    assert message["kind"] == "password_reset"
    assert message["body"] == f"Acme {message['code']}"


def test_admin_create_user_runs_pre_sign_up_with_its_trigger_source(
    cognito: Any, functions: Functions
) -> None:
    fn = functions.deploy(
        "admincreate",
        """
        def handler(event, context):
            raise Exception(
                event["triggerSource"] + " " + event["request"]["validationData"]["invite"]
            )
        """,
    )
    pool_id, _ = verifying_pool(cognito, PreSignUp=fn)

    with pytest.raises(ClientError) as excinfo:
        cognito.admin_create_user(
            UserPoolId=pool_id,
            Username="cleo",
            MessageAction="SUPPRESS",
            ValidationData=[{"Name": "invite", "Value": "x1"}],
        )

    assert error_of(excinfo) == (
        "UserLambdaValidationException",
        "PreSignUp failed with error PreSignUp_AdminCreateUser x1.",
    )
    with pytest.raises(ClientError):
        cognito.admin_get_user(UserPoolId=pool_id, Username="cleo")


def test_admin_create_user_succeeds_when_pre_sign_up_accepts(
    cognito: Any, functions: Functions
) -> None:
    fn = functions.deploy(
        "adminaccept",
        """
        def handler(event, context):
            if event["triggerSource"] != "PreSignUp_AdminCreateUser":
                raise Exception("unexpected " + event["triggerSource"])
            return event
        """,
    )
    pool_id, _ = verifying_pool(cognito, PreSignUp=fn)

    created = cognito.admin_create_user(
        UserPoolId=pool_id, Username="dora", MessageAction="SUPPRESS"
    )["User"]

    assert created["UserStatus"] == "FORCE_CHANGE_PASSWORD"
