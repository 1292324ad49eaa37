"""Self-service pages: ``/signup``, ``/confirm`` (+ ``/resendcode``), ``/forgotPassword`` and
``/confirmForgotPassword``; each calls the same domain operation as the Cognito API.

https://docs.aws.amazon.com/cognito/latest/developerguide/signup-endpoint.html
"""

from __future__ import annotations

import string

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from cognigate.core.errors import AwsError
from cognigate.identity.auth.hosted import HostedOutcome, hosted_secret_hash
from cognigate.identity.confirmation import CodeAnswer
from cognigate.identity.model import UserPool
from cognigate.identity.oauth_requests import AuthorizationRequest
from cognigate.identity.passwords import SYMBOLS, PasswordPolicy
from cognigate.identity.recovery import NewPassword
from cognigate.identity.service import IdentityService
from cognigate.identity.signup import SignUpRequest
from cognigate.oauth.hosted_ui import continuation, flow
from cognigate.oauth.hosted_ui.login import attribute_values, next_step, text
from cognigate.oauth.hosted_ui.pages import PageContext, redirect, render

SIGN_UP = "Sign up with a new account"
CONFIRM = "Confirm your account"
FORGOT = "Forgot your password?"
RESET = "Reset your password"


def policy_text(policy: PasswordPolicy) -> str:
    """The password rules in words, shown under the sign-up password field."""
    rules = [f"at least {policy.minimum_length} characters"]
    for required, what in (
        (policy.require_uppercase, "an uppercase letter"),
        (policy.require_lowercase, "a lowercase letter"),
        (policy.require_numbers, "a number"),
        (policy.require_symbols, "a special character"),
    ):
        if required:
            rules.append(what)
    return "Password must have " + ", ".join(rules) + "."


def policy_checks(policy: PasswordPolicy, password: str) -> list[tuple[str, bool]]:
    """Each rule of the policy in words, and whether ``password`` meets it (the sign-up page
    marks them with ``passwordCheck-valid/notValid-customizable`` after a refused sign-up)."""
    chars = set(password)
    checks = [(f"Password must be at least {policy.minimum_length} characters long",
               len(password) >= policy.minimum_length)]  # fmt: skip
    for required, allowed, what in (
        (policy.require_uppercase, string.ascii_uppercase, "an uppercase letter"),
        (policy.require_lowercase, string.ascii_lowercase, "a lowercase letter"),
        (policy.require_numbers, string.digits, "a number"),
        (policy.require_symbols, SYMBOLS, "a special character"),
    ):
        if required:
            checks.append((f"Password must contain {what}", not chars.isdisjoint(allowed)))
    return checks


def _username_label(pool: UserPool) -> str:
    names = pool.config.username_attributes
    if names == ("email",):
        return "Email"
    if names == ("phone_number",):
        return "Phone number"
    return "Username"


def _signup_page(page: PageContext, auth: AuthorizationRequest, form: FormData | None,
                 error: str | None = None) -> Response:  # fmt: skip
    pool = auth.pool
    username_is = set(pool.config.username_attributes)
    attributes = [a for a in pool.required_attributes if a not in username_is]
    values = attribute_values(form) if form else {}
    username = text(form, "username") if form else ""
    checks = policy_checks(pool.config.password_policy, text(form, "password")) if form else []
    return render(
        page, "signup.html", title=SIGN_UP, error=error, attributes=attributes,
        values=values, username=username, checks=checks,
        username_label=_username_label(pool), policy=policy_text(pool.config.password_policy),
        status=400 if error else 200,
    )  # fmt: skip


async def signup_get(request: Request, identity: IdentityService) -> Response:
    auth = await flow.checked(request, identity)
    if isinstance(auth, Response):
        return auth
    return _signup_page(await flow.page(request, identity, auth), auth, None)


async def signup_post(request: Request, identity: IdentityService) -> Response:
    posted = await flow.checked_post(request, identity)
    if isinstance(posted, Response):
        return posted
    auth, form = posted
    page = await flow.page(request, identity, auth)
    username, password = text(form, "username").strip(), text(form, "password")
    pairs = tuple(attribute_values(form).items())
    if auth.pool.config.username_attributes:
        pairs += ((auth.pool.config.username_attributes[0], username),)
    signup = SignUpRequest(
        auth.client.id, username, password, pairs, hosted_secret_hash(auth.client, username)
    )
    try:
        result = await run_in_threadpool(identity.signup.sign_up, signup)
        if not result.confirmed:
            response = redirect(page.url("confirm", {"username": username}))
            continuation.remember_sign_up(
                request, identity, response, auth.pool.id, result.user_sub
            )
            return response
        outcome = await run_in_threadpool(
            identity.hosted.sign_in, auth.pool.id, auth.client.id, username, password
        )
    except AwsError as error:
        return _signup_page(page, auth, form, error.message)
    return await _after_sign_in(request, identity, auth, page, outcome)


