"""What the console pages work with: the domain services and a little request plumbing."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.templating import Jinja2Templates

from cognigate.console.security import (
    COOKIE,
    ConsoleSession,
    SessionSigner,
    SignInThrottle,
    needs_password,
)
from cognigate.core.clock import Clock
from cognigate.core.errors import AwsError
from cognigate.identity.service import IdentityService

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def when(epoch: object) -> str:
    """Seconds since the epoch as a readable UTC date (``2026-11-26 13:41:53 UTC``)."""
    if isinstance(epoch, bool) or not isinstance(epoch, int | float):
        return ""
    try:
        moment = datetime.fromtimestamp(epoch, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return ""
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


TEMPLATES.env.filters["when"] = when

HEADERS = {
    "content-security-policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "form-action 'self' http: https:; frame-ancestors 'none'; base-uri 'none'"
    ),
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
}


class TestInvoker(Protocol):
    """Runs TestInvokeMethod / TestInvokeAuthorizer (filled in by the composition root)."""

    def test_invoke_method(self, api_id: str, params: Mapping[str, Any]) -> Mapping[str, Any]: ...

    def test_invoke_authorizer(
        self, api_id: str, authorizer_id: str, params: Mapping[str, Any]
    ) -> Mapping[str, Any]: ...


#: ``(service, operation, wire-format params)`` -> the error AWS's front end answers for those
#: params as the console shows errors (``"InvalidParameterException: 1 validation error
#: detected: ..."``), or ``None`` when they pass; the composition root builds it from the spec.
InputCheck = Callable[[str, str, Mapping[str, Any]], str | None]


class FunctionCatalog(Protocol):
    """The local "Lambda" functions (``--functions DIR``), offered as trigger choices."""

    def names(self) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class Console:
    """Everything the console needs; built once by the app."""

    identity: IdentityService
    clock: Clock
    signer: SessionSigner
    base_url: str
    bind_host: str
    admin_password: str | None
    apigw: Any = None
    test_invoker: TestInvoker | None = None
    functions: FunctionCatalog | None = None
    input_check: InputCheck | None = None
    region: str = "us-east-1"
    account_id: str = "000000000000"
    extras: dict[str, Any] = field(default_factory=dict)
    #: wrong admin passwords per client address (bounded; see :class:`SignInThrottle`)
    throttle: SignInThrottle = field(default_factory=SignInThrottle)


@dataclass(slots=True)
class Page:
    """One request being answered: render templates, redirect, call the domain."""

    console: Console
    request: Request
    session: ConsoleSession
    form: Mapping[str, str] = field(default_factory=dict)
    form_lists: Mapping[str, list[str]] = field(default_factory=dict)

    def render(self, template: str, status: int = 200, **values: Any) -> Response:
        notice, notice_name = self.session.flash or (None, "")
        self.session = replace(self.session, flash=None)
        context = {
            "request": self.request,
            "csrf": self.session.csrf,
            "base_url": self.console.base_url,
            "notice": notice,
            "notice_name": notice_name,
            "signed_in": needs_password(self.console.bind_host) and self.session.signed_in,
            **values,
        }
        response = TEMPLATES.TemplateResponse(self.request, template, context, status_code=status)
        return self.finish(response)

    def redirect(self, path: str, **query: str) -> Response:
        """303 to ``path``; ``notice`` (a key of the banner messages) and ``name`` travel in
        the signed session, the rest in the query string."""
        notice = query.pop("notice", None)
        if notice is not None:
            # a cookie holds ~4 kB: a very long error message is cut rather than lost
            self.session = replace(self.session, flash=(notice, query.pop("name", "")[:1500]))
        query.pop("name", None)
        target = path + (("?" + urlencode(query)) if query else "")
        return self.finish(RedirectResponse(target, status_code=303))

    def finish(self, response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers[name] = value
        secure = self.request.url.scheme == "https"
        response.set_cookie(
            COOKIE,
            self.console.signer.dump(self.session),
            httponly=True,
            samesite="lax",
            secure=secure,
            path="/console",
        )
        return response

    async def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run a (synchronous) domain operation off the event loop."""
        return await run_in_threadpool(fn, *args, **kwargs)

    def invalid(self, service: str, operation: str, params: Mapping[str, Any]) -> str | None:
        """AWS's validation error for ``params`` of ``operation``, as the wire would refuse them
        before the domain is called; ``None`` when they pass (or no check is wired)."""
        check = self.console.input_check
        return check(service, operation, params) if check is not None else None

    def value(self, name: str, default: str = "") -> str:
        return self.form.get(name, default).strip()

    def checked(self, name: str) -> bool:
        return name in self.form

    def values(self, name: str) -> list[str]:
        return [v for v in self.form_lists.get(name, []) if v]


Handler = Callable[[Page], Awaitable[Response]]


def error_text(error: AwsError) -> str:
    return f"{error.code}: {error.message}" if error.message else error.code


def html_error(message: str, status: int) -> Response:
    text = html.escape(message)
    return HTMLResponse(f"<!doctype html><title>Error</title><p>{text}</p>", status_code=status)
