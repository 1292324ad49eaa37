"""Header names as the client spelled them, which ASGI servers otherwise lower-case.

API Gateway hands an API every header name in the client's own casing (``tEsT-HEADeR`` in the
Lambda proxy event), so uvicorn's HTTP protocol is extended to record the names it lower-cases.
https://asgi.readthedocs.io/en/latest/specs/www.html#http-connection-scope
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.types import Scope
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

#: ``scope["extensions"]`` key: the header names as received, in ``scope["headers"]`` order
SPELLINGS = "cognigate.header_spellings"


class SpellingHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, also keeping each request's header names as sent."""

    _spellings: list[bytes]

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._spellings = []
        extensions: dict[str, object] = dict(self.scope.get("extensions") or {})
        extensions[SPELLINGS] = self._spellings
        # the ASGI scope TypedDict types extension values as dicts; ours is a list
        self.scope["extensions"] = extensions  # type: ignore[typeddict-item]

    def on_header(self, name: bytes, value: bytes) -> None:
        self._spellings.append(name)
        super().on_header(name, value)


def spelled_headers(scope: Scope) -> list[tuple[str, str]]:
    """``scope``'s headers, named as the client spelled them when the server recorded that."""
    headers: Sequence[tuple[bytes, bytes]] = scope.get("headers") or ()
    spellings = (scope.get("extensions") or {}).get(SPELLINGS)
    names = [name for name, _ in headers]
    if isinstance(spellings, list) and [s.lower() for s in spellings] == names:
        names = spellings
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, (_, value) in zip(names, headers, strict=True)
    ]
