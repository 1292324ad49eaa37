"""Cognito Lambda triggers run as local functions of ``cognigate serve --functions DIR``."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.cognito_idp.conftest import error_of
from tests.e2e.cognito_idp.lambda_support import (
    PASSWORD,
    Functions,
    arn,
    claims,
    cognito,
    confirmed_user,
    functions,
    lambda_server,
    pool_with,
)

__all__ = ["cognito", "functions", "lambda_server"]  # fixtures used by this module

FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]


def sign_in(cognito: Any, client_id: str, username: str = "alice") -> dict[str, Any]:
    result: dict[str, Any] = cognito.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": PASSWORD},
    )
    return result


ADD_CLAIM_V1 = """
def handler(event, context):
    event["response"] = {"claimsOverrideDetails": {
        "claimsToAddOrOverride": {"tenant": "acme", "source": event["triggerSource"]},
        "claimsToSuppress": ["email"],
    }}
    return event
"""


def test_pre_token_generation_adds_a_claim_to_the_id_token(
    cognito: Any, functions: Functions
) -> None:
    fn = functions.deploy("add_claim", ADD_CLAIM_V1)
    pool_id, client_id = pool_with(cognito, FLOWS, PreTokenGeneration=fn)
    confirmed_user(cognito, pool_id)

    result = sign_in(cognito, client_id)["AuthenticationResult"]

    id_claims = claims(result["IdToken"])
    assert id_claims["tenant"] == "acme"
    assert id_claims["source"] == "TokenGeneration_Authentication"
    assert "email" not in id_claims
    assert "tenant" not in claims(result["AccessToken"])


def test_pre_token_generation_sees_refresh_as_its_trigger_source(
    cognito: Any, functions: Functions
) -> None:
    fn = functions.deploy("add_claim", ADD_CLAIM_V1)
    pool_id, client_id = pool_with(cognito, FLOWS, PreTokenGeneration=fn)
    confirmed_user(cognito, pool_id)
    refresh = sign_in(cognito, client_id)["AuthenticationResult"]["RefreshToken"]

    result = cognito.initiate_auth(
        ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": refresh}
    )

    assert claims(result["AuthenticationResult"]["IdToken"])["source"] == (
        "TokenGeneration_RefreshTokens"
    )


def test_pre_token_generation_v2_customises_the_access_token(
    cognito: Any, functions: Functions
) -> None:
    fn = functions.deploy(
        "v2",
        """
        def handler(event, context):
            assert event["version"] == "2"
            event["response"] = {"claimsAndScopeOverrideDetails": {
                "idTokenGeneration": {"claimsToAddOrOverride": {"plan": "gold"}},
                "accessTokenGeneration": {
                    "claimsToAddOrOverride": {"plan": "gold"},
                    "scopesToAdd": ["orders/read"],
                },
                "groupOverrideDetails": {"groupsToOverride": ["vip"]},
            }}
            return event
        """,
    )
    config = {"LambdaArn": fn, "LambdaVersion": "V2_0"}
    pool_id, client_id = pool_with(cognito, FLOWS, PreTokenGenerationConfig=config)
    confirmed_user(cognito, pool_id)

    result = sign_in(cognito, client_id)["AuthenticationResult"]

    access = claims(result["AccessToken"])
    assert access["plan"] == "gold"
    assert access["scope"].split() == ["aws.cognito.signin.user.admin", "orders/read"]
    assert access["cognito:groups"] == ["vip"]
    assert claims(result["IdToken"])["plan"] == "gold"


def test_pre_authentication_failure_rejects_the_sign_in(cognito: Any, functions: Functions) -> None:
    fn = functions.deploy(
        "gate",
        """
        def handler(event, context):
            if event["userName"] == "alice":
                raise Exception("Alice may not sign in")
            return event
        """,
    )
    pool_id, client_id = pool_with(cognito, FLOWS, PreAuthentication=fn)
    confirmed_user(cognito, pool_id)

    with pytest.raises(ClientError) as caught:
        sign_in(cognito, client_id)

    assert error_of(caught) == (
        "UserLambdaValidationException",
        "PreAuthentication failed with error Alice may not sign in.",
    )


def test_pre_authentication_receives_the_user_attributes(
    cognito: Any, functions: Functions
) -> None:
    fn = functions.deploy(
        "gate",
        """
        def handler(event, context):
            attributes = event["request"]["userAttributes"]
            if event["triggerSource"] != "PreAuthentication_Authentication":
                raise Exception("wrong source " + event["triggerSource"])
            if attributes["cognito:user_status"] != "CONFIRMED":
                raise Exception("wrong status")
            if not attributes["email"].startswith(event["userName"]):
                raise Exception("wrong email")
            return event
        """,
    )
    pool_id, client_id = pool_with(cognito, FLOWS, PreAuthentication=fn)
    confirmed_user(cognito, pool_id)

    assert "AuthenticationResult" in sign_in(cognito, client_id)


def test_post_authentication_failure_fails_the_sign_in(cognito: Any, functions: Functions) -> None:
    fn = functions.deploy(
        "after", "def handler(event, context):\n    raise RuntimeError('audit down')\n"
    )
    pool_id, client_id = pool_with(cognito, FLOWS, PostAuthentication=fn)
    confirmed_user(cognito, pool_id)

    with pytest.raises(ClientError) as caught:
        sign_in(cognito, client_id)

    assert error_of(caught) == (
        "UserLambdaValidationException",
        "PostAuthentication failed with error audit down.",
    )


def test_missing_function_fails_with_user_lambda_validation(cognito: Any) -> None:
    pool_id, client_id = pool_with(cognito, FLOWS, PreAuthentication=arn("nowhere"))
    confirmed_user(cognito, pool_id)

    with pytest.raises(ClientError) as caught:
        sign_in(cognito, client_id)

    assert error_of(caught)[0] == "UserLambdaValidationException"


def test_changed_function_file_is_picked_up(cognito: Any, functions: Functions) -> None:
    functions.write("changing", ADD_CLAIM_V1)
    pool_id, client_id = pool_with(cognito, FLOWS, PreTokenGeneration=arn("changing"))
    confirmed_user(cognito, pool_id)
    sign_in(cognito, client_id)
    functions.write("changing", ADD_CLAIM_V1.replace('"acme"', '"globex"'))

    result = sign_in(cognito, client_id)["AuthenticationResult"]

    assert claims(result["IdToken"])["tenant"] == "globex"


def test_pre_sign_up_can_auto_confirm_the_user(cognito: Any, functions: Functions) -> None:
    fn = functions.deploy(
        "auto",
        """
        def handler(event, context):
            event["response"]["autoConfirmUser"] = True
            event["response"]["autoVerifyEmail"] = True
            return event
        """,
    )
    pool_id, client_id = pool_with(cognito, FLOWS, PreSignUp=fn)

    result = cognito.sign_up(
        ClientId=client_id,
        Username="bob",
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": "bob@example.com"}],
    )

    assert result["UserConfirmed"] is True
    user = cognito.admin_get_user(UserPoolId=pool_id, Username="bob")
    assert user["UserStatus"] == "CONFIRMED"
    assert "AuthenticationResult" in sign_in(cognito, client_id, "bob")


MIGRATE = """
def handler(event, context):
    if event["triggerSource"] != "UserMigration_Authentication":
        raise Exception("unexpected " + event["triggerSource"])
    if event["request"]["password"] != "Passw0rd!x":
        raise Exception("Bad password")
    event["response"]["userAttributes"] = {
        "email": event["userName"] + "@legacy.example.com",
        "email_verified": "true",
    }
    event["response"]["finalUserStatus"] = "CONFIRMED"
    event["response"]["messageAction"] = "SUPPRESS"
    return event
"""


def test_user_migration_creates_an_unknown_user_at_sign_in(
    cognito: Any, functions: Functions
) -> None:
    fn = functions.deploy("migrate", MIGRATE)
    pool_id, client_id = pool_with(cognito, FLOWS, UserMigration=fn)

    result = sign_in(cognito, client_id, "legacy")

    assert claims(result["AuthenticationResult"]["IdToken"])["email"] == (
        "legacy@legacy.example.com"
    )
    user = cognito.admin_get_user(UserPoolId=pool_id, Username="legacy")
    assert user["UserStatus"] == "CONFIRMED"


def test_user_migration_rejecting_the_password_fails_the_sign_in(
    cognito: Any, functions: Functions
) -> None:
    fn = functions.deploy("migrate", MIGRATE)
    _pool_id, client_id = pool_with(cognito, FLOWS, UserMigration=fn)

    with pytest.raises(ClientError) as caught:
        cognito.initiate_auth(
            ClientId=client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "legacy", "PASSWORD": "Wr0ng-pass"},
        )

    assert error_of(caught) == (
        "UserLambdaValidationException",
        "UserMigration failed with error Bad password.",
    )
