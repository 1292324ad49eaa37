"""Serving a pool domain by Host header: ``Host: <domain>.auth.localhost`` (any port) and
AWS's ``<domain>.auth.<region>.amazoncognito.com`` map onto ``/auth/<domain>/...``."""

from __future__ import annotations

import re

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from cognigate.oauth.http import HOST_FORM_KEY

_HOSTED = re.compile(
    r"^(?P<domain>[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)\.auth\."
    r"(?:localhost|[a-z0-9-]+\.amazoncognito\.com)$"
)


def domain_of_host(host: str) -> str | None:
    """The domain prefix a Host header names, or ``None``."""
    name = host.strip().lower()
    if name.startswith("["):
        return None
    name = name.rsplit(":", 1)[0] if ":" in name else name
    match = _HOSTED.match(name.rstrip("."))
    return match.group("domain") if match else None


class HostedDomainMiddleware:
    """Rewrites requests for a hosted-UI host name to the path form of the same domain."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            domain = domain_of_host(Headers(scope=scope).get("host", ""))
            if domain is not None:
                path = f"/auth/{domain}{scope['path']}"
                scope = {**scope, "path": path, "raw_path": path.encode(), HOST_FORM_KEY: True}
        await self.app(scope, receive, send)
