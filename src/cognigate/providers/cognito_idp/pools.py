"""Handlers of CreateUserPool, DescribeUserPool, ListUserPools, UpdateUserPool,
DeleteUserPool, AddCustomAttributes and the tagging operations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cognigate.identity.auth.sign_in_policy import DEFAULT, SIGN_IN_POLICY, first_factors
from cognigate.identity.confirm_link import link_defaults
from cognigate.identity.model import PoolConfig, SchemaAttribute, UserPool
from cognigate.identity.passwords import PasswordPolicy
from cognigate.identity.pools import MFA_FACTOR_SETTINGS, PoolDetails
from cognigate.identity.schema import listed
from cognigate.identity.service import IdentityService
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.json11 import Handler
from cognigate.providers.cognito_idp.wire import drop_none

#: members stored and echoed as given
_PASS_THROUGH = (
    "SmsVerificationMessage",
    "EmailVerificationMessage",
    "EmailVerificationSubject",
    "SmsAuthenticationMessage",
    "UserAttributeUpdateSettings",
    "DeviceConfiguration",
    "SmsConfiguration",
    "UserPoolAddOns",
    "AccountRecoverySetting",
)
_DEFAULT_TEMPLATE = {
    "DefaultEmailOption": "CONFIRM_WITH_CODE",
}


def policy_in(wire: Mapping[str, Any] | None) -> PasswordPolicy:
    given = (wire or {}).get("PasswordPolicy") or {}
    default = PasswordPolicy()
    return PasswordPolicy(
        minimum_length=given.get("MinimumLength", default.minimum_length),
        require_uppercase=given.get("RequireUppercase", default.require_uppercase),
        require_lowercase=given.get("RequireLowercase", default.require_lowercase),
        require_numbers=given.get("RequireNumbers", default.require_numbers),
        require_symbols=given.get("RequireSymbols", default.require_symbols),
        temporary_password_validity_days=given.get(
            "TemporaryPasswordValidityDays", default.temporary_password_validity_days
        ),
        password_history_size=given.get("PasswordHistorySize"),
    )


def sign_in_policy_in(policies: Mapping[str, Any] | None) -> Wire:
    """Policies.SignInPolicy as stored (AWS's default: passwords only)."""
    given = (policies or {}).get(SIGN_IN_POLICY) or {}
    return {"AllowedFirstAuthFactors": list(given.get("AllowedFirstAuthFactors") or DEFAULT)}


def policy_out(policy: PasswordPolicy) -> Wire:
    return drop_none(
        {
            "MinimumLength": policy.minimum_length,
            "RequireUppercase": policy.require_uppercase,
            "RequireLowercase": policy.require_lowercase,
            "RequireNumbers": policy.require_numbers,
            "RequireSymbols": policy.require_symbols,
            "PasswordHistorySize": policy.password_history_size,
            "TemporaryPasswordValidityDays": policy.temporary_password_validity_days,
        }
    )


def schema_in(items: list[Mapping[str, Any]] | None) -> tuple[SchemaAttribute, ...]:
    result = []
    for item in items or ():
        strings = item.get("StringAttributeConstraints") or {}
        numbers = item.get("NumberAttributeConstraints") or {}
        result.append(
            SchemaAttribute(
                name=item.get("Name", ""),
                data_type=item.get("AttributeDataType", "String"),
                developer_only=item.get("DeveloperOnlyAttribute", False),
                mutable=item.get("Mutable", True),
                required=item.get("Required", False),
                min_length=strings.get("MinLength"),
                max_length=strings.get("MaxLength"),
                min_value=numbers.get("MinValue"),
                max_value=numbers.get("MaxValue"),
            )
        )
    return tuple(result)


def schema_out(attribute: SchemaAttribute) -> Wire:
    out: Wire = {
        "Name": attribute.name,
        "AttributeDataType": attribute.data_type,
        "DeveloperOnlyAttribute": attribute.developer_only,
        "Mutable": attribute.mutable,
        "Required": attribute.required,
    }
    if attribute.data_type == "String" and (attribute.min_length or attribute.max_length):
        out["StringAttributeConstraints"] = drop_none(
            {"MinLength": attribute.min_length, "MaxLength": attribute.max_length}
        )
    if attribute.data_type == "Number" and (attribute.min_value or attribute.max_value):
        out["NumberAttributeConstraints"] = drop_none(
            {"MinValue": attribute.min_value, "MaxValue": attribute.max_value}
        )
    return out


def config_in(params: Wire, *, creating: bool) -> PoolConfig:
    admin = params.get("AdminCreateUserConfig") or {}
    username_config = params.get("UsernameConfiguration")
    extras = {k: params[k] for k in _PASS_THROUGH if k in params}
    extras["VerificationMessageTemplate"] = link_defaults(
        {**_DEFAULT_TEMPLATE, **(params.get("VerificationMessageTemplate") or {})}
    )
    extras["EmailConfiguration"] = params.get("EmailConfiguration") or {
        "EmailSendingAccount": "COGNITO_DEFAULT"
    }
    extras["UserPoolTier"] = params.get("UserPoolTier", "ESSENTIALS")
    extras[SIGN_IN_POLICY] = sign_in_policy_in(params.get("Policies"))
    extras.setdefault(
        "UserAttributeUpdateSettings", {"AttributesRequireVerificationBeforeUpdate": []}
    )
    return PoolConfig(
        password_policy=policy_in(params.get("Policies")),
        username_attributes=tuple(params.get("UsernameAttributes") or ()),
        alias_attributes=tuple(params.get("AliasAttributes") or ()),
        case_sensitive=username_config.get("CaseSensitive") if username_config else None,
        schema=schema_in(params.get("Schema")) if creating else (),
        mfa_configuration=params.get("MfaConfiguration", "OFF"),
        auto_verified_attributes=tuple(params.get("AutoVerifiedAttributes") or ()),
        allow_admin_create_user_only=admin.get("AllowAdminCreateUserOnly", False),
        unused_account_validity_days=admin.get("UnusedAccountValidityDays"),
        invite_message_template=admin.get("InviteMessageTemplate"),
        deletion_protection=params.get("DeletionProtection", "INACTIVE"),
        lambda_config=params.get("LambdaConfig") or {},
        extras=extras,
    )


def _admin_config_out(pool: UserPool) -> Wire:
    config = pool.config
    out: Wire = {"AllowAdminCreateUserOnly": config.allow_admin_create_user_only}
    out["UnusedAccountValidityDays"] = (
        config.unused_account_validity_days
        if config.unused_account_validity_days is not None
        else config.password_policy.temporary_password_validity_days
    )
    if config.invite_message_template:
        out["InviteMessageTemplate"] = dict(config.invite_message_template)
    return out


def pool_out(details: PoolDetails) -> Wire:
    pool, config = details.pool, details.pool.config
    out: Wire = {
        "Id": pool.id,
        "Name": pool.name,
        "Policies": {
            "PasswordPolicy": policy_out(config.password_policy),
            SIGN_IN_POLICY: {"AllowedFirstAuthFactors": list(first_factors(pool))},
        },
        "DeletionProtection": config.deletion_protection,
        "LambdaConfig": dict(config.lambda_config),
        "LastModifiedDate": pool.modified,
        "CreationDate": pool.created,
        "SchemaAttributes": [schema_out(a) for a in listed(config.schema)],
        "MfaConfiguration": config.mfa_configuration,
        "EstimatedNumberOfUsers": details.estimated_users,
        "AdminCreateUserConfig": _admin_config_out(pool),
        "Arn": pool.arn,
    }
    if config.auto_verified_attributes:
        out["AutoVerifiedAttributes"] = list(config.auto_verified_attributes)
    if config.alias_attributes:
        out["AliasAttributes"] = list(config.alias_attributes)
    if config.username_attributes:
        out["UsernameAttributes"] = list(config.username_attributes)
    if config.case_sensitive is not None:
        out["UsernameConfiguration"] = {"CaseSensitive": config.case_sensitive}
    if pool.tags:
        out["UserPoolTags"] = dict(pool.tags)
    if details.domain is not None:
        out["Domain"] = details.domain.domain
    out.update(
        (k, v)
        for k, v in config.extras.items()
        if k not in MFA_FACTOR_SETTINGS and k != SIGN_IN_POLICY
    )
    return out


def _summary(pool: UserPool) -> Wire:
    return {
        "Id": pool.id,
        "Name": pool.name,
        "LambdaConfig": dict(pool.config.lambda_config),
        "LastModifiedDate": pool.modified,
        "CreationDate": pool.created,
    }


def handlers(service: IdentityService) -> dict[str, Handler]:
    pools = service.pools

    def create_user_pool(params: Wire, context: CallContext) -> Wire:
        details = pools.create(
            params["PoolName"],
            config_in(params, creating=True),
            params.get("UserPoolTags") or {},
            region=context.region,
        )
        return {"UserPool": pool_out(details)}

    def describe_user_pool(params: Wire, _: CallContext) -> Wire:
        return {"UserPool": pool_out(pools.describe(params["UserPoolId"]))}

    def list_user_pools(params: Wire, context: CallContext) -> Wire:
        page = pools.list(params["MaxResults"], params.get("NextToken"), region=context.region)
        return drop_none(
            {"UserPools": [_summary(p) for p in page.items], "NextToken": page.next_token}
        )

    def update_user_pool(params: Wire, _: CallContext) -> Wire:
        pools.update(
            params["UserPoolId"],
            config_in(params, creating=False),
            name=params.get("PoolName"),
            tags=params.get("UserPoolTags"),
        )
        return {}

    def delete_user_pool(params: Wire, _: CallContext) -> Wire:
        pools.delete(params["UserPoolId"])
        return {}

    def add_custom_attributes(params: Wire, _: CallContext) -> Wire:
        pools.add_custom_attributes(params["UserPoolId"], schema_in(params["CustomAttributes"]))
        return {}

    def tag_resource(params: Wire, _: CallContext) -> Wire:
        pools.tag(params["ResourceArn"], params.get("Tags") or {})
        return {}

    def untag_resource(params: Wire, _: CallContext) -> Wire:
        pools.untag(params["ResourceArn"], params.get("TagKeys") or [])
        return {}

    def list_tags_for_resource(params: Wire, _: CallContext) -> Wire:
        return {"Tags": dict(pools.tags(params["ResourceArn"]))}

    return {
        "CreateUserPool": create_user_pool,
        "DescribeUserPool": describe_user_pool,
        "ListUserPools": list_user_pools,
        "UpdateUserPool": update_user_pool,
        "DeleteUserPool": delete_user_pool,
        "AddCustomAttributes": add_custom_attributes,
        "TagResource": tag_resource,
        "UntagResource": untag_resource,
        "ListTagsForResource": list_tags_for_resource,
    }