async def _after_sign_in(request: Request, identity: IdentityService, auth: AuthorizationRequest,
                         page: PageContext, outcome: HostedOutcome) -> Response:  # fmt: skip
    if outcome.error is not None:
        return redirect(page.url("login"))
    return await next_step(request, identity, auth, outcome)


def _simple_page(
    page: PageContext,
    auth: AuthorizationRequest,
    template: str,
    title: str,
    *,
    username: str = "",
    error: str | None = None,
    info: str | None = None,
) -> Response:
    return render(
        page, template, title=title, username=username, error=error, info=info,
        status=400 if error else 200,
    )  # fmt: skip


async def _form_page(request: Request, identity: IdentityService, template: str,
                     title: str) -> Response:  # fmt: skip
    auth = await flow.checked(request, identity)
    if isinstance(auth, Response):
        return auth
    page = await flow.page(request, identity, auth)
    username = request.query_params.get("username", "")
    return _simple_page(page, auth, template, title, username=username)


async def confirm_get(request: Request, identity: IdentityService) -> Response:
    return await _form_page(request, identity, "confirm.html", CONFIRM)


async def forgot_get(request: Request, identity: IdentityService) -> Response:
    return await _form_page(request, identity, "forgot_password.html", FORGOT)


async def confirm_forgot_get(request: Request, identity: IdentityService) -> Response:
    return await _form_page(request, identity, "confirm_forgot_password.html", RESET)


async def _posted(
    request: Request, identity: IdentityService
) -> tuple[AuthorizationRequest, PageContext, FormData] | Response:
    posted = await flow.checked_post(request, identity)
    if isinstance(posted, Response):
        return posted
    auth, form = posted
    return auth, await flow.page(request, identity, auth), form


async def confirm_post(request: Request, identity: IdentityService) -> Response:
    posted = await _posted(request, identity)
    if isinstance(posted, Response):
        return posted
    auth, page, form = posted
    username = text(form, "username").strip()
    answer = CodeAnswer(
        auth.client.id, username, text(form, "code").strip(),
        hosted_secret_hash(auth.client, username),
    )  # fmt: skip
    try:
        await run_in_threadpool(identity.confirmation.confirm_sign_up, answer)
    except AwsError as error:
        return _simple_page(page, auth, "confirm.html", CONFIRM, username=username,
                            error=error.message)  # fmt: skip
    signed_in = await continuation.sign_in_after_confirmation(request, identity, auth, username)
    return signed_in or redirect(page.url("login"))


async def resend_post(request: Request, identity: IdentityService) -> Response:
    posted = await _posted(request, identity)
    if isinstance(posted, Response):
        return posted
    auth, page, form = posted
    username = text(form, "username").strip()
    try:
        delivery = await run_in_threadpool(
            identity.confirmation.resend_confirmation_code, auth.client.id, username,
            hosted_secret_hash(auth.client, username),
        )  # fmt: skip
    except AwsError as error:
        return _simple_page(page, auth, "confirm.html", CONFIRM, username=username,
                            error=error.message)  # fmt: skip
    info = f"We sent a code to {delivery.destination}."
    return _simple_page(page, auth, "confirm.html", CONFIRM, username=username, info=info)


async def forgot_post(request: Request, identity: IdentityService) -> Response:
    posted = await _posted(request, identity)
    if isinstance(posted, Response):
        return posted
    auth, page, form = posted
    username = text(form, "username").strip()
    try:
        await run_in_threadpool(
            identity.recovery.forgot_password, auth.client.id, username,
            hosted_secret_hash(auth.client, username),
        )  # fmt: skip
    except AwsError as error:
        return _simple_page(page, auth, "forgot_password.html", FORGOT, username=username,
                            error=error.message)  # fmt: skip
    return redirect(page.url("confirmForgotPassword", {"username": username}))


async def confirm_forgot_post(request: Request, identity: IdentityService) -> Response:
    posted = await _posted(request, identity)
    if isinstance(posted, Response):
        return posted
    auth, page, form = posted
    username, password = text(form, "username").strip(), text(form, "password")
    error: str | None = None
    if password != text(form, "confirmPassword"):
        error = "Passwords do not match."
    else:
        change = NewPassword(
            auth.client.id, username, text(form, "code").strip(), password,
            hosted_secret_hash(auth.client, username),
        )  # fmt: skip
        try:
            await run_in_threadpool(identity.recovery.confirm_forgot_password, change)
            response = redirect(page.url("login"))
            continuation.set_notice(request, response, "password_changed")
            return response
        except AwsError as failure:
            error = failure.message
    return _simple_page(page, auth, "confirm_forgot_password.html", RESET, username=username,
                        error=error)  # fmt: skip
