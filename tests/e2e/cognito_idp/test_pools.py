"""User pools: CreateUserPool, DescribeUserPool, ListUserPools, UpdateUserPool, DeleteUserPool,
AddCustomAttributes, with Cognito's defaults and validation rules."""

from __future__ import annotations

import re
import secrets
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.cognito_idp.conftest import PoolFactory, error_of
from tests.support import Server, unique

DEFAULT_POLICY = {
    "MinimumLength": 8,
    "RequireUppercase": True,
    "RequireLowercase": True,
    "RequireNumbers": True,
    "RequireSymbols": True,
    "TemporaryPasswordValidityDays": 7,
}


def _describe(cognito: Any, pool_id: str) -> dict[str, Any]:
    pool: dict[str, Any] = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    return pool


def _listed_ids(cognito: Any) -> set[str]:
    paginator = cognito.get_paginator("list_user_pools")
    return {p["Id"] for page in paginator.paginate(MaxResults=60) for p in page["UserPools"]}


# --- CreateUserPool / DescribeUserPool -------------------------------------------------------


def test_create_user_pool_returns_id_in_the_signing_region(make_pool: PoolFactory) -> None:
    pool = make_pool()
    assert re.fullmatch(r"us-east-1_[0-9A-Za-z]{9}", pool["Id"])
    assert pool["Arn"].endswith(f":userpool/{pool['Id']}")


def test_create_user_pool_without_policies_gets_cognito_default_password_policy(
    cognito: Any, pool_id: str
) -> None:
    assert _describe(cognito, pool_id)["Policies"]["PasswordPolicy"] == DEFAULT_POLICY


def test_create_user_pool_applies_a_partial_password_policy(
    cognito: Any, make_pool: PoolFactory
) -> None:
    # Only the given member and the validity default are pinned: what AWS does with omitted
    # Require* booleans inside a given policy is not documented.
    pool = make_pool(Policies={"PasswordPolicy": {"MinimumLength": 12}})
    policy = _describe(cognito, pool["Id"])["Policies"]["PasswordPolicy"]
    assert policy["MinimumLength"] == 12
    assert policy["TemporaryPasswordValidityDays"] == 7


