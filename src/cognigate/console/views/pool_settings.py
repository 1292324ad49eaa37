"""A pool's Lambda triggers, messaging and sign-in experience tabs, edited in place.

Each form changes only its own members of the pool's settings and saves the whole through
the domain call UpdateUserPool uses (which otherwise resets what it is not given).
https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPool.html
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from starlette.responses import Response

from cognigate.console.context import Handler, Page, error_text
from cognigate.core.errors import AwsError
from cognigate.identity.messages import code_template, invite_template
from cognigate.identity.model import PoolConfig, UserPool

#: LambdaConfig member -> the console's label
TRIGGERS = (
    ("PreSignUp", "Pre sign-up"),
    ("PostConfirmation", "Post confirmation"),
    ("PreAuthentication", "Pre authentication"),
    ("PostAuthentication", "Post authentication"),
    ("PreTokenGeneration", "Pre token generation"),
    ("CustomMessage", "Custom message"),
    ("DefineAuthChallenge", "Define auth challenge"),
    ("CreateAuthChallenge", "Create auth challenge"),
    ("VerifyAuthChallengeResponse", "Verify auth challenge response"),
    ("UserMigration", "User migration"),
)
#: the console's account-recovery choices -> AccountRecoverySetting.RecoveryMechanisms names
RECOVERY = {
    "email": ("verified_email",),
    "email-phone": ("verified_email", "verified_phone_number"),
    "phone-email": ("verified_phone_number", "verified_email"),
    "phone": ("verified_phone_number",),
    "admin": ("admin_only",),
}
MFA_CHOICES = ("OFF", "OPTIONAL", "ON")
#: attributes whose update can wait for verification (UserAttributeUpdateSettings)
VERIFIABLE = ("email", "phone_number")


def lambda_arn(given: str, region: str, account_id: str) -> str:
    """A function name as its Lambda ARN; an ARN stays as it is."""
    if given.startswith("arn:"):
        return given
    return f"arn:aws:lambda:{region}:{account_id}:function:{given}"


def _mapping(value: object) -> dict[str, Any]:
    return dict(value) if isinstance(value, Mapping) else {}


def recovery_choice(config: PoolConfig) -> str:
    """The console choice matching the pool's AccountRecoverySetting (``""`` when unset)."""
    mechanisms = _mapping(config.extras.get("AccountRecoverySetting")).get("RecoveryMechanisms")
    if not isinstance(mechanisms, list):
        return ""
    ranked = sorted((_mapping(m) for m in mechanisms), key=lambda m: int(str(m.get("Priority", 0))))
    names = tuple(str(m.get("Name")) for m in ranked)
    return next((key for key, value in RECOVERY.items() if value == names), "")


def tab_values(page: Page, pool: UserPool, tab: str) -> dict[str, Any]:
    """What the triggers, messaging and sign-in tabs show besides the pool itself."""
    config = pool.config
    if tab == "triggers":
        catalog = page.console.functions
        return {
            "triggers": TRIGGERS,
            "lambda_config": config.lambda_config,
            "functions": catalog.names() if catalog is not None else [],
        }
    if tab == "messaging":
        email = _mapping(config.extras.get("EmailConfiguration"))
        return {
            "code": code_template(pool),
            "invite": invite_template(pool),
            "email_account": email.get("EmailSendingAccount", "COGNITO_DEFAULT"),
            "email_from": email.get("From") or email.get("SourceArn"),
        }
    if tab == "sign-in":
        settings = _mapping(config.extras.get("UserAttributeUpdateSettings"))
        return {
            "mfa_choices": MFA_CHOICES,
            "recovery": recovery_choice(config),
            "keep_original": settings.get("AttributesRequireVerificationBeforeUpdate") or [],
            "verifiable": VERIFIABLE,
        }
    return {}


async def _save(page: Page, tab: str, change: Any) -> Response:
    """Apply ``change(pool) -> PoolConfig`` through UpdateUserPool's domain call."""
    identity = page.console.identity
    pool_id = page.request.path_params["pool_id"]
    back = f"/console/pools/{pool_id}"
    try:
        pool = (await page.call(identity.pools.describe, pool_id)).pool
        config = change(pool)
        await page.call(identity.pools.update, pool_id, config, name=None, tags=None)
    except AwsError as error:
        return page.redirect(back, tab=tab, notice="error", name=error_text(error))
    except ValueError as error:
        return page.redirect(back, tab=tab, notice="error", name=str(error))
    return page.redirect(back, tab=tab, notice="pool-updated", name=pool.name)


