"""The token inspector: paste a callback URL, an ``Authorization`` header value or a bare
token; see each token's parts, verdict and times, or what could not be read."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlsplit

from starlette.responses import Response

from cognigate.console.context import Handler, Page
from cognigate.identity.auth.inspect import Inspection

#: the JWT claims that are times (seconds since the epoch), shown also as dates
TIME_CLAIMS = ("exp", "iat", "auth_time", "nbf")
_JWT = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")


@dataclass(frozen=True, slots=True)
class Part:
    name: str
    value: str
    inspection: Inspection | None


def _bare(text: str) -> str:
    """A token as pasted from a header (``Bearer x``, ``Authorization: Bearer x``) or quotes."""
    text = text.strip().strip("\"'")
    if text.lower().startswith("authorization:"):
        text = text.split(":", 1)[1].strip()
    if text.lower().startswith("bearer "):
        text = text[7:].strip()
    return text


def split_callback(text: str) -> list[tuple[str, str]]:
    """``https://cb#id_token=..&access_token=..`` (also URL-encoded) → its parameters; a bare
    token → itself."""
    text = text.strip()
    if "%" in text and "=" not in text.split("#", 1)[0].split("?", 1)[-1]:
        # a URL-encoded callback (``https%3A%2F%2F...%23id_token%3D...``) or fragment
        text = unquote(text)
    if "://" not in text and "=" not in text:
        return [("token", _bare(text))] if text else []
    parts = urlsplit(text)
    raw = parts.fragment or parts.query or (text if "://" not in text else "")
    raw = raw if "=" in raw else unquote(raw)
    return parse_qsl(raw, keep_blank_values=True)


def _problem(text: str, parts: list[Part]) -> str | None:
    """What to tell the person when nothing in ``text`` could be read as a token."""
    if not text or any(p.inspection for p in parts):
        return None
    if parts and all(p.name != "token" for p in parts):
        return (
            "No token found: the URL has no id_token or access_token parameter (paste the "
            "address the hosted UI redirected to, fragment included)."
        )
    return (
        "This is not a JSON Web Token: expected three base64url parts separated by dots "
        "(header.payload.signature)."
    )


async def inspector(page: Page) -> Response:
    text = page.value("token_text") if page.request.method == "POST" else ""
    parts: list[Part] = []
    for name, value in split_callback(text):
        token = _bare(value)
        inspection = None
        if _JWT.match(token):
            inspection = await page.call(page.console.identity.inspector.inspect, token)
        parts.append(Part(name, token, inspection))
    return page.render(
        "tokens.html",
        text=text,
        parts=parts,
        problem=_problem(text, parts),
        time_claims=TIME_CLAIMS,
        pretty=lambda value: json.dumps(value, indent=2, ensure_ascii=False),
    )


def routes() -> list[tuple[str, Handler, list[str]]]:
    return [("/tokens", inspector, ["GET", "POST"])]
