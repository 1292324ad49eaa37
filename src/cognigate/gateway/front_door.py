"""What API Gateway's front end does to a request's headers before the API sees them.

Hop-by-hop headers are dropped; ``X-Forwarded-For``/``-Port``/``-Proto`` and an X-Ray
``X-Amzn-Trace-Id`` are added (as the Lambda proxy event recorded against AWS shows).
https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
"""

from __future__ import annotations

import dataclasses
import secrets

from cognigate.gateway.messages import GatewayRequest

TRACE_HEADER = "X-Amzn-Trace-Id"
#: RFC 9110 §7.6.1 connection-specific fields, and the framing API Gateway recomputes
DROPPED = frozenset(
    {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding",
     "upgrade", "content-length"}
)  # fmt: skip
#: the forwarding headers the front end sets itself (a client's own values are replaced)
FORWARDED = frozenset({"x-forwarded-for", "x-forwarded-port", "x-forwarded-proto"})
_REPLACED = DROPPED | FORWARDED


def new_trace_id(started: float) -> str:
    """``Root=1-<epoch seconds, 8 hex>-<96 random bits>``, the X-Ray trace id format."""
    return f"Root=1-{int(started):08x}-{secrets.token_hex(12)}"


def arriving(request: GatewayRequest, started: float) -> GatewayRequest:
    """``request`` as the API sees it: hop-by-hop headers gone, forwarding headers added."""
    headers = [(k, v) for k, v in request.headers if k.lower() not in _REPLACED]
    headers += [
        ("X-Forwarded-For", _forwarded_for(request.header("X-Forwarded-For"), request.source_ip)),
        ("X-Forwarded-Port", str(request.port)),
        ("X-Forwarded-Proto", request.scheme),
    ]
    if request.header(TRACE_HEADER) is None:
        headers.append((TRACE_HEADER, new_trace_id(started)))
    return dataclasses.replace(request, headers=tuple(headers))


def _forwarded_for(sent: str | None, client: str) -> str:
    """The client's chain with the client address appended (unless a trusted proxy in front
    already made the chain's address the client address)."""
    if not sent:
        return client
    chain = [hop.strip() for hop in sent.split(",")]
    return sent if client in chain else f"{sent}, {client}"