def _triggers(page: Page, pool: UserPool) -> PoolConfig:
    lambda_config = dict(pool.config.lambda_config)
    for member, _ in TRIGGERS:
        given = page.value(member)
        if given:
            lambda_config[member] = lambda_arn(given, pool.region, page.console.account_id)
        else:
            lambda_config.pop(member, None)
    versioned = _mapping(lambda_config.get("PreTokenGenerationConfig"))
    if versioned:
        # PreTokenGeneration and PreTokenGenerationConfig.LambdaArn name the same function.
        if "PreTokenGeneration" in lambda_config:
            versioned["LambdaArn"] = lambda_config["PreTokenGeneration"]
            lambda_config["PreTokenGenerationConfig"] = versioned
        else:
            lambda_config.pop("PreTokenGenerationConfig")
    return replace(pool.config, lambda_config=lambda_config)


def _filled(template: Mapping[str, Any], **values: str) -> dict[str, Any]:
    """``template`` with the non-empty ``values`` set and the empty ones removed."""
    out = dict(template)
    for key, value in values.items():
        if value:
            out[key] = value
        else:
            out.pop(key, None)
    return out


def _messaging(page: Page, pool: UserPool) -> PoolConfig:
    extras = dict(pool.config.extras)
    extras["VerificationMessageTemplate"] = _filled(
        _mapping(extras.get("VerificationMessageTemplate")),
        EmailSubject=page.value("email_subject"),
        EmailMessage=page.value("email_message"),
        SmsMessage=page.value("sms_message"),
    )
    legacy = {
        "EmailVerificationSubject": "email_subject",
        "EmailVerificationMessage": "email_message",
        "SmsVerificationMessage": "sms_message",
    }
    for member, field in legacy.items():
        if member in extras:
            # The legacy members mirror the template, as DescribeUserPool shows them in AWS.
            extras[member] = page.value(field) or extras[member]
    invite = _filled(
        _mapping(pool.config.invite_message_template),
        EmailSubject=page.value("invite_email_subject"),
        EmailMessage=page.value("invite_email_message"),
        SMSMessage=page.value("invite_sms_message"),
    )
    return replace(pool.config, extras=extras, invite_message_template=invite or None)


def _number(page: Page, name: str, label: str) -> int:
    try:
        return int(page.value(name))
    except ValueError:
        raise ValueError(f"{label}: enter a whole number.") from None


def _choice(mfa: str) -> str:
    if mfa not in MFA_CHOICES:
        raise ValueError("Choose an MFA enforcement: " + ", ".join(MFA_CHOICES) + ".")
    return mfa


def _sign_in(page: Page, pool: UserPool) -> PoolConfig:
    policy = replace(
        pool.config.password_policy,
        minimum_length=_number(page, "minimum_length", "Password minimum length"),
        require_uppercase=page.checked("require_uppercase"),
        require_lowercase=page.checked("require_lowercase"),
        require_numbers=page.checked("require_numbers"),
        require_symbols=page.checked("require_symbols"),
        temporary_password_validity_days=_number(
            page, "temporary_days", "Temporary passwords set by administrators expire in"
        ),
    )
    extras = dict(pool.config.extras)
    names = RECOVERY.get(page.value("recovery"))
    if names:
        mechanisms = [{"Priority": i, "Name": n} for i, n in enumerate(names, start=1)]
        extras["AccountRecoverySetting"] = {"RecoveryMechanisms": mechanisms}
    keep = [a for a in VERIFIABLE if page.checked(f"keep_{a}")]
    update_settings = _mapping(extras.get("UserAttributeUpdateSettings"))
    update_settings["AttributesRequireVerificationBeforeUpdate"] = keep
    extras["UserAttributeUpdateSettings"] = update_settings
    return replace(
        pool.config,
        password_policy=policy,
        mfa_configuration=_choice(page.value("mfa")),
        extras=extras,
    )


async def triggers_save(page: Page) -> Response:
    return await _save(page, "triggers", lambda pool: _triggers(page, pool))


async def messaging_save(page: Page) -> Response:
    return await _save(page, "messaging", lambda pool: _messaging(page, pool))


async def sign_in_save(page: Page) -> Response:
    return await _save(page, "sign-in", lambda pool: _sign_in(page, pool))


def routes() -> list[tuple[str, Handler, list[str]]]:
    return [
        ("/pools/{pool_id}/triggers", triggers_save, ["POST"]),
        ("/pools/{pool_id}/messaging", messaging_save, ["POST"]),
        ("/pools/{pool_id}/sign-in", sign_in_save, ["POST"]),
    ]
