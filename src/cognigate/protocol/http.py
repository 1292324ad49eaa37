"""Plain, framework-free request/response objects the protocol layer works on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: A wire dict: the JSON members of an AWS request or response. ``Any`` stays inside protocol
#: and providers (the wire edge).
Wire = dict[str, Any]


@dataclass(frozen=True, slots=True)
class HttpRequest:
    """What the protocol layer needs of an HTTP request; header names are lower-case."""

    method: str
    path: str
    headers: Mapping[str, str]
    body: bytes
    query: tuple[tuple[str, str], ...] = ()
    client_ip: str = ""


@dataclass(slots=True)
class HttpResponse:
    """A finished response: status, headers (in order) and body."""

    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CallContext:
    """Facts about one AWS API call that handlers may need (region, request id, caller)."""

    request_id: str
    region: str
    operation: str
    client_ip: str = ""
    user_agent: str = ""
