"""MFA_SETUP in the hosted UI: associate a TOTP secret (shown as a QR code rendered on the
server, no JavaScript), verify the first code, then finish the sign-in.

https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

import segno
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from cognigate.core.errors import AwsError
from cognigate.identity.mfa import Credential
from cognigate.identity.oauth_requests import AuthorizationRequest
from cognigate.identity.service import IdentityService
from cognigate.oauth.hosted_ui import flow
from cognigate.oauth.hosted_ui.pages import PageContext, error_page, render

TITLE = "Set up your authenticator app"
SETUP = "MFA_SETUP"


def otpauth_uri(issuer: str, username: str, secret: str) -> str:
    """The ``otpauth://totp/...`` URI authenticator apps read from the QR code."""
    label = quote(f"{issuer}:{username}", safe=":@")
    return f"otpauth://totp/{label}?{urlencode({'secret': secret, 'issuer': issuer})}"


def qr_data_uri(uri: str) -> str:
    """An SVG QR code as a ``data:`` URI (allowed by the page's CSP ``img-src``)."""
    return str(segno.make(uri, error="m").svg_data_uri(scale=4, border=2))


def setup_page(page: PageContext, auth: AuthorizationRequest, *, username: str, secret: str,
               session: str, error: str | None = None) -> Response:  # fmt: skip
    qr = qr_data_uri(otpauth_uri(auth.pool.name, username, secret))
    return render(
        page, "mfa_setup.html", title=TITLE, qr=qr, secret=secret, session=session,
        username=username,
        error=error, status=400 if error else 200,
    )  # fmt: skip


async def begin(page: PageContext, identity: IdentityService, auth: AuthorizationRequest,
                session: str, username: str) -> Response:  # fmt: skip
    """Associate a new secret for the MFA_SETUP session and show it."""
    try:
        secret, next_session = await run_in_threadpool(
            identity.mfa.associate_software_token, Credential(session=session)
        )
    except AwsError as error:
        return error_page(page.request, error.message)
    return setup_page(page, auth, username=username, secret=secret, session=next_session or session)


async def mfa_setup_post(request: Request, identity: IdentityService) -> Response:
    from cognigate.oauth.hosted_ui.login import next_step, text

    posted = await flow.checked_post(request, identity)
    if isinstance(posted, Response):
        return posted
    auth, form = posted
    session, secret = text(form, "session"), text(form, "secret")
    username = text(form, "username")
    try:
        _status, verified = await run_in_threadpool(
            identity.mfa.verify_software_token, Credential(session=session),
            text(form, "code").strip(), text(form, "deviceName").strip() or None,
        )  # fmt: skip
        outcome = await run_in_threadpool(
            identity.hosted.respond, auth.pool.id, auth.client.id, SETUP, verified or session, {}
        )
    except AwsError as error:
        page = await flow.page(request, identity, auth)
        return setup_page(page, auth, username=username, secret=secret, session=session,
                          error=error.message)  # fmt: skip
    return await next_step(request, identity, auth, outcome)
