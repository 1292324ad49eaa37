"""What the hosted UI carries from one page to the next in the browser: the sign-up that a
confirmation code finishes with a sign-in, and the notice the sign-in page shows once.

https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-hosted-ui-user-experience.html
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from cognigate.core.errors import AwsError
from cognigate.identity.auth.hosted import HostedOutcome
from cognigate.identity.oauth_requests import AuthorizationRequest
from cognigate.identity.oauth_sessions import HostedSession
from cognigate.identity.service import IdentityService
from cognigate.oauth.hosted_ui import flow
from cognigate.oauth.http import clear_cookie, set_cookie

#: a sealed (pool, sub) of a sign-up in this browser, waiting for its confirmation code
SIGNUP_COOKIE = "cognito-signup"
SIGNUP_SECONDS = 900
#: the key of a one-time notice for the sign-in page (never the text itself)
NOTICE_COOKIE = "cognito-notice"
NOTICES = {"password_changed": "Your password has been changed. Sign in with your new password."}


def remember_sign_up(
    request: Request, identity: IdentityService, response: Response, pool_id: str, sub: str
) -> None:
    """Let the confirmation of this sign-up, in this browser, sign the user in."""
    now = identity.oauth.now
    sealed = identity.oauth.state.seal_session(HostedSession(pool_id, sub, now, now))
    set_cookie(request, response, SIGNUP_COOKIE, sealed, max_age=SIGNUP_SECONDS)


async def sign_in_after_confirmation(
    request: Request, identity: IdentityService, auth: AuthorizationRequest, username: str
) -> Response | None:
    """The grant for a user who signed up in this browser and just confirmed, else ``None``.

    AWS parity: the classic hosted UI signs a user in once the sign-up is confirmed and
    returns to the app with the original request's code or tokens.
    """
    sign_up = identity.oauth.state.open_session(
        request.cookies.get(SIGNUP_COOKIE), pool_id=auth.pool.id, now=identity.oauth.now
    )
    if sign_up is None or identity.oauth.now - sign_up.issued >= SIGNUP_SECONDS:
        return None
    if auth.pool.config.mfa_configuration == "ON":
        return None  # the user still has to set up a second factor: through the sign-in page
    try:
        user = await run_in_threadpool(identity.users.admin_get_user, auth.pool.id, username)
    except AwsError:
        return None
    if user.sub != sign_up.sub or not user.enabled:
        return None
    # Deviation: no PreAuthentication/PostAuthentication trigger runs for this sign-in.
    outcome = HostedOutcome(user=user, auth_time=identity.oauth.now)
    response = await flow.signed_in(request, identity, auth, outcome)
    clear_cookie(request, response, SIGNUP_COOKIE)
    return response


def set_notice(request: Request, response: Response, key: str) -> None:
    set_cookie(request, response, NOTICE_COOKIE, key, max_age=300)


def take_notice(request: Request, response: Response) -> None:
    """Forget the notice once a page has shown it."""
    if NOTICE_COOKIE in request.cookies:
        clear_cookie(request, response, NOTICE_COOKIE)


def notice(request: Request) -> str | None:
    return NOTICES.get(request.cookies.get(NOTICE_COOKIE, ""))
