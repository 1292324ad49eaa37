"""The execute-api edge: Starlette/ASGI requests to the data plane and back.

Serves ``/restapis/<id>/<stage>/_user_request_/<path>`` and any request whose ``Host`` is
``<apiId>.execute-api.<anything>`` (path ``/<stage>/<path>``), see DESIGN.md §2.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Callable, Coroutine, Mapping
from typing import Any

import anyio.from_thread
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from cognigate.gateway.messages import GatewayRequest, GatewayResponse
from cognigate.gateway.pipeline import Gateway
from cognigate.gateway.test_authorizer import test_invoke_authorizer
from cognigate.gateway.test_invoke import test_invoke_method
from cognigate.web.header_spelling import spelled_headers

USER_REQUEST = "_user_request_"
MAX_PAYLOAD = 10 * 1024 * 1024
#: how much of an oversized body is read and dropped, so a client sending it sees the 413
_DRAIN = 32 * 1024 * 1024
_HOST = re.compile(r"^([A-Za-z0-9]+)\.execute-api\.", re.IGNORECASE)
_BODYLESS = frozenset({204, 304})
_INVOKE_PATH = re.compile(r"^/restapis/([^/]+)/([^/]+)/_user_request_(/.*)?$")


def _raw_path(scope: Scope) -> str:
    raw = scope.get("raw_path")
    if isinstance(raw, bytes | bytearray):
        return raw.decode("latin-1").split("?", 1)[0]
    return str(scope.get("path", "/"))


async def _body(request: Request) -> bytes | None:
    """The body, or ``None`` past API Gateway's 10 MB payload limit."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_PAYLOAD + _DRAIN:
            break  # stop reading: the client gets its 413 or a closed connection
        if size <= MAX_PAYLOAD:
            chunks.append(chunk)
    return b"".join(chunks) if size <= MAX_PAYLOAD else None


def _port(request: Request) -> int:
    host = request.headers.get("host", "")
    _, colon, port = host.rpartition(":")
    if colon and port.isdigit():
        return int(port)
    server = request.scope.get("server")
    if server and server[1] is not None:
        return int(server[1])
    return 443 if request.url.scheme == "https" else 80


def _gateway_request(request: Request, path: str, body: bytes) -> GatewayRequest:
    return GatewayRequest(
        method=request.method,
        path=path or "/",
        headers=tuple(spelled_headers(request.scope)),
        query=tuple(request.query_params.multi_items()),
        body=body,
        source_ip=request.client.host if request.client else "",
        domain_name=request.headers.get("host", "localhost").split(":", 1)[0],
        scheme=request.url.scheme,
        port=_port(request),
    )


def to_starlette(response: GatewayResponse) -> Response:
    """A Starlette response carrying every header as given (repeats included)."""
    raw = [
        (k.lower().encode("latin-1", "replace"), v.encode("latin-1", "replace"))
        for k, v in response.headers
    ]
    out: Response
    if response.status in _BODYLESS:
        # HTTP: a 204/304 has no content, whatever a template, a Lambda or a backend returned.
        stream = response.stream
        out = (
            Response(status_code=response.status)
            if stream is None
            else StreamingResponse(_drained(stream), status_code=response.status)
        )
        raw = [(k, v) for k, v in raw if k not in (b"content-length", b"transfer-encoding")]
    elif response.stream is not None:
        out = StreamingResponse(response.stream, status_code=response.status)
    else:
        out = Response(content=response.body, status_code=response.status)
        raw = [(k, v) for k, v in raw if k != b"content-length"]
        raw.append((b"content-length", str(len(response.body)).encode()))
    out.raw_headers = raw
    return out


async def _drained(stream: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    """Consume (and so close) a backend's stream; send nothing of it."""
    async for _chunk in stream:
        continue
    yield b""


def _error(status: int, message: str, error_type: str) -> Response:
    body = json.dumps({"message": message}, separators=(",", ":"))
    headers = {"x-amzn-ErrorType": error_type}
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def _missing_token() -> Response:
    return _error(403, "Missing Authentication Token", "MissingAuthenticationTokenException")


async def invoke(request: Request, gateway: Gateway, api_id: str, stage_and_path: str) -> Response:
    """Answer a request for ``/<stage>/<path>`` of API ``api_id``."""
    stage, _, rest = stage_and_path.lstrip("/").partition("/")
    if not stage:
        return _missing_token()
    body = await _body(request)
    if body is None:
        # AWS parity: REQUEST_TOO_LARGE, before any API-specific processing.
        return _error(413, "Request Too Long", "RequestTooLargeException")
    gateway_request = _gateway_request(request, "/" + rest, body)
    return to_starlette(await gateway.invoke(api_id, stage, gateway_request))


def routes(gateway: Gateway) -> list[Route]:
    """The path-style invoke routes (mount before the management API's ``/restapis`` routes)."""

    async def serve(request: Request) -> Response:
        match = _INVOKE_PATH.match(_raw_path(request.scope))
        if match is None:
            return _missing_token()
        api_id, stage, rest = match.groups()
        return await invoke(request, gateway, api_id, f"{stage}{rest or '/'}")

    methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
    base = f"/restapis/{{api_id}}/{{stage}}/{USER_REQUEST}"
    return [
        Route(base, serve, methods=methods),
        Route(base + "/{path:path}", serve, methods=methods),
    ]


class ExecuteApiHost:
    """ASGI middleware: ``<apiId>.execute-api.*`` hosts and path-style invoke URLs go straight
    to the gateway, without the routing of the management API."""

    def __init__(self, app: ASGIApp, gateway: Gateway) -> None:
        self._app = app
        self._gateway = gateway

    def _target(self, scope: Scope) -> tuple[str, str] | None:
        path = _raw_path(scope)
        for name, value in scope.get("headers") or ():
            if name == b"host":
                host = _HOST.match(value.decode("latin-1"))
                if host is not None:
                    return host.group(1), path
                break
        match = _INVOKE_PATH.match(path) if path.startswith("/restapis/") else None
        if match is None:
            return None
        api_id, stage, rest = match.groups()
        return api_id, f"{stage}{rest or '/'}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        target = self._target(scope) if scope["type"] == "http" else None
        if target is None:
            await self._app(scope, receive, send)
            return
        request = Request(scope, receive)
        response = await invoke(request, self._gateway, *target)
        await response(scope, receive, send)


Result = dict[str, object]


def _blocking(call: Callable[[], Coroutine[Any, Any, Result]]) -> Result:
    try:
        return anyio.from_thread.run(call)
    except RuntimeError:  # not in a worker thread of an event loop (console, scripts)
        return asyncio.run(call())


class GatewayTestInvoker:
    """TestInvokeMethod / TestInvokeAuthorizer for the providers and the console (blocking)."""

    def __init__(self, gateway: Gateway) -> None:
        self._gateway = gateway

    def test_invoke_method(self, api_id: str, params: Mapping[str, Any]) -> Mapping[str, Any]:
        resource_id, method = str(params.get("resourceId")), str(params.get("httpMethod"))
        return _blocking(
            lambda: test_invoke_method(self._gateway, api_id, resource_id, method, params)
        )

    def test_invoke_authorizer(
        self, api_id: str, authorizer_id: str, params: Mapping[str, Any]
    ) -> Mapping[str, Any]:
        return _blocking(
            lambda: test_invoke_authorizer(self._gateway, api_id, authorizer_id, params)
        )

    def flush_authorizers(self, api_id: str) -> None:
        self._gateway.flush_authorizers(api_id)
