"""The routes of every pool domain, under ``/auth/{domain}`` (see :mod:`cognigate.oauth.host`
for the Host-header form)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route

from cognigate.identity.service import IdentityService
from cognigate.oauth import assets, authorize, federation, token
from cognigate.oauth.hosted_ui import account, confirm_user, login, totp_setup

View = Callable[[Request, IdentityService], Awaitable[Response]]
Endpoint = Callable[[Request], Awaitable[Response]]


def _bind(view: View, identity: IdentityService) -> Endpoint:
    async def endpoint(request: Request) -> Response:
        return await view(request, identity)

    return endpoint


def _table() -> list[tuple[str, View, list[str]]]:
    return [
        ("/oauth2/authorize", authorize.authorize, ["GET"]),
        ("/oauth2/token", token.token, ["POST"]),
        ("/oauth2/userInfo", token.user_info, ["GET", "POST"]),
        ("/oauth2/revoke", token.revoke, ["POST"]),
        ("/oauth2/idpresponse", federation.idp_response, ["GET"]),
        ("/login", login.login_get, ["GET"]),
        ("/login", login.login_post, ["POST"]),
        ("/forceChangePassword", login.new_password_post, ["POST"]),
        ("/mfa", login.mfa_post, ["POST"]),
        ("/mfa_setup", totp_setup.mfa_setup_post, ["POST"]),
        ("/logout", authorize.logout, ["GET"]),
        ("/signup", account.signup_get, ["GET"]),
        ("/signup", account.signup_post, ["POST"]),
        ("/confirm", account.confirm_get, ["GET"]),
        ("/confirm", account.confirm_post, ["POST"]),
        ("/confirmUser", confirm_user.confirm_user, ["GET"]),
        ("/resendcode", account.resend_post, ["POST"]),
        ("/forgotPassword", account.forgot_get, ["GET"]),
        ("/forgotPassword", account.forgot_post, ["POST"]),
        ("/confirmForgotPassword", account.confirm_forgot_get, ["GET"]),
        ("/confirmForgotPassword", account.confirm_forgot_post, ["POST"]),
        ("/ui/custom.css", assets.custom_css, ["GET"]),
        ("/ui/logo", assets.logo, ["GET"]),
    ]


def routes(identity: IdentityService) -> list[Mount]:
    """One mount per request path family; views get the identity service bound."""
    hosted: list[BaseRoute] = [
        Route(path, _bind(view, identity), methods=methods) for path, view, methods in _table()
    ]
    hosted += [
        Route("/error", authorize.error, methods=["GET"]),
        Route("/static/hosted.css", assets.hosted_css, methods=["GET"]),
    ]
    return [Mount("/auth/{domain}", routes=hosted)]
