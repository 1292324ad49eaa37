"""Rendering hosted-UI pages: Jinja2 with autoescaping, the pool's CSS and logo, and the
security headers every page carries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from cognigate.identity.oauth_requests import oauth_query
from cognigate.oauth.http import CSRF_COOKIE, origin_of, page_headers, prefix, set_cookie

_ENV = Environment(
    loader=PackageLoader("cognigate.oauth.hosted_ui", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)

ERROR_TEXT = "An error was encountered with the requested page."


@dataclass(frozen=True, slots=True)
class PageContext:
    """What every page of one request knows: its paths, OAuth query and CSRF token."""

    request: Request
    csrf: str
    has_logo: bool = False
    has_css: bool = False
    #: origins the page's forms may redirect to (CSP ``form-action``, besides ``'self'``)
    form_targets: tuple[str, ...] = ()

    @property
    def prefix(self) -> str:
        return prefix(self.request)

    @property
    def query(self) -> str:
        return urlencode(oauth_query(self.request.query_params))

    def url(self, page: str, extra: Mapping[str, str] | None = None) -> str:
        """``<prefix>/<page>?<OAuth query>`` (plus ``extra`` parameters)."""
        query = urlencode({**oauth_query(self.request.query_params), **(extra or {})})
        return f"{self.prefix}/{page}" + (f"?{query}" if query else "")


def render(
    page: PageContext,
    template: str,
    *,
    status: int = 200,
    **values: object,
) -> Response:
    """An HTML page with the CSRF cookie refreshed and the strict headers."""
    client_id = page.request.query_params.get("client_id", "")
    assets = urlencode({"client_id": client_id})
    html = _ENV.get_template(template).render(
        page=page,
        css_url=f"{page.prefix}/static/hosted.css",
        custom_css_url=f"{page.prefix}/ui/custom.css?{assets}" if page.has_css else None,
        logo_url=f"{page.prefix}/ui/logo?{assets}" if page.has_logo else None,
        lang=(page.request.query_params.get("lang") or "en")[:8],
        **values,
    )
    response = HTMLResponse(html, status_code=status, headers=page_headers(page.form_targets))
    set_cookie(page.request, response, CSRF_COOKIE, page.csrf)
    return response


def notice_page(request: Request, template: str, title: str) -> Response:
    """A page that only informs (no form, so no CSRF cookie and no links back to a client)."""
    html = _ENV.get_template(template).render(
        css_url=f"{prefix(request)}/static/hosted.css", title=title, lang="en"
    )
    return HTMLResponse(html, headers=page_headers())


def error_page(request: Request, message: str | None = None, status: int = 400) -> Response:
    """The generic error page (no CSRF cookie, no links back to the client)."""
    html = _ENV.get_template("error.html").render(
        css_url=f"{prefix(request)}/static/hosted.css", message=message, title=ERROR_TEXT,
        lang="en",
    )  # fmt: skip
    return HTMLResponse(html, status_code=status, headers=page_headers())


def redirect(location: str, *, form_target: str | None = None) -> RedirectResponse:
    """A 302 with the page headers (the Location may carry tokens: never cache it)."""
    headers = page_headers((origin_of(form_target),) if form_target else ())
    return RedirectResponse(location, status_code=302, headers=headers)
