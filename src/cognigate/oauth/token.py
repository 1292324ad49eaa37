"""``/oauth2/token``, ``/oauth2/userInfo`` and ``/oauth2/revoke``: JSON endpoints.

https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from cognigate.core.errors import AwsError
from cognigate.identity.oauth_errors import InvalidClient, InvalidRequest, OAuthError
from cognigate.identity.oauth_tokens import ClientAuth
from cognigate.identity.service import IdentityService
from cognigate.oauth.http import NO_STORE, basic_credentials, bearer_token

_FORM = "application/x-www-form-urlencoded"
_JSON_ERROR = "application/json;charset=UTF-8"


def oauth_error(error: OAuthError, status: int | None = None) -> Response:
    """RFC 6749 §5.2 error body (``error`` and, when there is one, ``error_description``)."""
    body = {"error": error.error}
    if error.description and error.description != error.error:
        body["error_description"] = error.description
    return JSONResponse(
        body, status_code=status or error.status_code, headers=NO_STORE, media_type=_JSON_ERROR
    )


async def _form(request: Request) -> dict[str, str]:
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != _FORM:
        raise InvalidRequest("Content-Type must be application/x-www-form-urlencoded")
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


def _client_auth(request: Request, form: dict[str, str]) -> ClientAuth:
    try:
        basic = basic_credentials(request.headers)
    except ValueError as error:
        raise InvalidClient("invalid_client") from error
    return ClientAuth(basic, form.get("client_id"), form.get("client_secret"))


async def token(request: Request, identity: IdentityService) -> Response:
    domain = request.path_params["domain"]
    try:
        form = await _form(request)
        auth = _client_auth(request, form)
        body = await run_in_threadpool(identity.oauth.token, domain, form, auth)
    except OAuthError as error:
        return oauth_error(error)
    except AwsError as error:
        # e.g. a failing PreTokenGeneration trigger: the grant is refused, not a server error
        return oauth_error(InvalidRequest(error.message))
    return JSONResponse(body, headers=NO_STORE)


async def user_info(request: Request, identity: IdentityService) -> Response:
    domain = request.path_params["domain"]
    bearer = bearer_token(request.headers)
    try:
        if bearer is None:
            raise InvalidRequest("Bearer token is required")
        body = await run_in_threadpool(identity.oauth.user_info, domain, bearer)
    except OAuthError as error:
        challenge = f'error="{error.error}", error_description="{error.description or ""}"'
        headers = {**NO_STORE, "www-authenticate": challenge}
        return JSONResponse(
            {"error": error.error}, status_code=error.status_code, headers=headers,
            media_type=_JSON_ERROR,
        )  # fmt: skip
    return JSONResponse(body, headers=NO_STORE, media_type=_JSON_ERROR)


async def revoke(request: Request, identity: IdentityService) -> Response:
    domain = request.path_params["domain"]
    try:
        form = await _form(request)
        auth = _client_auth(request, form)
        await run_in_threadpool(identity.oauth.revoke, domain, form.get("token"), auth)
    except InvalidClient as error:
        return oauth_error(error, status=401)
    except OAuthError as error:
        return oauth_error(error)
    return Response(b"", status_code=200, headers=NO_STORE)
