"""The console's routes under ``/console``, each behind the access and CSRF guard."""

from __future__ import annotations

import base64
import binascii
import hmac
import math
from collections.abc import Callable
from dataclasses import replace

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route, Router
from starlette.staticfiles import StaticFiles

from cognigate.console.context import HEADERS, TEMPLATES, Console, Handler, Page, html_error
from cognigate.console.security import (
    COOKIE,
    access_mode,
    console_path,
    needs_password,
    new_session,
    password_matches,
)
from cognigate.console.views import (
    api_methods,
    api_stages,
    apis,
    authorizers,
    home,
    integration_edit,
    pools,
    stages,
    tokens,
    users,
)

_STATIC = __file__.rsplit("/", 1)[0] + "/static"


async def _read_form(request: Request) -> tuple[dict[str, str], dict[str, list[str]]]:
    data = await request.form()
    single = {k: v for k, v in data.items() if isinstance(v, str)}
    multi: dict[str, list[str]] = {}
    for key, value in data.multi_items():
        if isinstance(value, str):
            multi.setdefault(key, []).append(value)
    return single, multi


def guard(console: Console, handler: Handler) -> Callable[[Request], object]:
    """Session, sign-in requirement (off loopback) and CSRF check around a page handler."""
    locked = needs_password(console.bind_host)
    mode = access_mode(console.bind_host, console.admin_password)

    async def endpoint(request: Request) -> Response:
        now = console.clock.now()
        session = console.signer.load(request.cookies.get(COOKIE), now)
        if session is None or session.mode != mode:
            session = new_session(now, signed_in=not locked, mode=mode)
        if locked and console.admin_password is None:
            return html_error(
                "The console is disabled on a non-loopback address until an admin password is "
                "set (--admin-password or COGNIGATE_ADMIN_PASSWORD).",
                403,
            )
        page = Page(console, request, session)
        if request.method == "POST":
            page.form, page.form_lists = await _read_form(request)
            if not hmac.compare_digest(page.form.get("csrf", ""), session.csrf):
                return page.finish(html_error("Invalid or missing CSRF token.", 403))
        if locked and not session.signed_in and request.url.path not in _OPEN:
            if request.method == "GET":
                wanted = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                page.session = replace(page.session, after_sign_in=console_path(wanted) or "")
            return page.redirect("/console/signin")
        return await handler(page)

    return endpoint


def admin_allowed(console: Console, request: Request) -> bool:
    """Whether ``request`` may read admin-only data served outside the console pages (the
    outbox of codes): always on loopback; elsewhere only with HTTP Basic credentials carrying
    the admin password (any user name). The console's own outbox page (``/console/outbox``)
    is behind the console sign-in instead; its session cookie is scoped to ``/console``."""
    if not needs_password(console.bind_host):
        return True
    if console.admin_password is None:
        return False
    scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        _, _, password = base64.b64decode(encoded, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return False
    return password_matches(console.admin_password, password)


#: pages served without sign-in
_OPEN = frozenset({"/console/signin", "/console/signout"})


def _too_many(page: Page, wait: float) -> Response:
    seconds = math.ceil(wait)
    response = page.render(
        "signin.html",
        status=429,
        error=f"Too many failed sign-in attempts. Try again in {seconds} seconds.",
    )
    response.headers["retry-after"] = str(seconds)
    return response


def sign_in_handlers(console: Console) -> tuple[Handler, Handler, Handler]:
    """Sign-in (throttled per client address, see :class:`SignInThrottle`) and sign-out."""

    async def show(page: Page) -> Response:
        return page.render("signin.html", error=None)

    async def submit(page: Page) -> Response:
        address = page.request.client.host if page.request.client else ""
        now = console.clock.now()
        wait = console.throttle.wait(address, now)
        if wait > 0:
            return _too_many(page, wait)
        if not password_matches(console.admin_password, page.value("password")):
            locked_for = console.throttle.failed(address, now)
            if locked_for > 0:
                return _too_many(page, locked_for)
            return page.render("signin.html", status=401, error="Incorrect password.")
        console.throttle.succeeded(address)
        after = console_path(page.session.after_sign_in) or "/console/"
        mode = access_mode(console.bind_host, console.admin_password)
        page.session = new_session(now, signed_in=True, mode=mode)
        return page.redirect(after)

    async def sign_out(page: Page) -> Response:
        mode = access_mode(console.bind_host, console.admin_password)
        locked = needs_password(console.bind_host)
        page.session = new_session(console.clock.now(), signed_in=not locked, mode=mode)
        return page.redirect("/console/signin" if locked else "/console/")

    return show, submit, sign_out


def console_router(console: Console) -> Router:
    """The ``/console`` application."""
    show, submit, sign_out = sign_in_handlers(console)
    table: list[tuple[str, Handler, list[str]]] = [
        ("/signin", show, ["GET"]),
        ("/signin", submit, ["POST"]),
        ("/signout", sign_out, ["POST"]),
        *home.routes(),
        *pools.routes(),
        *users.routes(),
        *tokens.routes(),
        *apis.routes(),
        *api_methods.routes(),
        *integration_edit.routes(),
        *api_stages.routes(),
        *authorizers.routes(),
        *stages.routes(),
    ]
    routes: list[Route | Mount] = [
        Route(path, guard(console, handler), methods=methods) for path, handler, methods in table
    ]
    routes.append(Mount("/static", StaticFiles(directory=_STATIC), name="static"))
    return Router(routes=routes)


def redirect_to_console() -> Response:
    response = RedirectResponse("/console/", status_code=302)
    for name, value in HEADERS.items():
        response.headers[name] = value
    return response


__all__ = ["TEMPLATES", "console_router", "redirect_to_console"]
