"""HTTP conventions of the hosted UI and OAuth endpoints: security headers, cookies, the
domain's base path, and client credentials from the Authorization header.

https://docs.aws.amazon.com/cognito/latest/developerguide/login-endpoint.html
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from urllib.parse import unquote, urlsplit

from starlette.requests import Request
from starlette.responses import Response

SESSION_COOKIE = "cognito"
CSRF_COOKIE = "XSRF-TOKEN"
COOKIE_SECONDS = 3600
#: set by the Host-header middleware: the request came as ``Host: <domain>.auth.localhost``
HOST_FORM_KEY = "cognigate.hosted_by_host"

NO_STORE = {"cache-control": "no-store", "pragma": "no-cache"}


def page_headers(form_targets: tuple[str, ...] = ()) -> dict[str, str]:
    """Headers of every hosted page: strict CSP, no framing, no referrer leaks, no caching.

    ``form_targets`` are origins a form post may end up at (the redirect URI after sign-in:
    CSP ``form-action`` also governs the redirect that follows a form submission).
    """
    actions = " ".join(("'self'", *form_targets))
    csp = (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; "
        f"form-action {actions}; frame-ancestors 'none'; base-uri 'none'"
    )
    return {
        "content-security-policy": csp,
        "x-frame-options": "DENY",
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
        **NO_STORE,
    }


def origin_of(uri: str) -> str:
    """``scheme://host[:port]`` of a URL (``scheme:`` for custom schemes), for CSP."""
    parts = urlsplit(uri)
    if parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return f"{parts.scheme}:"


def prefix(request: Request) -> str:
    """The path under which this domain's pages live: ``/auth/<domain>`` or ``""``."""
    if request.scope.get(HOST_FORM_KEY):
        return ""
    return f"/auth/{request.path_params['domain']}"


def is_secure(request: Request) -> bool:
    forwarded = request.headers.get("x-forwarded-proto", "")
    return request.url.scheme == "https" or forwarded.split(",")[0].strip() == "https"


def set_cookie(
    request: Request, response: Response, name: str, value: str, max_age: int = COOKIE_SECONDS
) -> None:
    """HttpOnly, SameSite=Lax, Secure over https, scoped to this domain's path."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=prefix(request) or "/",
        httponly=True,
        samesite="lax",
        secure=is_secure(request),
    )


def clear_cookie(request: Request, response: Response, name: str) -> None:
    response.delete_cookie(
        name, path=prefix(request) or "/", httponly=True, samesite="lax",
        secure=is_secure(request),
    )  # fmt: skip


def basic_credentials(headers: Mapping[str, str]) -> tuple[str, str] | None:
    """``(client_id, client_secret)`` from ``Authorization: Basic``, or ``None``.

    :raises ValueError: a Basic header that does not decode.
    """
    value = headers.get("authorization", "")
    scheme, _, encoded = value.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError) as error:
        raise ValueError("malformed Basic credentials") from error
    client_id, sep, secret = decoded.partition(":")
    if not sep:
        raise ValueError("malformed Basic credentials")
    # RFC 6749 §2.3.1: both parts are form-urlencoded before base64
    return unquote(client_id.replace("+", " ")), unquote(secret.replace("+", " "))


def bearer_token(headers: Mapping[str, str]) -> str | None:
    scheme, _, token = headers.get("authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None
