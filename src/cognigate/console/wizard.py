"""The "Create user pool" wizard: its steps, defaults and the mapping of choices to settings.

The choices mirror the AWS console's; the resulting settings go to the same domain operations
CreateUserPool, CreateUserPoolDomain and CreateUserPoolClient use.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from cognigate.identity.mfa import PoolMfaChange
from cognigate.identity.model import ClientConfig, PoolConfig, SchemaAttribute
from cognigate.identity.passwords import PasswordPolicy

STEPS = (
    "Configure sign-in experience",
    "Configure security requirements",
    "Configure sign-up experience",
    "Configure message delivery",
    "Integrate your app",
    "Review and create",
)

#: every field the wizard carries between steps, with its default (lists are comma-joined)
DEFAULTS: dict[str, str] = {
    "sign_in_options": "username",
    "preferred_username": "",
    "case_sensitive": "",
    "password_mode": "cognito_defaults",
    "min_length": "8",
    "require_numbers": "on",
    "require_special": "on",
    "require_upper": "on",
    "require_lower": "on",
    "temp_days": "7",
    "mfa": "required",
    "mfa_methods": "totp",
    "sms_role": "CognitoIdpSNSServiceRole",
    "self_recovery": "on",
    "recovery_delivery": "email_only",
    "self_registration": "on",
    "auto_verify": "on",
    "verify_attributes": "email",
    "keep_original": "on",
    "required_attributes": "email",
    "email_provider": "cognito",
    "pool_name": "",
    "hosted_ui": "on",
    "domain_prefix": "",
    "app_type": "public",
    "client_name": "",
    "client_secret": "none",
    "callback_url": "",
    "auth_flows": "ALLOW_REFRESH_TOKEN_AUTH,ALLOW_USER_SRP_AUTH",
    "grant_types": "code",
    "scopes": "email,openid,phone",
}
LIST_FIELDS = frozenset(
    {
        "sign_in_options",
        "mfa_methods",
        "required_attributes",
        "auth_flows",
        "grant_types",
        "scopes",
    }
)
CHECKBOXES_BY_STEP: dict[int, tuple[str, ...]] = {
    1: ("sign_in_options", "preferred_username", "case_sensitive"),
    2: (
        "require_numbers",
        "require_special",
        "require_upper",
        "require_lower",
        "self_recovery",
        "mfa_methods",
    ),
    3: ("self_registration", "auto_verify", "keep_original", "required_attributes"),
    5: ("hosted_ui", "auth_flows", "grant_types", "scopes"),
}
AUTH_FLOWS = (
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_CUSTOM_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
)
SCOPES = ("aws.cognito.signin.user.admin", "email", "openid", "phone", "profile")
STANDARD_REQUIRABLE = (
    "address",
    "birthdate",
    "email",
    "family_name",
    "gender",
    "given_name",
    "locale",
    "middle_name",
    "name",
    "nickname",
    "phone_number",
    "picture",
    "preferred_username",
    "profile",
    "updated_at",
    "website",
    "zoneinfo",
)


def merge_step(
    state: dict[str, str], step: int, form: Mapping[str, str], lists: Mapping[str, list[str]]
) -> dict[str, str]:
    """The wizard state after the fields of ``step`` were submitted (unticked boxes clear)."""
    merged = dict(state)
    for name in CHECKBOXES_BY_STEP.get(step, ()):
        merged[name] = ""
    for name in DEFAULTS:
        if name in LIST_FIELDS and name in lists:
            merged[name] = ",".join(v for v in lists[name] if v)
        elif name in form:
            merged[name] = form[name].strip()
    return merged


def state_from(form: Mapping[str, str]) -> dict[str, str]:
    """The carried state (hidden ``s_<name>`` inputs), defaults for what is missing."""
    return {name: form.get(f"s_{name}", default) for name, default in DEFAULTS.items()}


def listed(state: Mapping[str, str], name: str) -> list[str]:
    return [v for v in state.get(name, "").split(",") if v]


def _sign_in(state: Mapping[str, str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    options = listed(state, "sign_in_options")
    others = tuple(o for o in ("email", "phone_number") if o in options)
    if "username" in options:
        aliases = others + (("preferred_username",) if state.get("preferred_username") else ())
        return (), aliases
    return others, ()


def _policy(state: Mapping[str, str]) -> PasswordPolicy:
    if state.get("password_mode") != "custom":
        return PasswordPolicy()
    return PasswordPolicy(
        minimum_length=int(state.get("min_length") or 8),
        require_numbers=bool(state.get("require_numbers")),
        require_symbols=bool(state.get("require_special")),
        require_uppercase=bool(state.get("require_upper")),
        require_lowercase=bool(state.get("require_lower")),
        temporary_password_validity_days=int(state.get("temp_days") or 7),
    )


_RECOVERY = {
    "email_only": [{"Priority": 1, "Name": "verified_email"}],
    "sms_only": [{"Priority": 1, "Name": "verified_phone_number"}],
    "email_sms": [
        {"Priority": 1, "Name": "verified_email"},
        {"Priority": 2, "Name": "verified_phone_number"},
    ],
}
_MFA = {"required": "ON", "optional": "OPTIONAL", "none": "OFF"}
_VERIFY = {
    "email": ("email",),
    "phone": ("phone_number",),
    "email_phone": ("email", "phone_number"),
}


def _verified(state: Mapping[str, str]) -> tuple[str, ...]:
    return _VERIFY.get(state.get("verify_attributes", ""), ()) if state.get("auto_verify") else ()


def mfa_mode(state: Mapping[str, str]) -> str:
    """The MFA enforcement chosen; the AWS console sets it, with authenticator apps (TOTP),
    through SetUserPoolMfaConfig: CreateUserPool alone can only require SMS MFA."""
    return _MFA.get(state.get("mfa", ""), "OFF")


def mfa_change(state: Mapping[str, str], account_id: str) -> PoolMfaChange | None:
    """SetUserPoolMfaConfig for the chosen enforcement and MFA methods (``None``: no MFA).

    SMS names the IAM role the AWS console creates for Cognito to send SMS through SNS (step
    "Configure message delivery"); cognigate records the messages in the outbox instead.
    """
    mode = mfa_mode(state)
    if mode == "OFF":
        return None
    methods = listed(state, "mfa_methods")
    sms = None
    if "sms" in methods:
        role = state.get("sms_role") or DEFAULTS["sms_role"]
        sms = {
            "SmsConfiguration": {
                "SnsCallerArn": f"arn:aws:iam::{account_id}:role/service-role/{role}",
                "ExternalId": str(uuid.uuid4()),
            }
        }
    return PoolMfaChange(mode=mode, totp_enabled="totp" in methods, sms=sms)


def pool_config(state: Mapping[str, str]) -> PoolConfig:
    """CreateUserPool settings for the wizard's choices."""
    username_attributes, alias_attributes = _sign_in(state)
    recovery = _RECOVERY.get(state.get("recovery_delivery", ""), _RECOVERY["email_only"])
    verified = _verified(state)
    keep = list(verified) if state.get("keep_original") else []
    extras: dict[str, object] = {
        "AccountRecoverySetting": {
            "RecoveryMechanisms": recovery
            if state.get("self_recovery")
            else [{"Priority": 1, "Name": "admin_only"}]
        },
        "UserAttributeUpdateSettings": {"AttributesRequireVerificationBeforeUpdate": keep},
        "EmailConfiguration": {"EmailSendingAccount": "COGNITO_DEFAULT"},
        "VerificationMessageTemplate": {"DefaultEmailOption": "CONFIRM_WITH_CODE"},
        "UserPoolTier": "ESSENTIALS",
    }
    return PoolConfig(
        password_policy=_policy(state),
        username_attributes=username_attributes,
        alias_attributes=alias_attributes,
        case_sensitive=bool(state.get("case_sensitive")),
        schema=tuple(
            SchemaAttribute(name=name, required=True)
            for name in listed(state, "required_attributes")
        ),
        # MFA is turned on afterwards with SetUserPoolMfaConfig (see :func:`mfa_mode`)
        mfa_configuration="OFF",
        auto_verified_attributes=verified,
        allow_admin_create_user_only=not state.get("self_registration"),
        extras=extras,
    )


@dataclass(frozen=True, slots=True)
class ClientChoice:
    name: str
    generate_secret: bool
    config: ClientConfig


def client_choice(state: Mapping[str, str]) -> ClientChoice:
    """CreateUserPoolClient settings for the initial app client."""
    callback = state.get("callback_url", "").strip()
    grants = tuple(listed(state, "grant_types")) if state.get("hosted_ui") else ()
    return ClientChoice(
        name=state.get("client_name", "").strip(),
        generate_secret=state.get("client_secret") == "generate",
        config=ClientConfig(
            explicit_auth_flows=tuple(listed(state, "auth_flows")),
            refresh_token_validity=30,
            access_token_validity=60,
            id_token_validity=60,
            token_validity_units={
                "RefreshToken": "days",
                "AccessToken": "minutes",
                "IdToken": "minutes",
            },
            supported_identity_providers=("COGNITO",),
            callback_urls=(callback,) if callback else None,
            allowed_oauth_flows=grants or None,
            allowed_oauth_scopes=tuple(listed(state, "scopes")) if grants else None,
            allowed_oauth_flows_user_pool_client=bool(grants),
            prevent_user_existence_errors="ENABLED",
            enable_token_revocation=True,
            auth_session_validity=3,
        ),
    )
