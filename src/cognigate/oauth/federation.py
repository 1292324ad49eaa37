"""Federated sign-in views of a pool domain: the hop to a third-party IdP from
``/oauth2/authorize`` and the IdP's return to ``/oauth2/idpresponse``.

https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-oidc-flow.html
"""

from __future__ import annotations

import html

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from cognigate.core.errors import AwsError
from cognigate.identity.auth.hosted import HostedOutcome
from cognigate.identity.federation import FederationRefused
from cognigate.identity.oauth_errors import RedirectMismatch
from cognigate.identity.oauth_grants import error_redirect
from cognigate.identity.oauth_requests import (
    AuthorizationRequest,
    LoginOptionUnavailable,
    RedirectableError,
    oauth_query,
)
from cognigate.identity.service import IdentityService
from cognigate.oauth.hosted_ui import flow
from cognigate.oauth.hosted_ui.pages import error_page, redirect
from cognigate.oauth.http import clear_cookie, page_headers, set_cookie

#: the browser binding of a federated sign-in in progress (see ``federation_state``)
BINDING_COOKIE = "cognito-fed"
BINDING_SECONDS = 900
_CONTINUE = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
    '<meta http-equiv="refresh" content="0;url={url}"><title>Signing in</title></head>'
    '<body><p><a href="{url}">Continue</a></p></body></html>'
)


def _continue_in_browser(request: Request, response: Response) -> Response:
    """A browser gets a page that moves on, instead of the redirect itself."""
    # Deviation: AWS answers with the 302. Here the provider may be one of our own pools,
    # whose sign-in form has a strict CSP ``form-action`` (its own origin and ours): a 302
    # onward to the app would continue that form's redirect chain and the browser blocks it.
    # A page ends the chain; clients that are not browsers still get the 302.
    location = response.headers.get("location")
    if request.headers.get("sec-fetch-mode") != "navigate" or location is None:
        return response
    page = HTMLResponse(_CONTINUE.format(url=html.escape(location, quote=True)),
                        headers=page_headers())  # fmt: skip
    for name, value in response.raw_headers:
        if name == b"set-cookie":
            page.raw_headers.append((name, value))
    return page


async def to_provider(
    request: Request, identity: IdentityService, auth: AuthorizationRequest
) -> Response:
    """302 to the provider's authorize URL, with the browser binding set."""
    domain = request.path_params["domain"]
    try:
        start = await run_in_threadpool(
            identity.federation.start, domain, auth, oauth_query(request.query_params)
        )
    except FederationRefused as refused:
        return error_page(request, str(refused))
    response = redirect(start.location)
    set_cookie(request, response, BINDING_COOKIE, start.binding, max_age=BINDING_SECONDS)
    return response


async def idp_response(request: Request, identity: IdentityService) -> Response:
    """``/oauth2/idpresponse``: finish the sign-in and answer the original request."""
    domain = request.path_params["domain"]
    binding = request.cookies.get(BINDING_COOKIE)
    try:
        result = await run_in_threadpool(
            identity.federation.finish, domain, request.query_params, binding
        )
    except FederationRefused as refused:
        return error_page(request, str(refused))
    except LoginOptionUnavailable:
        return error_page(request, flow.UNAVAILABLE)
    except RedirectMismatch as mismatch:
        return flow.mismatch_redirect(request, mismatch.client_id)
    except RedirectableError as failure:
        location = error_redirect(failure.redirect_uri, failure.error.error,
                                  failure.error.description, failure.state)  # fmt: skip
        return redirect(location)
    except AwsError as error:
        return error_page(request, error.message)
    response: Response
    if result.error_location is not None or result.user is None:
        response = redirect(result.error_location or result.request.redirect_uri)
    else:
        outcome = HostedOutcome(user=result.user, auth_time=result.auth_time)
        response = await flow.signed_in(request, identity, result.request, outcome)
    clear_cookie(request, response, BINDING_COOKIE)
    return _continue_in_browser(request, response)
