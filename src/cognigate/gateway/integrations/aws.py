"""AWS integrations, Lambda only (non-proxy): the mapped request is the event, the function's
answer goes through the integration response; a failure's ``errorMessage`` selects it.

https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-custom-integrations.html
"""

from __future__ import annotations

import json
import time

from cognigate.apigw.model import Integration
from cognigate.gateway.context import Invocation
from cognigate.gateway.errors import ApiConfigurationError, IntegrationFailure
from cognigate.gateway.integrations.endpoint import elapsed_ms
from cognigate.gateway.integrations.mapping import method_response, request_body, select_response
from cognigate.gateway.messages import GatewayResponse
from cognigate.gateway.parameters import with_stage_variables
from cognigate.gateway.ports import FunctionError, FunctionNotFound, lambda_endpoint
from cognigate.gateway.runtime import Runtime

_LAMBDA = ":lambda:path/"


def _event(text: str) -> object:
    try:
        return json.loads(text) if text.strip() else {}
    except ValueError:
        return text


async def integrate(inv: Invocation, integration: Integration, runtime: Runtime) -> GatewayResponse:
    target = with_stage_variables(integration.uri or "", inv.stage_variables)
    if _LAMBDA not in target:
        raise ApiConfigurationError(
            log="Execution failed due to configuration error: only Lambda AWS integrations run here"
        )
    event = _event(request_body(inv, integration))
    inv.log.add(f"Endpoint request URI: {lambda_endpoint(runtime.region, target)}")
    inv.log.add(f"Endpoint request body after transformations: {json.dumps(event)}")
    started = time.monotonic()
    try:
        output = await runtime.functions.invoke(target, event)
        selection, body = "", json.dumps(output)
    except FunctionError as exc:
        error = {"errorMessage": exc.message, "errorType": exc.error_type}
        selection, body = exc.message, json.dumps(error)
    except FunctionNotFound as exc:
        raise IntegrationFailure(log=f"Lambda function not found: {exc}") from exc
    inv.integration_latency_ms = elapsed_ms(started)
    inv.log.add(f"Endpoint response body before transformations: {body}")
    return method_response(inv, select_response(integration, selection), body)
