"""A loopback HTTP backend for HTTP and HTTP_PROXY integrations, served by uvicorn in a thread."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import AsyncIterator, Iterator

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from tests.support import free_port


async def echo(request: Request) -> Response:
    body = await request.body()
    payload = {
        "method": request.method,
        "path": request.url.path,
        "raw_path": request.scope["raw_path"].decode("latin-1"),
        "query": dict(request.query_params.multi_items()),
        "headers": dict(request.headers.items()),
        "body": body.decode(),
    }
    return Response(
        json.dumps(payload), media_type="application/json", headers={"x-upstream": "yes"}
    )


async def status(request: Request) -> Response:
    code = int(request.path_params["code"])
    return Response(json.dumps({"code": code}), status_code=code, media_type="application/json")


async def slow(_: Request) -> Response:
    await asyncio.sleep(2)
    return Response("late")


async def chunks(_: Request) -> Response:
    async def parts() -> AsyncIterator[bytes]:
        for index in range(3):
            yield f"chunk{index};".encode()

    return StreamingResponse(parts(), media_type="text/plain")


APP = Starlette(
    routes=[
        Route("/status/{code:int}", status, methods=["GET"]),
        Route("/slow", slow, methods=["GET"]),
        Route("/chunks", chunks, methods=["GET"]),
        Route("/{path:path}", echo, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
    ]
)


@pytest.fixture(scope="session")
def upstream() -> Iterator[str]:
    """The base URL of the loopback backend."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(APP, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)
