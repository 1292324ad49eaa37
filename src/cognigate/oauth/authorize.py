"""``/oauth2/authorize``, ``/logout`` and ``/error`` of a pool domain.

https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
https://docs.aws.amazon.com/cognito/latest/developerguide/logout-endpoint.html
"""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from cognigate.identity.auth.hosted import HostedOutcome
from cognigate.identity.oauth_errors import RedirectMismatch
from cognigate.identity.oauth_grants import error_redirect
from cognigate.identity.oauth_requests import RedirectableError, oauth_query
from cognigate.identity.service import IdentityService
from cognigate.oauth import federation
from cognigate.oauth.hosted_ui import flow
from cognigate.oauth.hosted_ui.pages import error_page, redirect
from cognigate.oauth.http import SESSION_COOKIE, clear_cookie, prefix

_MESSAGES = {
    "redirect_mismatch": "The redirect URI or client is not registered for this domain.",
}


async def authorize(request: Request, identity: IdentityService) -> Response:
    """Grant at once within an SSO session; otherwise on to the chosen third-party IdP, or to
    ``/login`` with the same query."""
    auth = await flow.checked(request, identity)
    if isinstance(auth, Response):
        return auth
    existing = await flow.sso_user(request, identity, auth)
    if existing is not None:
        user, auth_time = existing
        outcome = HostedOutcome(user=user, auth_time=auth_time)
        return await flow.signed_in(request, identity, auth, outcome)
    if auth.identity_provider is not None:
        return await federation.to_provider(request, identity, auth)
    query = urlencode(oauth_query(request.query_params))
    return redirect(f"{prefix(request)}/login?{query}")


async def logout(request: Request, identity: IdentityService) -> Response:
    """End the SSO session: to a registered ``logout_uri``, or back to sign-in."""
    domain = request.path_params["domain"]
    try:
        target = await run_in_threadpool(identity.oauth.logout, domain, request.query_params)
    except RedirectMismatch as error:
        return flow.mismatch_redirect(request, error.client_id)
    except RedirectableError as error:
        failure = error.error
        return redirect(
            error_redirect(error.redirect_uri, failure.error, failure.description, error.state)
        )
    if target.logout_uri is not None:
        response = redirect(target.logout_uri)
    else:
        query = urlencode(oauth_query(request.query_params))
        response = redirect(f"{prefix(request)}/login?{query}")
    clear_cookie(request, response, SESSION_COOKIE)
    return response


async def error(request: Request) -> Response:
    """The generic error page; ``error`` picks a hint, nothing is echoed unescaped."""
    code = request.query_params.get("error", "")
    return error_page(request, _MESSAGES.get(code), status=400)
