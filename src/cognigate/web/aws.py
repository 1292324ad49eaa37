"""The AWS API endpoint: hands ``POST /`` JSON 1.1 calls to the protocol layer."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from cognigate.protocol.http import HttpRequest, HttpResponse
from cognigate.protocol.json11 import MAX_BODY_BYTES
from cognigate.protocol.strict import Endpoint

#: CORS for browser SDKs (amazon-cognito-identity-js, Amplify)
CORS_HEADERS = [
    ("access-control-allow-origin", "*"),
    (
        "access-control-expose-headers",
        "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date",
    ),
]
CORS_PREFLIGHT = [
    *CORS_HEADERS,
    ("access-control-allow-methods", "GET,POST,PUT,PATCH,DELETE,OPTIONS"),
    (
        "access-control-allow-headers",
        "content-type,x-amz-target,x-amz-user-agent,cache-control,authorization,"
        "x-amz-date,x-amz-security-token,x-amz-content-sha256,amz-sdk-invocation-id,"
        "amz-sdk-request,x-api-key",
    ),
    ("access-control-max-age", "86400"),
]


async def read_body(request: Request, limit: int) -> bytes:
    """Read at most ``limit + 1`` bytes, so an oversized body is detected without buffering it."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            break
    return b"".join(chunks)


def to_protocol(request: Request, body: bytes) -> HttpRequest:
    return HttpRequest(
        method=request.method,
        path=request.url.path,
        headers={k.lower(): v for k, v in request.headers.items()},
        body=body,
        query=tuple(request.query_params.multi_items()),
        client_ip=request.client.host if request.client else "",
    )


def to_starlette(response: HttpResponse, extra: list[tuple[str, str]] | None = None) -> Response:
    out = Response(content=response.body, status_code=response.status)
    for name, value in [*response.headers, *(extra or [])]:
        out.headers.append(name, value)
    return out


async def json11(request: Request, endpoint: Endpoint) -> Response:
    body = await read_body(request, MAX_BODY_BYTES)
    result = await run_in_threadpool(endpoint.handle, to_protocol(request, body))
    return to_starlette(result, CORS_HEADERS)


def preflight() -> Response:
    out = Response(status_code=200)
    for name, value in CORS_PREFLIGHT:
        out.headers.append(name, value)
    return out
