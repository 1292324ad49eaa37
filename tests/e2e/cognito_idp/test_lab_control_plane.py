"""The lab's Task 1 and Task 2.1 control-plane calls, through boto3 over HTTP.

The requests are the ones `shared/spec/lab-walkthrough.md` §1.1-§1.3 and §2.1 say the console
sends; the assertions are what DescribeUserPool, DescribeUserPoolClient,
DescribeUserPoolDomain and AdminGetUser return on AWS for that configuration.
"""

from __future__ import annotations

import re
import secrets
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.support import Server

REGION = "us-west-2"
LAB_PASSWORD = "Lab-Passw0rd!"

LAB_POOL: dict[str, Any] = {
    "PoolName": "cognito-lab-pool",
    "Policies": {
        "PasswordPolicy": {
            "MinimumLength": 8,
            "RequireUppercase": True,
            "RequireLowercase": True,
            "RequireNumbers": True,
            "RequireSymbols": True,
            "TemporaryPasswordValidityDays": 7,
        }
    },
    "DeletionProtection": "INACTIVE",
    "AliasAttributes": ["preferred_username"],
    "AutoVerifiedAttributes": ["email"],
    "UsernameConfiguration": {"CaseSensitive": False},
    "MfaConfiguration": "OFF",
    "AccountRecoverySetting": {"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}]},
    "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": False},
    "UserAttributeUpdateSettings": {"AttributesRequireVerificationBeforeUpdate": []},
    "EmailConfiguration": {"EmailSendingAccount": "COGNITO_DEFAULT"},
    "VerificationMessageTemplate": {"DefaultEmailOption": "CONFIRM_WITH_CODE"},
    "Schema": [{"Name": "email", "AttributeDataType": "String", "Mutable": True, "Required": True}],
}

LAB_CLIENT: dict[str, Any] = {
    "ClientName": "lab-api-client",
    "GenerateSecret": False,
    "RefreshTokenValidity": 30,
    "AccessTokenValidity": 60,
    "IdTokenValidity": 60,
    "TokenValidityUnits": {"RefreshToken": "days", "AccessToken": "minutes", "IdToken": "minutes"},
    "ExplicitAuthFlows": ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"],
    "SupportedIdentityProviders": ["COGNITO"],
    "CallbackURLs": ["https://example.com/callback"],
    "AllowedOAuthFlows": ["implicit"],
    "AllowedOAuthScopes": ["email", "openid", "phone"],
    "AllowedOAuthFlowsUserPoolClient": True,
    "PreventUserExistenceErrors": "ENABLED",
    "EnableTokenRevocation": True,
    "EnablePropagateAdditionalUserContextData": False,
    "AuthSessionValidity": 3,
}


@dataclass(frozen=True)
class Lab:
    """The ids the lab's Task 1 created, and the client that created them."""

    cognito: Any
    pool_id: str
    client_id: str
    domain: str


@pytest.fixture(scope="module")
def lab(server: Server) -> Iterator[Lab]:
    """Task 1 (pool, domain, app client) done once per back end."""
    cognito = server.client("cognito-idp", region=REGION)
    pool_id = cognito.create_user_pool(**LAB_POOL)["UserPool"]["Id"]
    domain = f"lab{secrets.randbelow(10**9):09d}"
    cognito.create_user_pool_domain(Domain=domain, UserPoolId=pool_id)
    client = cognito.create_user_pool_client(UserPoolId=pool_id, **LAB_CLIENT)
    yield Lab(cognito, pool_id, client["UserPoolClient"]["ClientId"], domain)
    cognito.delete_user_pool_domain(Domain=domain, UserPoolId=pool_id)
    cognito.delete_user_pool(UserPoolId=pool_id)


@pytest.fixture(scope="module")
def lab_pool(lab: Lab) -> dict[str, Any]:
    pool: dict[str, Any] = lab.cognito.describe_user_pool(UserPoolId=lab.pool_id)["UserPool"]
    return pool


