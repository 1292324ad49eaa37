"""Integration types, keyed by AWS's ``IntegrationType``.

https://docs.aws.amazon.com/apigateway/latest/api/API_Integration.html
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from cognigate.apigw.model import Integration
from cognigate.gateway.context import Invocation
from cognigate.gateway.errors import ApiConfigurationError
from cognigate.gateway.integrations import aws, aws_proxy, http, http_proxy, mock
from cognigate.gateway.messages import GatewayResponse
from cognigate.gateway.runtime import Runtime

Integrate = Callable[[Invocation, Integration, Runtime], Awaitable[GatewayResponse]]

INTEGRATIONS: dict[str, Integrate] = {
    "MOCK": mock.integrate,
    "HTTP": http.integrate,
    "HTTP_PROXY": http_proxy.integrate,
    "AWS": aws.integrate,
    "AWS_PROXY": aws_proxy.integrate,
}


async def integrate_step(inv: Invocation, runtime: Runtime) -> None:
    """Integration request, the call, integration response and method response.

    :raises ApiConfigurationError: the method has no (supported) integration.
    """
    integration = inv.match.method.method_integration if inv.match else None
    run = INTEGRATIONS.get(integration.type) if integration else None
    if integration is None or run is None:
        raise ApiConfigurationError(
            log="Execution failed due to configuration error: No integration defined for method"
        )
    inv.response = await run(inv, integration, runtime)
