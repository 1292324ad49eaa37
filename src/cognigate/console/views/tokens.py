"""The token inspector: paste a callback URL or a bare token; see its parts and verdict."""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from starlette.responses import Response

from cognigate.console.context import Handler, Page
from cognigate.identity.auth.inspect import Inspection


@dataclass(frozen=True, slots=True)
class Part:
    name: str
    value: str
    inspection: Inspection | None


def split_callback(text: str) -> list[tuple[str, str]]:
    """``https://cb#id_token=..&access_token=..`` → its parameters; a bare token → itself."""
    text = text.strip()
    if "://" not in text and "=" not in text:
        return [("token", text)] if text else []
    parts = urlsplit(text)
    raw = parts.fragment or parts.query or (text if "://" not in text else "")
    return parse_qsl(raw, keep_blank_values=True)


async def inspector(page: Page) -> Response:
    text = page.value("token_text") if page.request.method == "POST" else ""
    parts: list[Part] = []
    for name, value in split_callback(text):
        inspection = None
        if value.count(".") == 2:
            inspection = await page.call(page.console.identity.inspector.inspect, value)
        parts.append(Part(name, value, inspection))
    return page.render(
        "tokens.html",
        text=text,
        parts=parts,
        pretty=lambda value: json.dumps(value, indent=2, ensure_ascii=False),
    )


def routes() -> list[tuple[str, Handler, list[str]]]:
    return [("/tokens", inspector, ["GET", "POST"])]
