"""``$util``: escaping, JSON parsing, URL and base64 coding for mapping templates."""

from __future__ import annotations

import base64
import json
from urllib.parse import quote, unquote_plus

_ESCAPES = {
    "'": "\\'",
    '"': '\\"',
    "\\": "\\\\",
    "/": "\\/",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
}


def escape_javascript(text: str) -> str:
    """Java's ``StringEscapeUtils.escapeEcmaScript``: quotes, slashes, controls, non-ASCII."""
    out: list[str] = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 32 or ord(char) > 126:
            out.append(_unicode_escape(char))
        else:
            out.append(char)
    return "".join(out)


def _unicode_escape(char: str) -> str:
    encoded = char.encode("utf-16-be")
    units = [encoded[i : i + 2] for i in range(0, len(encoded), 2)]
    return "".join(f"\\u{unit.hex().upper()}" for unit in units)


class UtilVariable:
    """The ``$util`` object."""

    def escapeJavaScript(self, text: object) -> str:
        return escape_javascript("" if text is None else str(text))

    def parseJson(self, text: object) -> object:
        return json.loads(str(text))

    def urlEncode(self, text: object) -> str:
        return quote(str(text), safe="*-._").replace("%20", "+")

    def urlDecode(self, text: object) -> str:
        return unquote_plus(str(text))

    def base64Encode(self, text: object) -> str:
        return base64.b64encode(str(text).encode()).decode()

    def base64Decode(self, text: object) -> str:
        return base64.b64decode(str(text)).decode("utf-8", "replace")
