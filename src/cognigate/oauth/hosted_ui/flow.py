"""Steps every hosted page shares: checking the OAuth request, CSRF, and ending a sign-in
with the session cookie and the redirect to the client."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from cognigate.core.errors import AwsError
from cognigate.identity.auth.hosted import HostedOutcome
from cognigate.identity.model import User
from cognigate.identity.oauth_errors import RedirectMismatch
from cognigate.identity.oauth_grants import error_redirect
from cognigate.identity.oauth_requests import (
    AuthorizationRequest,
    LoginOptionUnavailable,
    RedirectableError,
)
from cognigate.identity.service import IdentityService
from cognigate.oauth.form_targets import form_targets
from cognigate.oauth.hosted_ui.pages import PageContext, error_page, redirect
from cognigate.oauth.http import CSRF_COOKIE, SESSION_COOKIE, prefix, set_cookie

CSRF_FAILED = "Your session has expired or the form was not sent from this page. Please try again."
UNAVAILABLE = "Login option is not available. Please try another one."


def mismatch_redirect(request: Request, client_id: str) -> Response:
    """AWS parity: an unusable redirect goes to ``/error?error=redirect_mismatch``."""
    query = urlencode({"error": "redirect_mismatch", "client_id": client_id})
    return redirect(f"{prefix(request)}/error?{query}")


async def checked(
    request: Request, identity: IdentityService, params: Mapping[str, str] | None = None
) -> AuthorizationRequest | Response:
    """The checked authorization request, or the response that refuses it."""
    domain = request.path_params["domain"]
    try:
        return await run_in_threadpool(
            identity.oauth.check, domain, params if params is not None else request.query_params
        )
    except RedirectMismatch as error:
        return mismatch_redirect(request, error.client_id)
    except LoginOptionUnavailable:
        return error_page(request, UNAVAILABLE)
    except RedirectableError as error:
        location = error_redirect(
            error.redirect_uri, error.error.error, error.error.description, error.state
        )
        return redirect(location)


async def page(
    request: Request, identity: IdentityService, auth: AuthorizationRequest
) -> PageContext:
    """The page context: the browser's CSRF token if still good, else a new one."""
    state = identity.oauth.state
    now = identity.oauth.now
    token = request.cookies.get(CSRF_COOKIE)
    if not state.csrf_valid(token, now=now) or token is None:
        token = state.new_csrf(now)
    custom = await run_in_threadpool(identity.ui.get, auth.pool.id, auth.client.id)
    targets = await run_in_threadpool(form_targets, identity, auth)
    return PageContext(
        request=request,
        csrf=token,
        has_logo=bool(custom and custom.image),
        has_css=bool(custom and custom.css),
        form_targets=targets,
    )


def csrf_ok(request: Request, identity: IdentityService, form: Mapping[str, object]) -> bool:
    value = form.get("_csrf")
    return identity.oauth.state.csrf_matches(
        request.cookies.get(CSRF_COOKIE),
        value if isinstance(value, str) else None,
        now=identity.oauth.now,
    )


def csrf_refused(request: Request) -> Response:
    return error_page(request, CSRF_FAILED, status=403)


async def checked_post(
    request: Request, identity: IdentityService
) -> tuple[AuthorizationRequest, FormData] | Response:
    """A form POST's checked authorization request and form, or the response refusing it
    (bad request parameters, or a missing/mismatched CSRF token)."""
    auth = await checked(request, identity)
    if isinstance(auth, Response):
        return auth
    form = await request.form()
    if not csrf_ok(request, identity, form):
        return csrf_refused(request)
    return auth, form


async def sso_user(
    request: Request, identity: IdentityService, auth: AuthorizationRequest
) -> tuple[User, float] | None:
    """The user of a live single sign-on session for this pool, with their sign-in time
    (``prompt=login`` asks for the credentials again)."""
    if request.query_params.get("prompt") == "login":
        return None
    session = identity.oauth.state.open_session(
        request.cookies.get(SESSION_COOKIE), pool_id=auth.pool.id, now=identity.oauth.now
    )
    if session is None:
        return None
    user = await run_in_threadpool(identity.oauth.session_user, auth.pool.id, session)
    return (user, session.auth_time) if user is not None else None


async def signed_in(
    request: Request,
    identity: IdentityService,
    auth: AuthorizationRequest,
    outcome: HostedOutcome,
) -> Response:
    """Issue the grant for a user who just signed in and start the SSO session."""
    if outcome.user is None:
        raise ValueError("signed_in needs a user")
    try:
        location = await run_in_threadpool(
            identity.oauth.grant, auth, outcome.user, outcome.auth_time
        )
    except AwsError as error:
        return error_page(request, error.message)
    response = redirect(location, form_target=auth.redirect_uri)
    cookie = identity.oauth.new_session(auth.pool.id, outcome.user, outcome.auth_time)
    set_cookie(request, response, SESSION_COOKIE, cookie)
    return response
