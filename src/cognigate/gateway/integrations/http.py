"""HTTP integrations (non-proxy): mapping templates both ways around an HTTP backend call.

https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html
"""

from __future__ import annotations

import time

import httpx

from cognigate.apigw.model import Integration
from cognigate.gateway.context import Invocation
from cognigate.gateway.errors import IntegrationTimeout
from cognigate.gateway.execution_log import java_map
from cognigate.gateway.integrations.endpoint import (
    elapsed_ms,
    endpoint_url,
    mapped_parameters,
    send,
)
from cognigate.gateway.integrations.mapping import method_response, request_body, select_response
from cognigate.gateway.messages import GatewayResponse
from cognigate.gateway.runtime import Runtime


def _request(inv: Invocation, integration: Integration, body: str) -> httpx.Request:
    headers = mapped_parameters(inv, integration, "header")
    headers.setdefault("Content-Type", "application/json")
    return httpx.Request(
        integration.http_method or inv.request.method,
        endpoint_url(inv, integration),
        params=mapped_parameters(inv, integration, "querystring"),
        headers=headers,
        content=body.encode(),
    )


async def integrate(inv: Invocation, integration: Integration, runtime: Runtime) -> GatewayResponse:
    outbound = _request(inv, integration, request_body(inv, integration))
    log = inv.log
    log.add(f"Endpoint request URI: {outbound.url}")
    log.add(f"Endpoint request headers: {java_map(dict(outbound.headers))}")
    log.add(f"Endpoint request body after transformations: {outbound.content.decode()}")
    log.add(f"Sending request to {outbound.url}")
    started = time.monotonic()
    response = await send(runtime, outbound, integration.timeout_in_millis)
    try:
        body = (await response.aread()).decode("utf-8", "replace")
    except httpx.TimeoutException as exc:
        raise IntegrationTimeout(log="Execution failed due to a timeout error") from exc
    finally:
        await response.aclose()
    inv.integration_latency_ms = elapsed_ms(started)
    log.add(
        f"Received response. Status: {response.status_code}, "
        f"Integration latency: {inv.integration_latency_ms} ms"
    )
    log.add(f"Endpoint response headers: {java_map(dict(response.headers))}")
    log.add(f"Endpoint response body before transformations: {body}")
    chosen = select_response(integration, str(response.status_code))
    return method_response(inv, chosen, body, dict(response.headers))
