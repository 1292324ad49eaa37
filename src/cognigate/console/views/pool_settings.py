"""A pool's Lambda triggers, messaging and sign-in experience tabs, edited in place.

Each form changes only its own members of the pool's settings, has them checked as
UpdateUserPool's input would be, and saves the whole through the domain call UpdateUserPool
uses (which otherwise resets what it is not given).
https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPool.html
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from starlette.responses import Response

from cognigate.console import wire
from cognigate.console.context import Handler, Page, error_text, html_error
from cognigate.core.errors import AwsError
from cognigate.identity.messages import code_template, invite_template
from cognigate.identity.model import PoolConfig, UserPool
from cognigate.identity.pools import PoolDetails

TABS = ("users", "groups", "sign-in", "messaging", "app-integration", "triggers")

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
#: the legacy verification-message members -> the messaging form's field mirrored into them
LEGACY_MESSAGES = {
    "EmailVerificationSubject": "email_subject",
    "EmailVerificationMessage": "email_message",
    "SmsVerificationMessage": "sms_message",
}


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


def render_pool(
    page: Page,
    details: PoolDetails,
    tab: str,
    values: Mapping[str, Any],
    *,
    pool: UserPool | None = None,
    status: int = 200,
    error: str | None = None,
) -> Response:
    """The pool page on ``tab``; ``pool`` shows typed, unsaved settings, ``error`` a banner."""
    banner = {"notice": "error", "notice_name": error} if error else {}
    return page.render(
        "pool_detail.html",
        status=status,
        details=details,
        pool=pool or details.pool,
        tab=tab,
        tabs=TABS,
        **values,
        **banner,
    )


async def _refused(
    page: Page, details: PoolDetails, tab: str, message: str, pool: UserPool | None = None
) -> Response:
    """The tab again, status 400, with ``message`` and the values as typed; nothing saved."""
    shown = pool or details.pool
    values = await page.call(tab_values, page, shown, tab)
    return render_pool(page, details, tab, values, pool=shown, status=400, error=message)


Change = Callable[[Page, UserPool], PoolConfig]
Members = Callable[[PoolConfig], dict[str, Any]]


async def _save(page: Page, tab: str, change: Change, members: Members) -> Response:
    """Apply ``change`` through UpdateUserPool's domain call once UpdateUserPool's input check
    passes for the wire-format ``members`` of the changed settings."""
    identity = page.console.identity
    pool_id = page.request.path_params["pool_id"]
    try:
        details = await page.call(identity.pools.describe, pool_id)
    except AwsError as error:
        return page.finish(html_error(error_text(error), 404))
    try:
        config = change(page, details.pool)
    except ValueError as error:
        return await _refused(page, details, tab, str(error))
    typed = replace(details.pool, config=config)
    params = {"UserPoolId": pool_id, **members(config)}
    problem = page.invalid("cognito-idp", "UpdateUserPool", params)
    if problem is not None:
        return await _refused(page, details, tab, problem, typed)
    try:
        await page.call(identity.pools.update, pool_id, config, name=None, tags=None)
    except AwsError as error:
        return await _refused(page, details, tab, error_text(error), typed)
    back = f"/console/pools/{pool_id}"
    return page.redirect(back, tab=tab, notice="pool-updated", name=details.pool.name)


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


def _triggers_members(config: PoolConfig) -> dict[str, Any]:
    return {"LambdaConfig": wire.plain(config.lambda_config)}


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
    for member, field in LEGACY_MESSAGES.items():
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


def _messaging_members(config: PoolConfig) -> dict[str, Any]:
    names = ("VerificationMessageTemplate", *LEGACY_MESSAGES)
    members = {name: wire.plain(config.extras[name]) for name in names if name in config.extras}
    if config.invite_message_template:
        members["AdminCreateUserConfig"] = {
            "AllowAdminCreateUserOnly": config.allow_admin_create_user_only,
            "InviteMessageTemplate": wire.plain(config.invite_message_template),
        }
    return members


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


def _sign_in_members(config: PoolConfig) -> dict[str, Any]:
    members: dict[str, Any] = {
        "Policies": {"PasswordPolicy": wire.password_policy(config.password_policy)},
        "MfaConfiguration": config.mfa_configuration,
    }
    for name in ("AccountRecoverySetting", "UserAttributeUpdateSettings"):
        if name in config.extras:
            members[name] = wire.plain(config.extras[name])
    return members


async def triggers_save(page: Page) -> Response:
    return await _save(page, "triggers", _triggers, _triggers_members)


async def messaging_save(page: Page) -> Response:
    return await _save(page, "messaging", _messaging, _messaging_members)


async def sign_in_save(page: Page) -> Response:
    return await _save(page, "sign-in", _sign_in, _sign_in_members)


def routes() -> list[tuple[str, Handler, list[str]]]:
    return [
        ("/pools/{pool_id}/triggers", triggers_save, ["POST"]),
        ("/pools/{pool_id}/messaging", messaging_save, ["POST"]),
        ("/pools/{pool_id}/sign-in", sign_in_save, ["POST"]),
    ]
