"""HTTP_PROXY integrations: the request goes through unchanged and the answer streams back.

https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import httpx

from cognigate.apigw.model import Integration
from cognigate.gateway.context import Invocation
from cognigate.gateway.execution_log import java_map
from cognigate.gateway.integrations.endpoint import (
    elapsed_ms,
    endpoint_url,
    forwarded_headers,
    mapped_parameters,
    send,
)
from cognigate.gateway.messages import GatewayResponse
from cognigate.gateway.runtime import Runtime


def _request(inv: Invocation, integration: Integration) -> httpx.Request:
    headers = forwarded_headers(list(inv.request.headers))
    headers += list(mapped_parameters(inv, integration, "header").items())
    query: list[tuple[str, str | int | float | bool | None]] = [
        *inv.request.query,
        *mapped_parameters(inv, integration, "querystring").items(),
    ]
    return httpx.Request(
        integration.http_method
        if integration.http_method not in (None, "ANY")
        else inv.request.method,
        endpoint_url(inv, integration),
        params=query,
        headers=headers,
        content=inv.request.body,
    )


async def _relay(response: httpx.Response) -> AsyncIterator[bytes]:
    try:
        async for chunk in response.aiter_raw():
            yield chunk
    finally:
        await response.aclose()


async def integrate(inv: Invocation, integration: Integration, runtime: Runtime) -> GatewayResponse:
    outbound = _request(inv, integration)
    inv.log.add(f"Endpoint request URI: {outbound.url}")
    inv.log.add(f"Endpoint request headers: {java_map(dict(outbound.headers))}")
    inv.log.add(f"Endpoint request body after transformations: {inv.request.text}")
    inv.log.add(f"Sending request to {outbound.url}")
    started = time.monotonic()
    response = await send(runtime, outbound, integration.timeout_in_millis)
    inv.integration_latency_ms = elapsed_ms(started)
    inv.log.add(
        f"Received response. Status: {response.status_code}, "
        f"Integration latency: {inv.integration_latency_ms} ms"
    )
    headers = [
        (k, v)
        for k, v in response.headers.multi_items()
        if k.lower() not in ("transfer-encoding", "connection", "keep-alive")
    ]
    return GatewayResponse(response.status_code, headers, stream=_relay(response))
