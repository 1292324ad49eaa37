"""AWS_PROXY (Lambda proxy) integrations: the v1 proxy event in, ``{statusCode, ...}`` out.

https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
"""

from __future__ import annotations

import base64
import binascii
import json
import time
from collections.abc import Mapping

from cognigate.apigw.model import Integration
from cognigate.gateway.context import Invocation
from cognigate.gateway.errors import IntegrationFailure
from cognigate.gateway.events import proxy_event
from cognigate.gateway.integrations.endpoint import elapsed_ms
from cognigate.gateway.messages import GatewayResponse
from cognigate.gateway.parameters import with_stage_variables
from cognigate.gateway.ports import FunctionError, FunctionNotFound, lambda_endpoint
from cognigate.gateway.runtime import Runtime

MALFORMED = "Execution failed due to configuration error: Malformed Lambda proxy response"


def _header_pairs(output: Mapping[str, object]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    single = output.get("headers")
    multi = output.get("multiValueHeaders")
    single = {} if single is None else single
    multi = {} if multi is None else multi
    if not isinstance(single, Mapping) or not isinstance(multi, Mapping):
        raise IntegrationFailure(log=MALFORMED)
    for name, values in multi.items():
        if not isinstance(values, list):
            raise IntegrationFailure(log=MALFORMED)
        pairs += [(str(name), str(v)) for v in values]
    listed = {name.lower() for name, _ in pairs}
    pairs += [(str(k), str(v)) for k, v in single.items() if str(k).lower() not in listed]
    return pairs


def _body(output: Mapping[str, object]) -> bytes:
    body = output.get("body")
    if body is None:
        return b""
    if not isinstance(body, str):
        raise IntegrationFailure(log=MALFORMED)
    if output.get("isBase64Encoded") is True:
        try:
            return base64.b64decode(body, validate=True)
        except (ValueError, binascii.Error) as exc:
            raise IntegrationFailure(log=MALFORMED) from exc
    return body.encode()


def proxy_response(output: object) -> GatewayResponse:
    """:raises IntegrationFailure: not a ``{statusCode, headers?, body?}`` object (AWS: 502)."""
    if isinstance(output, str):
        try:
            output = json.loads(output)
        except ValueError as exc:
            raise IntegrationFailure(log=MALFORMED) from exc
    if not isinstance(output, Mapping):
        raise IntegrationFailure(log=MALFORMED)
    status = output.get("statusCode")
    if isinstance(status, str) and status.isdigit():
        status = int(status)
    if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 599:
        raise IntegrationFailure(log=MALFORMED)
    headers = _header_pairs(output)
    if not any(k.lower() == "content-type" for k, _ in headers):
        headers.append(("Content-Type", "application/json"))
    return GatewayResponse(status, headers, _body(output))


async def integrate(inv: Invocation, integration: Integration, runtime: Runtime) -> GatewayResponse:
    event = proxy_event(inv)
    target = with_stage_variables(integration.uri or "", inv.stage_variables)
    url = lambda_endpoint(runtime.region, target)
    inv.log.add(f"Endpoint request URI: {url}")
    inv.log.add(f"Endpoint request body after transformations: {json.dumps(event)}")
    inv.log.add(f"Sending request to {url}")
    started = time.monotonic()
    try:
        output = await runtime.functions.invoke(target, event)
    except (FunctionError, FunctionNotFound) as exc:
        raise IntegrationFailure(log=f"Lambda execution failed: {exc}") from exc
    inv.integration_latency_ms = elapsed_ms(started)
    inv.log.add(
        f"Received response. Status: 200, Integration latency: {inv.integration_latency_ms} ms"
    )
    inv.log.add(f"Endpoint response body before transformations: {json.dumps(output, default=str)}")
    return proxy_response(output)