@pytest.fixture(scope="module")
def lab_client(lab: Lab) -> dict[str, Any]:
    response = lab.cognito.describe_user_pool_client(UserPoolId=lab.pool_id, ClientId=lab.client_id)
    client: dict[str, Any] = response["UserPoolClient"]
    return client


@pytest.fixture(scope="module")
def cognito_user(lab: Lab) -> dict[str, Any]:
    """Task 2.1: CognitoUser, temporary password, no invitation, email marked verified."""
    response = lab.cognito.admin_create_user(
        UserPoolId=lab.pool_id,
        Username="CognitoUser",
        TemporaryPassword=LAB_PASSWORD,
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "email_verified", "Value": "true"}],
    )
    user: dict[str, Any] = response["User"]
    return user


# --- DescribeUserPool ------------------------------------------------------------------------


def test_lab_pool_id_is_region_underscore_nine_alphanumerics(lab: Lab) -> None:
    assert re.fullmatch(rf"{REGION}_[0-9A-Za-z]{{9}}", lab.pool_id)


def test_lab_pool_reports_name_id_and_arn(lab: Lab, lab_pool: dict[str, Any]) -> None:
    assert lab_pool["Name"] == "cognito-lab-pool"
    assert lab_pool["Id"] == lab.pool_id
    assert re.fullmatch(
        rf"arn:aws:cognito-idp:{REGION}:\d{{12}}:userpool/{lab.pool_id}", lab_pool["Arn"]
    )


def test_lab_pool_has_the_cognito_default_password_policy(lab_pool: dict[str, Any]) -> None:
    assert lab_pool["Policies"]["PasswordPolicy"] == LAB_POOL["Policies"]["PasswordPolicy"]


def test_lab_pool_marks_email_required_in_the_schema(lab_pool: dict[str, Any]) -> None:
    email = next(a for a in lab_pool["SchemaAttributes"] if a["Name"] == "email")
    assert email == {
        "Name": "email",
        "AttributeDataType": "String",
        "DeveloperOnlyAttribute": False,
        "Mutable": True,
        "Required": True,
        "StringAttributeConstraints": {"MinLength": "0", "MaxLength": "2048"},
    }


def test_lab_pool_lists_sub_first_as_immutable_and_required(lab_pool: dict[str, Any]) -> None:
    sub = lab_pool["SchemaAttributes"][0]
    assert (sub["Name"], sub["Mutable"], sub["Required"]) == ("sub", False, True)


def test_lab_pool_echoes_sign_in_settings(lab_pool: dict[str, Any]) -> None:
    assert lab_pool["AliasAttributes"] == ["preferred_username"]
    assert "UsernameAttributes" not in lab_pool
    assert lab_pool["UsernameConfiguration"] == {"CaseSensitive": False}
    assert lab_pool["AutoVerifiedAttributes"] == ["email"]


