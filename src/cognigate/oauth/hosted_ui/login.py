"""``/login``: the sign-in form, the first-sign-in "Change Password" page and MFA code entry.

https://docs.aws.amazon.com/cognito/latest/developerguide/login-endpoint.html
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from cognigate.core.errors import AwsError
from cognigate.identity.auth.hosted import HostedOutcome
from cognigate.identity.errors import (
    PasswordResetRequiredException,
    UserNotConfirmedException,
)
from cognigate.identity.idp_config import SOCIAL_TYPES
from cognigate.identity.oauth_requests import AuthorizationRequest
from cognigate.identity.service import IdentityService
from cognigate.oauth.hosted_ui import continuation, flow, totp_setup
from cognigate.oauth.hosted_ui.pages import PageContext, error_page, redirect, render

SIGN_IN_TITLE = "Sign in with your username and password"
NEW_PASSWORD = "NEW_PASSWORD_REQUIRED"
_ATTRIBUTE_FIELD = re.compile(r"^requiredAttributes\[([A-Za-z0-9_:.-]{1,64})\]$")
#: challenge -> (the answer's name, the label of the code field)
MFA_ANSWERS = {
    "SOFTWARE_TOKEN_MFA": ("SOFTWARE_TOKEN_MFA_CODE", "Code from your authenticator app"),
    "SMS_MFA": ("SMS_MFA_CODE", "Code sent by text message"),
    "EMAIL_OTP": ("EMAIL_OTP_CODE", "Code sent by email"),
    "SELECT_MFA_TYPE": ("ANSWER", "Choose how to receive your sign-in code"),
}
SELECT = "SELECT_MFA_TYPE"
FACTOR_LABELS = {
    "SOFTWARE_TOKEN_MFA": "Authenticator app",
    "SMS_MFA": "Text message (SMS)",
    "EMAIL_OTP": "Email",
}


def text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _login_page(page: PageContext, auth: AuthorizationRequest, *, username: str = "",
                error: str | None = None, status: int = 200) -> Response:  # fmt: skip
    signup = not auth.pool.config.allow_admin_create_user_only
    cognito = "COGNITO" in (auth.client.config.supported_identity_providers or ())
    buttons = [
        (name, page.url("oauth2/authorize", {"identity_provider": name})) for name in auth.providers
    ]
    response = render(
        page, "login.html", title=SIGN_IN_TITLE, username=username, error=error,
        signup=signup and cognito, status=status, cognito=cognito,
        providers=[b for b in buttons if b[0] not in SOCIAL_TYPES],
        social=[b for b in buttons if b[0] in SOCIAL_TYPES],
        notice=continuation.notice(page.request),
    )  # fmt: skip
    continuation.take_notice(page.request, response)
    return response


async def login_get(request: Request, identity: IdentityService) -> Response:
    auth = await flow.checked(request, identity)
    if isinstance(auth, Response):
        return auth
    existing = await flow.sso_user(request, identity, auth)
    if existing is not None:
        user, auth_time = existing
        outcome = HostedOutcome(user=user, auth_time=auth_time)
        return await flow.signed_in(request, identity, auth, outcome)
    return _login_page(await flow.page(request, identity, auth), auth)


def _required_attributes(parameters: Mapping[str, str]) -> list[str]:
    try:
        names = json.loads(parameters.get("requiredAttributes", "[]"))
    except ValueError:
        return []
    return [str(n).removeprefix("userAttributes.") for n in names if isinstance(n, str)]


def _select_page(page: PageContext, auth: AuthorizationRequest, session: str,
                 parameters: Mapping[str, str]) -> Response:  # fmt: skip
    try:
        offered = json.loads(parameters.get("MFAS_CAN_CHOOSE", "[]"))
    except ValueError:
        offered = []
    choices = [(f, FACTOR_LABELS[f]) for f in offered if f in FACTOR_LABELS]
    return render(
        page, "select_mfa.html", title=MFA_ANSWERS[SELECT][1], session=session,
        choices=choices,
    )  # fmt: skip


async def next_step(
    request: Request, identity: IdentityService, auth: AuthorizationRequest, outcome: HostedOutcome
) -> Response:
    """Signed in, or the page for the challenge that follows."""
    if outcome.user is not None:
        return await flow.signed_in(request, identity, auth, outcome)
    page = await flow.page(request, identity, auth)
    session = outcome.session or ""
    if outcome.challenge == NEW_PASSWORD:
        return render(
            page, "new_password.html", title="Change Password", session=session,
            attributes=_required_attributes(outcome.parameters), values={},
            username=outcome.username,
        )  # fmt: skip
    if outcome.challenge == totp_setup.SETUP:
        return await totp_setup.begin(page, identity, auth, session, outcome.username)
    if outcome.challenge == SELECT:
        return _select_page(page, auth, session, outcome.parameters)
    if outcome.challenge in MFA_ANSWERS:
        return render(
            page, "mfa.html", title="Multi-factor authentication", session=session,
            challenge=outcome.challenge, label=MFA_ANSWERS[outcome.challenge][1],
            destination=outcome.parameters.get("CODE_DELIVERY_DESTINATION"),
        )  # fmt: skip
    return error_page(request, f"Sign-in step {outcome.challenge} is not available here.")


async def _password_step(
    identity: IdentityService, auth: AuthorizationRequest, page: PageContext, form: FormData
) -> HostedOutcome | Response:
    """The sign-in outcome, or the page that answers a failed or redirected sign-in."""
    username = text(form, "username").strip()
    try:
        outcome = await run_in_threadpool(
            identity.hosted.sign_in, auth.pool.id, auth.client.id, username, text(form, "password")
        )
    except UserNotConfirmedException:
        return redirect(page.url("confirm", {"username": username}))
    except PasswordResetRequiredException:
        return redirect(page.url("forgotPassword", {"username": username}))
    except AwsError as error:
        return _login_page(page, auth, username=username, error=error.message)
    if outcome.error is not None:
        return _login_page(page, auth, username=username, error=outcome.error.message)
    return outcome


async def login_post(request: Request, identity: IdentityService) -> Response:
    posted = await flow.checked_post(request, identity)
    if isinstance(posted, Response):
        return posted
    auth, form = posted
    page = await flow.page(request, identity, auth)
    outcome = await _password_step(identity, auth, page, form)
    if isinstance(outcome, Response):
        return outcome
    return await next_step(request, identity, auth, outcome)


def attribute_values(form: FormData) -> dict[str, str]:
    values: dict[str, str] = {}
    for key, value in form.multi_items():
        match = _ATTRIBUTE_FIELD.match(key)
        if match and isinstance(value, str):
            values[match.group(1)] = value.strip()
    return values


async def new_password_post(request: Request, identity: IdentityService) -> Response:
    posted = await flow.checked_post(request, identity)
    if isinstance(posted, Response):
        return posted
    auth, form = posted
    session, password = text(form, "session"), text(form, "newPassword")
    username = text(form, "username")
    values = attribute_values(form)
    error: str | None = None
    if password != text(form, "confirmPassword"):
        error = "Passwords do not match."
    else:
        answers = {"NEW_PASSWORD": password} | {f"userAttributes.{k}": v for k, v in values.items()}
        try:
            outcome = await run_in_threadpool(
                identity.hosted.respond, auth.pool.id, auth.client.id, NEW_PASSWORD, session,
                answers,
            )  # fmt: skip
            return await next_step(request, identity, auth, outcome)
        except AwsError as failure:
            error = failure.message
    page = await flow.page(request, identity, auth)
    return render(
        page, "new_password.html", title="Change Password", session=session,
        attributes=list(values), values=values, error=error, status=400, username=username,
    )  # fmt: skip


async def mfa_post(request: Request, identity: IdentityService) -> Response:
    posted = await flow.checked_post(request, identity)
    if isinstance(posted, Response):
        return posted
    auth, form = posted
    challenge, session = text(form, "challenge"), text(form, "session")
    if challenge not in MFA_ANSWERS:
        return error_page(request, "Unknown sign-in step.")
    answer = text(form, "factor") if challenge == SELECT else text(form, "code")
    answers = {MFA_ANSWERS[challenge][0]: answer.strip()}
    try:
        outcome = await run_in_threadpool(
            identity.hosted.respond, auth.pool.id, auth.client.id, challenge, session, answers
        )
        if outcome.error is not None:
            raise outcome.error
    except AwsError as failure:
        page = await flow.page(request, identity, auth)
        return render(
            page, "mfa.html", title="Multi-factor authentication", session=session,
            challenge=challenge, label=MFA_ANSWERS[challenge][1], error=failure.message,
            status=400,
        )  # fmt: skip
    return await next_step(request, identity, auth, outcome)
