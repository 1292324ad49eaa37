"""SignUp, ConfirmSignUp, AdminConfirmSignUp and ResendConfirmationCode through boto3 and
pycognito against the real server."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from pycognito import Cognito

from tests.e2e.cognito_idp.conftest import PoolFactory, error_of
from tests.e2e.cognito_idp.self_service import (
    PASSWORD,
    email_of,
    latest_code,
    make_client,
    messages,
    secret_hash,
    sign_in,
    sign_up,
    wrong_code,
)
from tests.support import Server


@pytest.fixture
def pool_id(make_pool: PoolFactory) -> str:
    """A pool that verifies email addresses."""
    return str(make_pool(AutoVerifiedAttributes=["email"])["Id"])


@pytest.fixture
def client_id(cognito: Any, pool_id: str) -> str:
    return str(make_client(cognito, pool_id)["ClientId"])


def status_of(cognito: Any, pool_id: str, username: str) -> str:
    return str(cognito.admin_get_user(UserPoolId=pool_id, Username=username)["UserStatus"])


def attributes_of(cognito: Any, pool_id: str, username: str) -> dict[str, str]:
    user = cognito.admin_get_user(UserPoolId=pool_id, Username=username)
    return {a["Name"]: a["Value"] for a in user["UserAttributes"]}


def test_sign_up_creates_an_unconfirmed_user_and_emails_a_code(
    server: Server, cognito: Any, pool_id: str, client_id: str
) -> None:
    result = sign_up(cognito, client_id, "tina")

    assert result["UserConfirmed"] is False
    assert result["CodeDeliveryDetails"] == {
        "Destination": "t***@e***",
        "DeliveryMedium": "EMAIL",
        "AttributeName": "email",
    }
    assert attributes_of(cognito, pool_id, "tina")["sub"] == result["UserSub"]
    assert status_of(cognito, pool_id, "tina") == "UNCONFIRMED"
    [message] = messages(server, pool_id, "tina")
    assert (message["kind"], message["destination"]) == ("confirmation", "tina@example.com")
    assert len(message["code"]) == 6
    assert message["code"].isdigit()


def test_confirm_sign_up_confirms_and_verifies_the_email(
    server: Server, cognito: Any, pool_id: str, client_id: str
) -> None:
    sign_up(cognito, client_id, "uma")

    cognito.confirm_sign_up(
        ClientId=client_id, Username="uma", ConfirmationCode=latest_code(server, pool_id, "uma")
    )

    assert status_of(cognito, pool_id, "uma") == "CONFIRMED"
    assert attributes_of(cognito, pool_id, "uma")["email_verified"] == "true"
    assert sign_in(cognito, client_id, "uma")["AccessToken"]


def test_unconfirmed_user_cannot_sign_in(cognito: Any, client_id: str) -> None:
    sign_up(cognito, client_id, "vic")

    with pytest.raises(ClientError) as excinfo:
        sign_in(cognito, client_id, "vic")

    assert error_of(excinfo) == ("UserNotConfirmedException", "User is not confirmed.")


def test_confirm_sign_up_with_a_wrong_code_raises_code_mismatch(
    server: Server, cognito: Any, pool_id: str, client_id: str
) -> None:
    sign_up(cognito, client_id, "wes")
    code = latest_code(server, pool_id, "wes")

    with pytest.raises(ClientError) as excinfo:
        cognito.confirm_sign_up(
            ClientId=client_id, Username="wes", ConfirmationCode=wrong_code(code)
        )

    assert error_of(excinfo) == (
        "CodeMismatchException",
        "Invalid verification code provided, please try again.",
    )
    assert status_of(cognito, pool_id, "wes") == "UNCONFIRMED"


def test_too_many_wrong_codes_raise_limit_exceeded_even_for_the_right_code(
    server: Server, cognito: Any, pool_id: str, client_id: str
) -> None:
    sign_up(cognito, client_id, "xia")
    code = latest_code(server, pool_id, "xia")
    for _ in range(5):
        with pytest.raises(ClientError):
            cognito.confirm_sign_up(
                ClientId=client_id, Username="xia", ConfirmationCode=wrong_code(code)
            )

    with pytest.raises(ClientError) as excinfo:
        cognito.confirm_sign_up(ClientId=client_id, Username="xia", ConfirmationCode=code)

    assert error_of(excinfo) == (
        "LimitExceededException",
        "Attempt limit exceeded, please try after some time.",
    )


def test_confirming_a_confirmed_user_raises_not_authorized(
    server: Server, cognito: Any, pool_id: str, client_id: str
) -> None:
    sign_up(cognito, client_id, "yan")
    code = latest_code(server, pool_id, "yan")
    cognito.confirm_sign_up(ClientId=client_id, Username="yan", ConfirmationCode=code)

    with pytest.raises(ClientError) as excinfo:
        cognito.confirm_sign_up(ClientId=client_id, Username="yan", ConfirmationCode=code)

    assert error_of(excinfo) == (
        "NotAuthorizedException",
        "User cannot be confirmed. Current status is CONFIRMED",
    )


def test_sign_up_with_a_taken_username_raises_username_exists(cognito: Any, client_id: str) -> None:
    sign_up(cognito, client_id, "zed")

    with pytest.raises(ClientError) as excinfo:
        sign_up(cognito, client_id, "zed")

    assert error_of(excinfo) == ("UsernameExistsException", "User already exists")


def test_sign_up_is_refused_in_an_admin_only_pool(cognito: Any, make_pool: PoolFactory) -> None:
    pool = make_pool(AdminCreateUserConfig={"AllowAdminCreateUserOnly": True})
    client_id = make_client(cognito, pool["Id"])["ClientId"]

    with pytest.raises(ClientError) as excinfo:
        sign_up(cognito, client_id, "amy")

    assert error_of(excinfo) == (
        "NotAuthorizedException",
        "SignUp is not permitted for this user pool",
    )


def test_sign_up_without_a_required_attribute_is_invalid(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(Schema=[{"Name": "email", "AttributeDataType": "String", "Required": True}])
    client_id = make_client(cognito, pool["Id"])["ClientId"]

    with pytest.raises(ClientError) as excinfo:
        sign_up(cognito, client_id, "ben", UserAttributes=[])

    assert error_of(excinfo) == (
        "InvalidParameterException",
        "Attributes did not conform to the schema: email: The attribute is required\n",
    )


def test_sign_up_with_a_weak_password_raises_invalid_password(cognito: Any, client_id: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        sign_up(cognito, client_id, "cal", Password="short")

    assert error_of(excinfo) == (
        "InvalidPasswordException",
        "Password did not conform with policy: Password not long enough",
    )


def test_sign_up_cannot_set_email_verified(cognito: Any, client_id: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        sign_up(
            cognito,
            client_id,
            "dan",
            UserAttributes=[
                {"Name": "email", "Value": "dan@example.com"},
                {"Name": "email_verified", "Value": "true"},
            ],
        )

    assert error_of(excinfo) == (
        "NotAuthorizedException",
        "A client attempted to write unauthorized attribute",
    )


def test_email_username_pool_uses_the_sub_as_username(
    server: Server, cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(UsernameAttributes=["email"], AutoVerifiedAttributes=["email"])
    client_id = make_client(cognito, pool["Id"])["ClientId"]

    result = sign_up(cognito, client_id, "eve@example.com", UserAttributes=[])
    code = latest_code(server, pool["Id"], result["UserSub"])
    cognito.confirm_sign_up(ClientId=client_id, Username="eve@example.com", ConfirmationCode=code)

    user = cognito.admin_get_user(UserPoolId=pool["Id"], Username="eve@example.com")
    assert user["Username"] == result["UserSub"]
    assert user["UserStatus"] == "CONFIRMED"
    assert sign_in(cognito, client_id, "eve@example.com")["IdToken"]


def test_email_username_pool_refuses_a_second_account_for_the_email(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(UsernameAttributes=["email"])
    client_id = make_client(cognito, pool["Id"])["ClientId"]
    sign_up(cognito, client_id, "fay@example.com", UserAttributes=[])

    with pytest.raises(ClientError) as excinfo:
        sign_up(cognito, client_id, "fay@example.com", UserAttributes=[])

    assert error_of(excinfo) == (
        "UsernameExistsException",
        "An account with the given email already exists.",
    )


def test_email_username_pool_refuses_a_plain_username(cognito: Any, make_pool: PoolFactory) -> None:
    pool = make_pool(UsernameAttributes=["email"])
    client_id = make_client(cognito, pool["Id"])["ClientId"]

    with pytest.raises(ClientError) as excinfo:
        sign_up(cognito, client_id, "gus", UserAttributes=[])

    assert error_of(excinfo) == ("InvalidParameterException", "Username should be an email.")


def test_secret_client_needs_the_secret_hash(cognito: Any, pool_id: str) -> None:
    client = make_client(cognito, pool_id, GenerateSecret=True)

    with pytest.raises(ClientError) as excinfo:
        sign_up(cognito, client["ClientId"], "hal")

    assert error_of(excinfo) == (
        "NotAuthorizedException",
        f"Client {client['ClientId']} is configured for secret but secret was not received",
    )


def test_secret_client_with_a_wrong_secret_hash_is_refused(cognito: Any, pool_id: str) -> None:
    client = make_client(cognito, pool_id, GenerateSecret=True)

    with pytest.raises(ClientError) as excinfo:
        sign_up(cognito, client["ClientId"], "ian", SecretHash=secret_hash(client, "other"))

    assert error_of(excinfo) == (
        "NotAuthorizedException",
        f"Unable to verify secret hash for client {client['ClientId']}",
    )


def test_secret_client_signs_up_and_confirms_with_the_secret_hash(
    server: Server, cognito: Any, pool_id: str
) -> None:
    client = make_client(cognito, pool_id, GenerateSecret=True)
    hashed = secret_hash(client, "jan")

    sign_up(cognito, client["ClientId"], "jan", SecretHash=hashed)
    cognito.confirm_sign_up(
        ClientId=client["ClientId"],
        Username="jan",
        ConfirmationCode=latest_code(server, pool_id, "jan"),
        SecretHash=hashed,
    )

    assert status_of(cognito, pool_id, "jan") == "CONFIRMED"


def test_pool_without_verification_sends_no_code_and_admin_confirms(
    server: Server, cognito: Any, make_pool: PoolFactory
) -> None:
    pool_id = make_pool()["Id"]
    client_id = make_client(cognito, pool_id)["ClientId"]

    result = sign_up(cognito, client_id, "kim")
    cognito.admin_confirm_sign_up(UserPoolId=pool_id, Username="kim")

    assert "CodeDeliveryDetails" not in result
    assert messages(server, pool_id) == []
    assert status_of(cognito, pool_id, "kim") == "CONFIRMED"
    assert "email_verified" not in attributes_of(cognito, pool_id, "kim")


def test_admin_confirm_of_a_confirmed_user_raises_not_authorized(
    cognito: Any, pool_id: str, client_id: str
) -> None:
    sign_up(cognito, client_id, "lou")
    cognito.admin_confirm_sign_up(UserPoolId=pool_id, Username="lou")

    with pytest.raises(ClientError) as excinfo:
        cognito.admin_confirm_sign_up(UserPoolId=pool_id, Username="lou")

    assert error_of(excinfo) == (
        "NotAuthorizedException",
        "User cannot be confirmed. Current status is CONFIRMED",
    )


def test_resent_code_replaces_the_previous_one(
    server: Server, cognito: Any, pool_id: str, client_id: str
) -> None:
    sign_up(cognito, client_id, "max")
    first = latest_code(server, pool_id, "max")

    details = cognito.resend_confirmation_code(ClientId=client_id, Username="max")
    second = latest_code(server, pool_id, "max")

    assert details["CodeDeliveryDetails"]["Destination"] == "m***@e***"
    assert len(messages(server, pool_id, "max")) == 2
    if first != second:
        with pytest.raises(ClientError):
            cognito.confirm_sign_up(ClientId=client_id, Username="max", ConfirmationCode=first)
    cognito.confirm_sign_up(ClientId=client_id, Username="max", ConfirmationCode=second)
    assert status_of(cognito, pool_id, "max") == "CONFIRMED"


def test_resend_to_a_confirmed_user_is_invalid(cognito: Any, pool_id: str, client_id: str) -> None:
    sign_up(cognito, client_id, "ned")
    cognito.admin_confirm_sign_up(UserPoolId=pool_id, Username="ned")

    with pytest.raises(ClientError) as excinfo:
        cognito.resend_confirmation_code(ClientId=client_id, Username="ned")

    assert error_of(excinfo) == ("InvalidParameterException", "User is already confirmed.")


def test_unknown_user_is_not_found_for_legacy_clients(cognito: Any, client_id: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.resend_confirmation_code(ClientId=client_id, Username="nobody")

    assert error_of(excinfo) == ("UserNotFoundException", "User does not exist.")


def test_unknown_user_gets_plausible_answers_when_existence_errors_are_prevented(
    cognito: Any, pool_id: str
) -> None:
    client_id = make_client(cognito, pool_id, PreventUserExistenceErrors="ENABLED")["ClientId"]

    details = cognito.resend_confirmation_code(ClientId=client_id, Username="ghost@example.com")
    with pytest.raises(ClientError) as excinfo:
        cognito.confirm_sign_up(ClientId=client_id, Username="ghost", ConfirmationCode="123456")

    assert details["CodeDeliveryDetails"] == {
        "Destination": "g***@e***",
        "DeliveryMedium": "EMAIL",
        "AttributeName": "email",
    }
    assert error_of(excinfo)[0] == "CodeMismatchException"


def test_confirm_sign_up_of_a_taken_alias_raises_alias_exists_unless_forced(
    server: Server, cognito: Any, make_pool: PoolFactory
) -> None:
    pool_id = make_pool(AliasAttributes=["email"], AutoVerifiedAttributes=["email"])["Id"]
    client_id = make_client(cognito, pool_id)["ClientId"]
    shared = [{"Name": "email", "Value": "same@example.com"}]
    for name in ("olga", "otto"):
        sign_up(cognito, client_id, name, UserAttributes=shared)
    cognito.confirm_sign_up(
        ClientId=client_id, Username="olga", ConfirmationCode=latest_code(server, pool_id, "olga")
    )
    code = latest_code(server, pool_id, "otto")

    with pytest.raises(ClientError) as excinfo:
        cognito.confirm_sign_up(ClientId=client_id, Username="otto", ConfirmationCode=code)
    cognito.confirm_sign_up(
        ClientId=client_id, Username="otto", ConfirmationCode=code, ForceAliasCreation=True
    )

    assert error_of(excinfo)[0] == "AliasExistsException"
    assert sign_in(cognito, client_id, "same@example.com")["AccessToken"]
    assert attributes_of(cognito, pool_id, "olga")["email_verified"] == "false"


def test_pycognito_registers_and_confirms_a_user(
    server: Server, cognito: Any, pool_id: str, client_id: str
) -> None:
    user = Cognito(
        pool_id,
        client_id,
        user_pool_region="us-east-1",
        boto3_client_kwargs={
            "endpoint_url": server.url,
            "aws_access_key_id": "AKIDEXAMPLE",
            "aws_secret_access_key": "secret",
        },
    )
    user.set_base_attributes(email=email_of("pia"))

    user.register("pia", PASSWORD)
    user.confirm_sign_up(latest_code(server, pool_id, "pia"), username="pia")

    assert status_of(cognito, pool_id, "pia") == "CONFIRMED"


def test_phone_username_pool_texts_the_code(
    server: Server, cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(UsernameAttributes=["phone_number"], AutoVerifiedAttributes=["phone_number"])
    client_id = make_client(cognito, pool["Id"])["ClientId"]

    result = sign_up(cognito, client_id, "+15555550199", UserAttributes=[])
    [message] = messages(server, pool["Id"], result["UserSub"])
    cognito.confirm_sign_up(
        ClientId=client_id, Username="+15555550199", ConfirmationCode=message["code"]
    )

    assert result["CodeDeliveryDetails"] == {
        "Destination": "+*******0199",
        "DeliveryMedium": "SMS",
        "AttributeName": "phone_number",
    }
    assert (message["medium"], message["destination"]) == ("SMS", "+15555550199")
    user = cognito.admin_get_user(UserPoolId=pool["Id"], Username="+15555550199")
    assert {a["Name"]: a["Value"] for a in user["UserAttributes"]}["phone_number_verified"] == (
        "true"
    )
