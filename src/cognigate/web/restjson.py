"""The API Gateway management endpoint: Starlette requests to the REST-JSON protocol edge.

Serves ``/restapis…``, ``/apikeys…``, ``/usageplans…``, ``/tags/…`` and ``/account``; the
invoke paths ``/restapis/<id>/<stage>/_user_request_/…`` belong to the data plane.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from cognigate.protocol.http import HttpRequest, HttpResponse
from cognigate.protocol.restjson import BODYLESS_STATUSES, MAX_BODY_BYTES
from cognigate.protocol.strict import Endpoint
from cognigate.web.aws import CORS_HEADERS, preflight, read_body, to_starlette

METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
#: top-level collections of the ``apigateway`` API served by this endpoint
COLLECTIONS = (
    "restapis",
    "apikeys",
    "usageplans",
    "tags",
    "account",
    "domainnames",
    "vpclinks",
    "clientcertificates",
    "sdktypes",
)
USER_REQUEST = "_user_request_"


def _raw_path(request: Request) -> str:
    """The path as sent (still percent-encoded), so ``%2F`` inside an ARN stays one segment."""
    raw = request.scope.get("raw_path")
    if isinstance(raw, bytes | bytearray):
        return raw.decode("latin-1").split("?", 1)[0]
    return request.url.path


def to_protocol(request: Request, body: bytes) -> HttpRequest:
    return HttpRequest(
        method=request.method,
        path=_raw_path(request),
        headers={k.lower(): v for k, v in request.headers.items()},
        body=body,
        query=tuple(request.query_params.multi_items()),
        client_ip=request.client.host if request.client else "",
    )


def is_invoke_path(path: str) -> bool:
    """``/restapis/<id>/<stage>/_user_request_/…`` (the data plane's path-style invoke URL)."""
    parts = path.strip("/").split("/")
    return len(parts) >= 4 and parts[0] == "restapis" and parts[3] == USER_REQUEST


async def handle(request: Request, endpoint: Endpoint) -> Response:
    """Answer one ``apigateway`` management call."""
    if request.method == "OPTIONS":
        return preflight()
    if is_invoke_path(request.url.path):
        # TODO(#6): the data plane serves these paths.
        return JSONResponse({"message": "Not Found"}, status_code=404)
    body = await read_body(request, MAX_BODY_BYTES)
    result = await run_in_threadpool(endpoint.handle, to_protocol(request, body))
    return to_starlette(_without_forbidden_body(result), CORS_HEADERS)


def _without_forbidden_body(response: HttpResponse) -> HttpResponse:
    """A 204/304 never carries content: a body there makes uvicorn drop the connection."""
    if response.status not in BODYLESS_STATUSES:
        return response
    headers = [(k, v) for k, v in response.headers if k.lower() != "content-length"]
    return HttpResponse(response.status, b"", headers)


def routes(endpoint: Endpoint) -> list[Route]:
    """Starlette routes for every collection of the management API."""

    async def serve(request: Request) -> Response:
        return await handle(request, endpoint)

    found: list[Route] = []
    for name in COLLECTIONS:
        found.append(Route(f"/{name}", serve, methods=[*METHODS, "OPTIONS"]))
        found.append(Route(f"/{name}/{{rest:path}}", serve, methods=[*METHODS, "OPTIONS"]))
    return found