def test_temporary_password_validity_days_zero_means_seven(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(Policies={"PasswordPolicy": {"TemporaryPasswordValidityDays": 0}})
    policy = _describe(cognito, pool["Id"])["Policies"]["PasswordPolicy"]
    assert policy["TemporaryPasswordValidityDays"] == 7


def test_create_user_pool_defaults_mfa_deletion_protection_and_email(
    cognito: Any, pool_id: str
) -> None:
    pool = _describe(cognito, pool_id)
    assert pool["MfaConfiguration"] == "OFF"
    assert pool["DeletionProtection"] == "INACTIVE"
    assert pool["EmailConfiguration"] == {"EmailSendingAccount": "COGNITO_DEFAULT"}
    assert pool["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is False
    assert pool["EstimatedNumberOfUsers"] == 0


def test_create_user_pool_without_sign_in_settings_omits_them(cognito: Any, pool_id: str) -> None:
    pool = _describe(cognito, pool_id)
    for member in ("UsernameAttributes", "AliasAttributes", "AutoVerifiedAttributes", "Domain"):
        assert member not in pool, member


def test_create_user_pool_lists_every_standard_attribute(cognito: Any, pool_id: str) -> None:
    names = [a["Name"] for a in _describe(cognito, pool_id)["SchemaAttributes"]]
    assert names[0] == "sub"
    assert {
        "email",
        "email_verified",
        "phone_number",
        "phone_number_verified",
        "preferred_username",
        "name",
        "updated_at",
        "birthdate",
    } <= set(names)


def test_standard_schema_constraints_are_strings(cognito: Any, pool_id: str) -> None:
    schema = {a["Name"]: a for a in _describe(cognito, pool_id)["SchemaAttributes"]}
    assert schema["birthdate"]["StringAttributeConstraints"] == {
        "MinLength": "10",
        "MaxLength": "10",
    }
    assert schema["updated_at"]["AttributeDataType"] == "Number"
    assert schema["updated_at"]["NumberAttributeConstraints"] == {"MinValue": "0"}
    assert schema["email_verified"]["AttributeDataType"] == "Boolean"


def test_schema_custom_attribute_is_stored_with_custom_prefix(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(Schema=[{"Name": "tenant", "AttributeDataType": "String", "Mutable": True}])
    names = [a["Name"] for a in _describe(cognito, pool["Id"])["SchemaAttributes"]]
    assert "custom:tenant" in names


def test_required_custom_attribute_is_rejected(cognito: Any) -> None:
    name = unique("pool")
    with pytest.raises(ClientError) as excinfo:
        cognito.create_user_pool(
            PoolName=name,
            Schema=[{"Name": "tenant", "AttributeDataType": "String", "Required": True}],
        )
    assert error_of(excinfo) == (
        "InvalidParameterException",
        "Required custom attributes are not supported currently.",
    )


def test_username_and_alias_attributes_together_are_rejected(cognito: Any) -> None:
    name = unique("pool")
    with pytest.raises(ClientError) as excinfo:
        cognito.create_user_pool(
            PoolName=name, UsernameAttributes=["email"], AliasAttributes=["preferred_username"]
        )
    assert error_of(excinfo)[0] == "InvalidParameterException"
    assert name not in {
        p["Name"]
        for page in cognito.get_paginator("list_user_pools").paginate(MaxResults=60)
        for p in page["UserPools"]
    }


def test_username_attributes_are_echoed(cognito: Any, make_pool: PoolFactory) -> None:
    pool = make_pool(UsernameAttributes=["email"])
    assert _describe(cognito, pool["Id"])["UsernameAttributes"] == ["email"]


def test_preferred_username_cannot_be_both_alias_and_required(cognito: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.create_user_pool(
            PoolName=unique("pool"),
            AliasAttributes=["preferred_username"],
            Schema=[
                {"Name": "preferred_username", "AttributeDataType": "String", "Required": True}
            ],
        )
    assert error_of(excinfo)[0] == "InvalidParameterException"


def test_create_user_pool_echoes_lambda_config(cognito: Any, make_pool: PoolFactory) -> None:
    arn = "arn:aws:lambda:us-east-1:123456789012:function:pre-signup"
    pool = make_pool(LambdaConfig={"PreSignUp": arn})
    assert _describe(cognito, pool["Id"])["LambdaConfig"] == {"PreSignUp": arn}


def test_describe_unknown_pool_raises_resource_not_found(cognito: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.describe_user_pool(UserPoolId="us-east-1_NoSuchPoo")
    assert error_of(excinfo) == (
        "ResourceNotFoundException",
        "User pool us-east-1_NoSuchPoo does not exist.",
    )


# --- ListUserPools ---------------------------------------------------------------------------


def test_list_user_pools_pages_through_every_pool_once(
    cognito: Any, make_pool: PoolFactory
) -> None:
    mine = {make_pool()["Id"] for _ in range(3)}
    seen: list[str] = []
    token: str | None = None
    while True:
        kwargs: dict[str, Any] = {"MaxResults": 2}
        if token:
            kwargs["NextToken"] = token
        page = cognito.list_user_pools(**kwargs)
        assert len(page["UserPools"]) <= 2
        seen.extend(p["Id"] for p in page["UserPools"])
        token = page.get("NextToken")
        if not token:
            break
    assert mine <= set(seen)
    assert len(seen) == len(set(seen))


def test_list_user_pools_summary_has_name_and_dates(cognito: Any, make_pool: PoolFactory) -> None:
    pool = make_pool()
    summaries = {
        p["Id"]: p
        for page in cognito.get_paginator("list_user_pools").paginate(MaxResults=60)
        for p in page["UserPools"]
    }
    summary = summaries[pool["Id"]]
    assert summary["Name"] == pool["Name"]
    assert summary["CreationDate"] == pool["CreationDate"]
    assert "SchemaAttributes" not in summary


def test_list_user_pools_lists_only_the_endpoint_region(server: Server, cognito: Any) -> None:
    paris = server.client("cognito-idp", region="eu-west-3")
    pool_id = paris.create_user_pool(PoolName=unique("paris"))["UserPool"]["Id"]
    try:
        assert pool_id.startswith("eu-west-3_")
        assert pool_id in _listed_ids(paris)
        assert pool_id not in _listed_ids(cognito)
        assert all(p.startswith("eu-west-3_") for p in _listed_ids(paris))
    finally:
        paris.delete_user_pool(UserPoolId=pool_id)


# --- UpdateUserPool --------------------------------------------------------------------------


def test_update_user_pool_resets_omitted_members_to_defaults(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(
        Policies={"PasswordPolicy": {"MinimumLength": 12, "RequireSymbols": False}},
        AutoVerifiedAttributes=["email"],
        AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},
    )
    cognito.update_user_pool(UserPoolId=pool["Id"], MfaConfiguration="OFF")
    updated = _describe(cognito, pool["Id"])
    assert updated["Policies"]["PasswordPolicy"] == DEFAULT_POLICY
    assert "AutoVerifiedAttributes" not in updated
    assert updated["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is False


def test_update_user_pool_without_lambda_config_removes_the_triggers(
    cognito: Any, make_pool: PoolFactory
) -> None:
    arn = "arn:aws:lambda:us-east-1:123456789012:function:pre-signup"
    pool = make_pool(LambdaConfig={"PreSignUp": arn})
    cognito.update_user_pool(UserPoolId=pool["Id"], MfaConfiguration="OFF")
    assert _describe(cognito, pool["Id"])["LambdaConfig"] == {}


def test_update_user_pool_without_deletion_protection_deactivates_it(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(DeletionProtection="ACTIVE")
    cognito.update_user_pool(UserPoolId=pool["Id"], MfaConfiguration="OFF")
    assert _describe(cognito, pool["Id"])["DeletionProtection"] == "INACTIVE"


def test_update_user_pool_applies_given_members(cognito: Any, pool_id: str) -> None:
    cognito.update_user_pool(
        UserPoolId=pool_id,
        Policies={"PasswordPolicy": {"MinimumLength": 10}},
        AutoVerifiedAttributes=["email"],
        MfaConfiguration="OFF",
    )
    updated = _describe(cognito, pool_id)
    assert updated["Policies"]["PasswordPolicy"]["MinimumLength"] == 10
    assert updated["AutoVerifiedAttributes"] == ["email"]


def test_update_user_pool_keeps_sign_in_settings_and_schema(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(
        AliasAttributes=["preferred_username"],
        UsernameConfiguration={"CaseSensitive": False},
        Schema=[{"Name": "email", "AttributeDataType": "String", "Required": True}],
    )
    cognito.update_user_pool(UserPoolId=pool["Id"])
    updated = _describe(cognito, pool["Id"])
    email = next(a for a in updated["SchemaAttributes"] if a["Name"] == "email")
    assert updated["AliasAttributes"] == ["preferred_username"]
    assert updated["UsernameConfiguration"] == {"CaseSensitive": False}
    assert email["Required"] is True


def test_update_user_pool_advances_last_modified_date(cognito: Any, make_pool: PoolFactory) -> None:
    pool = make_pool()
    cognito.update_user_pool(UserPoolId=pool["Id"], MfaConfiguration="OFF")
    updated = _describe(cognito, pool["Id"])
    assert updated["LastModifiedDate"] > pool["LastModifiedDate"]
    assert updated["CreationDate"] == pool["CreationDate"]


def test_update_unknown_pool_raises_resource_not_found(cognito: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.update_user_pool(UserPoolId="us-east-1_NoSuchPoo")
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


# --- DeleteUserPool --------------------------------------------------------------------------


def test_delete_user_pool_removes_it(cognito: Any) -> None:
    pool_id = cognito.create_user_pool(PoolName=unique("pool"))["UserPool"]["Id"]
    cognito.delete_user_pool(UserPoolId=pool_id)
    with pytest.raises(ClientError) as excinfo:
        cognito.describe_user_pool(UserPoolId=pool_id)
    assert error_of(excinfo)[0] == "ResourceNotFoundException"
    assert pool_id not in _listed_ids(cognito)


def test_deletion_protection_active_blocks_delete(cognito: Any, make_pool: PoolFactory) -> None:
    pool = make_pool(DeletionProtection="ACTIVE")
    with pytest.raises(ClientError) as excinfo:
        cognito.delete_user_pool(UserPoolId=pool["Id"])
    assert error_of(excinfo) == (
        "InvalidParameterException",
        "The user pool cannot be deleted because deletion protection is activated. "
        "Deletion protection must be inactivated first.",
    )
    assert _describe(cognito, pool["Id"])["DeletionProtection"] == "ACTIVE"


def test_pool_with_a_domain_cannot_be_deleted(cognito: Any, pool_id: str) -> None:
    domain = f"del{secrets.token_hex(6)}"
    cognito.create_user_pool_domain(Domain=domain, UserPoolId=pool_id)
    with pytest.raises(ClientError) as excinfo:
        cognito.delete_user_pool(UserPoolId=pool_id)
    assert error_of(excinfo) == (
        "InvalidParameterException",
        "User pool cannot be deleted. It has a domain configured that should be deleted first.",
    )
    assert _describe(cognito, pool_id)["Domain"] == domain


def test_pool_can_be_deleted_once_its_domain_is(cognito: Any) -> None:
    pool_id = cognito.create_user_pool(PoolName=unique("pool"))["UserPool"]["Id"]
    domain = f"del{secrets.token_hex(6)}"
    cognito.create_user_pool_domain(Domain=domain, UserPoolId=pool_id)
    cognito.delete_user_pool_domain(Domain=domain, UserPoolId=pool_id)
    cognito.delete_user_pool(UserPoolId=pool_id)
    assert pool_id not in _listed_ids(cognito)


def test_delete_after_deactivating_deletion_protection_succeeds(cognito: Any) -> None:
    pool_id = cognito.create_user_pool(PoolName=unique("pool"), DeletionProtection="ACTIVE")[
        "UserPool"
    ]["Id"]
    cognito.update_user_pool(UserPoolId=pool_id, DeletionProtection="INACTIVE")
    cognito.delete_user_pool(UserPoolId=pool_id)
    assert pool_id not in _listed_ids(cognito)


def test_delete_unknown_pool_raises_resource_not_found(cognito: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.delete_user_pool(UserPoolId="us-east-1_NoSuchPoo")
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


# --- AddCustomAttributes ---------------------------------------------------------------------


def test_add_custom_attributes_appends_to_the_schema(cognito: Any, pool_id: str) -> None:
    cognito.add_custom_attributes(
        UserPoolId=pool_id,
        CustomAttributes=[
            {"Name": "plan", "AttributeDataType": "String", "Mutable": True},
            {
                "Name": "seats",
                "AttributeDataType": "Number",
                "NumberAttributeConstraints": {"MinValue": "1", "MaxValue": "100"},
            },
        ],
    )
    schema = {a["Name"]: a for a in _describe(cognito, pool_id)["SchemaAttributes"]}
    assert schema["custom:plan"]["AttributeDataType"] == "String"
    assert schema["custom:seats"]["NumberAttributeConstraints"] == {
        "MinValue": "1",
        "MaxValue": "100",
    }


def test_add_custom_attribute_with_existing_name_is_rejected(cognito: Any, pool_id: str) -> None:
    attribute = {"Name": "plan", "AttributeDataType": "String"}
    cognito.add_custom_attributes(UserPoolId=pool_id, CustomAttributes=[attribute])
    with pytest.raises(ClientError) as excinfo:
        cognito.add_custom_attributes(UserPoolId=pool_id, CustomAttributes=[attribute])
    assert error_of(excinfo)[0] == "InvalidParameterException"
    names = [a["Name"] for a in _describe(cognito, pool_id)["SchemaAttributes"]]
    assert names.count("custom:plan") == 1


def test_add_custom_attributes_to_unknown_pool_raises_resource_not_found(cognito: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.add_custom_attributes(
            UserPoolId="us-east-1_NoSuchPoo",
            CustomAttributes=[{"Name": "plan", "AttributeDataType": "String"}],
        )
    assert error_of(excinfo)[0] == "ResourceNotFoundException"
