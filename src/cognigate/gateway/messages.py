"""The data plane's own request and response objects, free of any web framework."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class GatewayRequest:
    """One call to a deployed API; ``path`` is the resource path after the stage, still encoded."""

    method: str
    path: str
    headers: tuple[tuple[str, str], ...] = ()
    query: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    source_ip: str = "127.0.0.1"
    domain_name: str = "localhost"
    scheme: str = "https"
    port: int = 443

    def header(self, name: str) -> str | None:
        """The first value of header ``name`` (case-insensitive), or ``None``."""
        wanted = name.lower()
        for key, value in self.headers:
            if key.lower() == wanted:
                return value
        return None

    def single_headers(self) -> dict[str, str]:
        """Headers as one value per name (the last one wins, as API Gateway's maps do)."""
        return {k: v for k, v in self.headers}

    def multi_headers(self) -> dict[str, list[str]]:
        return _multi(self.headers)

    def single_query(self) -> dict[str, str]:
        return {k: v for k, v in self.query}

    def multi_query(self) -> dict[str, list[str]]:
        return _multi(self.query)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def _multi(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, value in pairs:
        found.setdefault(key, []).append(value)
    return found


@dataclass(slots=True)
class GatewayResponse:
    """What the caller gets; ``stream`` (when set) replaces ``body`` (HTTP_PROXY streaming)."""

    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    stream: AsyncIterator[bytes] | None = None

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        for key, value in self.headers:
            if key.lower() == wanted:
                return value
        return None

    def set_header(self, name: str, value: str) -> None:
        """Replace every ``name`` header with one ``value``."""
        wanted = name.lower()
        self.headers = [(k, v) for k, v in self.headers if k.lower() != wanted]
        self.headers.append((name, value))
