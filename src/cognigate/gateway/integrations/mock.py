"""MOCK integrations: the request template yields ``statusCode``; the response template the body.

https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html
"""

from __future__ import annotations

from cognigate.apigw.model import Integration
from cognigate.gateway.context import Invocation
from cognigate.gateway.errors import ApiConfigurationError
from cognigate.gateway.integrations.mapping import method_response, request_body, select_response
from cognigate.gateway.messages import GatewayResponse
from cognigate.gateway.runtime import Runtime
from cognigate.gateway.vtl.lenient_json import status_code

UNPARSEABLE = (
    "Execution failed due to configuration error: Unable to parse statusCode. "
    "It should be an integer that is defined in the request template."
)


async def integrate(inv: Invocation, integration: Integration, runtime: Runtime) -> GatewayResponse:
    status = status_code(request_body(inv, integration))
    if status is None:
        raise ApiConfigurationError(log=UNPARSEABLE)
    chosen = select_response(integration, str(status))
    return method_response(inv, chosen, "")