def test_lab_pool_echoes_account_and_message_settings(lab_pool: dict[str, Any]) -> None:
    for member in (
        "AccountRecoverySetting",
        "UserAttributeUpdateSettings",
        "EmailConfiguration",
        "DeletionProtection",
    ):
        assert lab_pool[member] == LAB_POOL[member], member
    assert lab_pool["VerificationMessageTemplate"]["DefaultEmailOption"] == "CONFIRM_WITH_CODE"
    assert lab_pool["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is False


def test_lab_pool_has_mfa_off(lab_pool: dict[str, Any]) -> None:
    assert lab_pool["MfaConfiguration"] == "OFF"


def test_lab_pool_reports_its_domain(lab: Lab, lab_pool: dict[str, Any]) -> None:
    assert lab_pool["Domain"] == lab.domain


def test_lab_pool_reports_creation_and_modification_dates(lab_pool: dict[str, Any]) -> None:
    assert lab_pool["CreationDate"] <= lab_pool["LastModifiedDate"]
    assert lab_pool["LambdaConfig"] == {}


def test_lab_pool_is_listed_by_list_user_pools(lab: Lab) -> None:
    paginator = lab.cognito.get_paginator("list_user_pools")
    names = {
        p["Id"]: p["Name"] for page in paginator.paginate(MaxResults=60) for p in page["UserPools"]
    }
    assert names[lab.pool_id] == "cognito-lab-pool"


# --- DescribeUserPoolClient ------------------------------------------------------------------


def test_lab_client_id_is_26_lowercase_alphanumerics(lab: Lab) -> None:
    assert re.fullmatch(r"[a-z0-9]{26}", lab.client_id)


def test_lab_client_has_no_secret(lab_client: dict[str, Any]) -> None:
    assert "ClientSecret" not in lab_client


def test_lab_client_echoes_its_configuration(lab: Lab, lab_client: dict[str, Any]) -> None:
    assert lab_client["UserPoolId"] == lab.pool_id
    assert lab_client["ClientId"] == lab.client_id
    for member, value in LAB_CLIENT.items():
        if member == "GenerateSecret":
            continue
        assert lab_client[member] == value, member


def test_lab_client_allows_implicit_grant_to_the_callback(lab_client: dict[str, Any]) -> None:
    assert lab_client["AllowedOAuthFlows"] == ["implicit"]
    assert lab_client["CallbackURLs"] == ["https://example.com/callback"]
    assert sorted(lab_client["AllowedOAuthScopes"]) == ["email", "openid", "phone"]


# --- DescribeUserPoolDomain ------------------------------------------------------------------


def test_lab_domain_describes_an_active_prefix_domain_of_the_pool(lab: Lab) -> None:
    description = lab.cognito.describe_user_pool_domain(Domain=lab.domain)["DomainDescription"]
    assert description["UserPoolId"] == lab.pool_id
    assert description["Domain"] == lab.domain
    assert description["Status"] == "ACTIVE"
    assert re.fullmatch(r"\d{12}", description["AWSAccountId"])


# --- AdminCreateUser / AdminGetUser ----------------------------------------------------------


def test_lab_user_is_created_in_force_change_password(cognito_user: dict[str, Any]) -> None:
    assert cognito_user["Username"] == "CognitoUser"
    assert cognito_user["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert cognito_user["Enabled"] is True


def test_lab_user_reads_back_as_aws_reports_it(lab: Lab, cognito_user: dict[str, Any]) -> None:
    user = lab.cognito.admin_get_user(UserPoolId=lab.pool_id, Username="CognitoUser")
    attributes = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    assert user["Username"] == "CognitoUser"
    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert user["Enabled"] is True
    assert attributes["email_verified"] == "true"
    assert str(uuid.UUID(attributes["sub"])) == attributes["sub"]
    assert "email" not in attributes
    assert user["UserCreateDate"] <= user["UserLastModifiedDate"]


def test_lab_user_sub_is_the_same_in_create_and_get(lab: Lab, cognito_user: dict[str, Any]) -> None:
    created = {a["Name"]: a["Value"] for a in cognito_user["Attributes"]}
    user = lab.cognito.admin_get_user(UserPoolId=lab.pool_id, Username="CognitoUser")
    fetched = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    assert created["sub"] == fetched["sub"]


def test_lab_user_is_found_case_insensitively(lab: Lab, cognito_user: dict[str, Any]) -> None:
    user = lab.cognito.admin_get_user(UserPoolId=lab.pool_id, Username="cognitouser")
    assert user["Username"] == cognito_user["Username"]


def test_lab_user_counts_in_estimated_number_of_users(
    lab: Lab, cognito_user: dict[str, Any]
) -> None:
    pool = lab.cognito.describe_user_pool(UserPoolId=lab.pool_id)["UserPool"]
    assert pool["EstimatedNumberOfUsers"] == 1
