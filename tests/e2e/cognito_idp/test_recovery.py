"""ForgotPassword and ConfirmForgotPassword through boto3 and pycognito against the real
server."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from pycognito import Cognito

from tests.e2e.cognito_idp.conftest import PoolFactory, error_of
from tests.e2e.cognito_idp.self_service import (
    PASSWORD,
    confirmed_user,
    latest_code,
    make_client,
    messages,
    sign_in,
    wrong_code,
)
from tests.support import Server

NEW_PASSWORD = "Brand-new-Passw0rd!"


@pytest.fixture
def pool_id(make_pool: PoolFactory) -> str:
    return str(make_pool(AutoVerifiedAttributes=["email"])["Id"])


@pytest.fixture
def client_id(cognito: Any, pool_id: str) -> str:
    return str(make_client(cognito, pool_id)["ClientId"])


@pytest.fixture
def username(server: Server, cognito: Any, pool_id: str, client_id: str) -> str:
    """A confirmed user with a verified email."""
    return confirmed_user(cognito, server, pool_id, client_id)


def reset_code(server: Server, pool_id: str, username: str) -> str:
    return latest_code(server, pool_id, username, kind="password_reset")


def confirm(cognito: Any, client_id: str, username: str, code: str, password: str) -> None:
    cognito.confirm_forgot_password(
        ClientId=client_id, Username=username, ConfirmationCode=code, Password=password
    )


def test_forgot_password_emails_a_code_to_the_verified_address(
    server: Server, cognito: Any, pool_id: str, client_id: str, username: str
) -> None:
    result = cognito.forgot_password(ClientId=client_id, Username=username)

    assert result["CodeDeliveryDetails"] == {
        "Destination": f"{username[0]}***@e***",
        "DeliveryMedium": "EMAIL",
        "AttributeName": "email",
    }
    message = messages(server, pool_id, username)[0]
    assert (message["kind"], message["medium"]) == ("password_reset", "EMAIL")


def test_confirm_forgot_password_replaces_the_password(
    server: Server, cognito: Any, pool_id: str, client_id: str, username: str
) -> None:
    cognito.forgot_password(ClientId=client_id, Username=username)

    confirm(cognito, client_id, username, reset_code(server, pool_id, username), NEW_PASSWORD)

    assert sign_in(cognito, client_id, username, NEW_PASSWORD)["AccessToken"]
    with pytest.raises(ClientError) as excinfo:
        sign_in(cognito, client_id, username, PASSWORD)
    assert error_of(excinfo) == ("NotAuthorizedException", "Incorrect username or password.")


def test_a_reset_code_works_only_once(
    server: Server, cognito: Any, pool_id: str, client_id: str, username: str
) -> None:
    cognito.forgot_password(ClientId=client_id, Username=username)
    code = reset_code(server, pool_id, username)
    confirm(cognito, client_id, username, code, NEW_PASSWORD)

    with pytest.raises(ClientError) as excinfo:
        confirm(cognito, client_id, username, code, PASSWORD)

    assert error_of(excinfo) == (
        "ExpiredCodeException",
        "Invalid code provided, please request a code again.",
    )


def test_confirm_without_a_requested_code_raises_expired_code(
    cognito: Any, client_id: str, username: str
) -> None:
    with pytest.raises(ClientError) as excinfo:
        confirm(cognito, client_id, username, "123456", NEW_PASSWORD)

    assert error_of(excinfo)[0] == "ExpiredCodeException"


def test_wrong_reset_code_raises_code_mismatch(
    server: Server, cognito: Any, pool_id: str, client_id: str, username: str
) -> None:
    cognito.forgot_password(ClientId=client_id, Username=username)
    code = reset_code(server, pool_id, username)

    with pytest.raises(ClientError) as excinfo:
        confirm(cognito, client_id, username, wrong_code(code), NEW_PASSWORD)

    assert error_of(excinfo) == (
        "CodeMismatchException",
        "Invalid verification code provided, please try again.",
    )
    assert sign_in(cognito, client_id, username)["AccessToken"]


def test_repeated_wrong_reset_codes_raise_limit_exceeded(
    server: Server, cognito: Any, pool_id: str, client_id: str, username: str
) -> None:
    cognito.forgot_password(ClientId=client_id, Username=username)
    code = reset_code(server, pool_id, username)
    for _ in range(5):
        with pytest.raises(ClientError):
            confirm(cognito, client_id, username, wrong_code(code), NEW_PASSWORD)

    with pytest.raises(ClientError) as excinfo:
        confirm(cognito, client_id, username, code, NEW_PASSWORD)

    assert error_of(excinfo)[0] == "LimitExceededException"


def test_new_password_must_satisfy_the_policy(
    server: Server, cognito: Any, pool_id: str, client_id: str, username: str
) -> None:
    cognito.forgot_password(ClientId=client_id, Username=username)

    with pytest.raises(ClientError) as excinfo:
        confirm(cognito, client_id, username, reset_code(server, pool_id, username), "weakpass")

    assert error_of(excinfo) == (
        "InvalidPasswordException",
        "Password did not conform with policy: Password must have uppercase characters",
    )


def test_user_without_a_verified_medium_cannot_reset(
    cognito: Any, pool_id: str, client_id: str
) -> None:
    cognito.sign_up(
        ClientId=client_id,
        Username="noverify",
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": "noverify@example.com"}],
    )
    cognito.admin_confirm_sign_up(UserPoolId=pool_id, Username="noverify")

    with pytest.raises(ClientError) as excinfo:
        cognito.forgot_password(ClientId=client_id, Username="noverify")

    assert error_of(excinfo) == (
        "InvalidParameterException",
        "Cannot reset password for the user as there is no registered/verified email or "
        "phone_number",
    )


def test_recovery_setting_chooses_the_phone_before_the_email(
    server: Server, cognito: Any, make_pool: PoolFactory
) -> None:
    pool_id = make_pool(
        AccountRecoverySetting={
            "RecoveryMechanisms": [
                {"Name": "verified_phone_number", "Priority": 1},
                {"Name": "verified_email", "Priority": 2},
            ]
        }
    )["Id"]
    client_id = make_client(cognito, pool_id)["ClientId"]
    cognito.admin_create_user(
        UserPoolId=pool_id,
        Username="phil",
        MessageAction="SUPPRESS",
        UserAttributes=[
            {"Name": "email", "Value": "phil@example.com"},
            {"Name": "email_verified", "Value": "true"},
            {"Name": "phone_number", "Value": "+15555550123"},
            {"Name": "phone_number_verified", "Value": "true"},
        ],
    )
    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username="phil", Password=PASSWORD, Permanent=True
    )

    details = cognito.forgot_password(ClientId=client_id, Username="phil")["CodeDeliveryDetails"]

    assert details == {
        "Destination": "+*******0123",
        "DeliveryMedium": "SMS",
        "AttributeName": "phone_number",
    }
    assert messages(server, pool_id, "phil")[0]["destination"] == "+15555550123"


def test_forgot_password_by_email_alias(
    server: Server, cognito: Any, make_pool: PoolFactory
) -> None:
    pool_id = make_pool(AliasAttributes=["email"], AutoVerifiedAttributes=["email"])["Id"]
    client_id = make_client(cognito, pool_id)["ClientId"]
    username = confirmed_user(cognito, server, pool_id, client_id)

    cognito.forgot_password(ClientId=client_id, Username=f"{username}@example.com")
    confirm(
        cognito,
        client_id,
        f"{username}@example.com",
        reset_code(server, pool_id, username),
        NEW_PASSWORD,
    )

    assert sign_in(cognito, client_id, username, NEW_PASSWORD)["AccessToken"]


def test_unknown_user_is_not_found_for_legacy_clients(cognito: Any, client_id: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.forgot_password(ClientId=client_id, Username="nobody")

    assert error_of(excinfo) == ("UserNotFoundException", "User does not exist.")


def test_unknown_user_gets_fake_delivery_when_existence_errors_are_prevented(
    cognito: Any, pool_id: str
) -> None:
    client_id = make_client(cognito, pool_id, PreventUserExistenceErrors="ENABLED")["ClientId"]

    first = cognito.forgot_password(ClientId=client_id, Username="nobody")
    again = cognito.forgot_password(ClientId=client_id, Username="nobody")
    with pytest.raises(ClientError) as excinfo:
        confirm(cognito, client_id, "nobody", "123456", NEW_PASSWORD)

    assert first["CodeDeliveryDetails"] == again["CodeDeliveryDetails"]
    assert first["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"
    assert error_of(excinfo) == (
        "CodeMismatchException",
        "Invalid verification code provided, please try again.",
    )


def test_user_with_a_temporary_password_cannot_reset(cognito: Any, pool_id: str) -> None:
    client_id = make_client(cognito, pool_id)["ClientId"]
    cognito.admin_create_user(
        UserPoolId=pool_id,
        Username="temp",
        MessageAction="SUPPRESS",
        UserAttributes=[
            {"Name": "email", "Value": "temp@example.com"},
            {"Name": "email_verified", "Value": "true"},
        ],
    )

    with pytest.raises(ClientError) as excinfo:
        cognito.forgot_password(ClientId=client_id, Username="temp")

    assert error_of(excinfo) == (
        "NotAuthorizedException",
        "User password cannot be reset in the current state.",
    )


def test_admin_reset_code_completes_with_confirm_forgot_password(
    server: Server, cognito: Any, pool_id: str, client_id: str, username: str
) -> None:
    cognito.admin_reset_user_password(UserPoolId=pool_id, Username=username)

    confirm(cognito, client_id, username, reset_code(server, pool_id, username), NEW_PASSWORD)

    user = cognito.admin_get_user(UserPoolId=pool_id, Username=username)
    assert user["UserStatus"] == "CONFIRMED"
    assert sign_in(cognito, client_id, username, NEW_PASSWORD)["AccessToken"]


def test_pycognito_forgot_password_round_trip(
    server: Server, cognito: Any, pool_id: str, client_id: str, username: str
) -> None:
    user = Cognito(
        pool_id,
        client_id,
        username=username,
        user_pool_region="us-east-1",
        boto3_client_kwargs={
            "endpoint_url": server.url,
            "aws_access_key_id": "AKIDEXAMPLE",
            "aws_secret_access_key": "secret",
        },
    )

    user.initiate_forgot_password()
    user.confirm_forgot_password(reset_code(server, pool_id, username), NEW_PASSWORD)

    assert sign_in(cognito, client_id, username, NEW_PASSWORD)["AccessToken"]
