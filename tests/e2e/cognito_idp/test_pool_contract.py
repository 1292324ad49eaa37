"""CreateUserPool/UpdateUserPool shape and validation as AWS answers them: MFA without SMS,
the listed schema, default update settings, number bounds, ListUsers arguments."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.cognito_idp.conftest import PoolFactory, error_of
from tests.e2e.cognito_idp.self_service import PASSWORD_FLOWS, make_client

MFA_NEEDS_SMS = (
    "InvalidParameterException",
    "SMS configuration and Auto verification for phone_number are required "
    "when MFA is required/optional",
)
SMS_CONFIGURATION = {
    "SnsCallerArn": "arn:aws:iam::123456789012:role/sms",
    "ExternalId": "external",
}
STANDARD = [
    "sub", "name", "given_name", "family_name", "middle_name", "nickname",
    "preferred_username", "profile", "picture", "website", "email", "email_verified",
    "gender", "birthdate", "zoneinfo", "locale", "phone_number", "phone_number_verified",
    "address", "updated_at",
]  # fmt: skip


@pytest.mark.parametrize("mode", ["ON", "OPTIONAL"])
def test_create_pool_with_mfa_and_no_sms_configuration_is_refused(
    cognito: Any, make_pool: PoolFactory, mode: str
) -> None:
    with pytest.raises(ClientError) as excinfo:
        make_pool(MfaConfiguration=mode)

    assert error_of(excinfo) == MFA_NEEDS_SMS


def test_create_pool_with_mfa_and_an_sms_configuration_is_accepted(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(
        MfaConfiguration="ON",
        SmsConfiguration=SMS_CONFIGURATION,
        AutoVerifiedAttributes=["phone_number"],
    )

    assert pool["MfaConfiguration"] == "ON"


def test_update_pool_turning_mfa_on_without_sms_is_refused(cognito: Any, pool_id: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.update_user_pool(UserPoolId=pool_id, MfaConfiguration="OPTIONAL")

    assert error_of(excinfo) == MFA_NEEDS_SMS
    assert cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["MfaConfiguration"] == "OFF"


def test_update_pool_keeps_mfa_on_after_set_user_pool_mfa_config_enabled_totp(
    cognito: Any, pool_id: str
) -> None:
    cognito.set_user_pool_mfa_config(
        UserPoolId=pool_id, MfaConfiguration="ON", SoftwareTokenMfaConfiguration={"Enabled": True}
    )

    cognito.update_user_pool(UserPoolId=pool_id, MfaConfiguration="OPTIONAL")

    config = cognito.get_user_pool_mfa_config(UserPoolId=pool_id)
    assert config["MfaConfiguration"] == "OPTIONAL"
    assert config["SoftwareTokenMfaConfiguration"] == {"Enabled": True}


def test_pool_lists_exactly_the_twenty_standard_attributes(
    cognito: Any, make_pool: PoolFactory
) -> None:
    created = make_pool()

    described = cognito.describe_user_pool(UserPoolId=created["Id"])["UserPool"]

    assert [a["Name"] for a in created["SchemaAttributes"]] == STANDARD
    assert [a["Name"] for a in described["SchemaAttributes"]] == STANDARD


def test_pool_without_update_settings_reports_the_empty_default(
    cognito: Any, make_pool: PoolFactory
) -> None:
    created = make_pool()

    described = cognito.describe_user_pool(UserPoolId=created["Id"])["UserPool"]

    expected = {"AttributesRequireVerificationBeforeUpdate": []}
    assert created["UserAttributeUpdateSettings"] == expected
    assert described["UserAttributeUpdateSettings"] == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("200", "custom:age: Number must be no greater than 150."),
        ("-1", "custom:age: Number must be no less than 0."),
    ],
)
def test_custom_number_outside_its_bounds_is_refused(
    cognito: Any, make_pool: PoolFactory, value: str, message: str
) -> None:
    schema = [
        {
            "Name": "age",
            "AttributeDataType": "Number",
            "NumberAttributeConstraints": {"MinValue": "0", "MaxValue": "150"},
        }
    ]
    pool_id = make_pool(Schema=schema)["Id"]

    with pytest.raises(ClientError) as excinfo:
        cognito.admin_create_user(
            UserPoolId=pool_id,
            Username="aged",
            UserAttributes=[{"Name": "custom:age", "Value": value}],
            MessageAction="SUPPRESS",
        )

    assert error_of(excinfo) == (
        "InvalidParameterException",
        f"Attributes did not conform to the schema: {message}\n",
    )


def test_custom_number_within_its_bounds_is_stored(cognito: Any, make_pool: PoolFactory) -> None:
    schema = [
        {
            "Name": "age",
            "AttributeDataType": "Number",
            "NumberAttributeConstraints": {"MinValue": "0", "MaxValue": "150"},
        }
    ]
    pool_id = make_pool(Schema=schema)["Id"]

    user = cognito.admin_create_user(
        UserPoolId=pool_id,
        Username="aged",
        UserAttributes=[{"Name": "custom:age", "Value": "150"}],
        MessageAction="SUPPRESS",
    )["User"]

    assert {"Name": "custom:age", "Value": "150"} in user["Attributes"]


def test_list_users_status_filter_is_case_sensitive(cognito: Any, pool_id: str) -> None:
    cognito.admin_create_user(UserPoolId=pool_id, Username="on", MessageAction="SUPPRESS")
    cognito.admin_create_user(UserPoolId=pool_id, Username="off", MessageAction="SUPPRESS")
    cognito.admin_disable_user(UserPoolId=pool_id, Username="off")

    def names(expression: str) -> list[str]:
        users = cognito.list_users(UserPoolId=pool_id, Filter=expression)["Users"]
        return [u["Username"] for u in users]

    assert names('status = "Enabled"') == ["on"]
    assert names('status = "Disabled"') == ["off"]
    assert names('status = "enabled"') == []
    assert names('status = "disabled"') == []


def test_list_users_with_an_unknown_attribute_to_get_is_refused(cognito: Any, pool_id: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.list_users(UserPoolId=pool_id, AttributesToGet=["nonexistent"])

    assert error_of(excinfo) == (
        "InvalidParameterException",
        "One or more requested attributes do not exist.",
    )


def test_new_password_required_parameters_are_compact_json(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool_id = make_pool()["Id"]
    client_id = make_client(cognito, pool_id, ExplicitAuthFlows=PASSWORD_FLOWS)["ClientId"]
    cognito.admin_create_user(
        UserPoolId=pool_id,
        Username="fresh",
        TemporaryPassword="Temp-Passw0rd!",
        UserAttributes=[
            {"Name": "email", "Value": "fresh@example.com"},
            {"Name": "email_verified", "Value": "true"},
        ],
        MessageAction="SUPPRESS",
    )

    challenge = cognito.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "fresh", "PASSWORD": "Temp-Passw0rd!"},
    )

    parameters = challenge["ChallengeParameters"]
    assert json.loads(parameters["userAttributes"]) == {
        "email": "fresh@example.com",
        "email_verified": "true",
    }
    assert ", " not in parameters["userAttributes"]
    assert ": " not in parameters["userAttributes"]
    assert parameters["requiredAttributes"] == "[]"
