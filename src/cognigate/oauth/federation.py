"""Federated sign-in views of a pool domain: the hop to a third-party IdP from
``/oauth2/authorize`` and the IdP's return to ``/oauth2/idpresponse``.

https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-oidc-flow.html
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

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
from cognigate.oauth.http import clear_cookie, set_cookie

#: the browser binding of a federated sign-in in progress (see ``federation_state``)
BINDING_COOKIE = "cognito-fed"
BINDING_SECONDS = 900


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
    return response
