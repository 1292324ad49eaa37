"""Handlers of Put/Get/Update/DeleteIntegration and Put/Get/Update/DeleteIntegrationResponse."""

from __future__ import annotations

from cognigate.apigw.model import Integration, IntegrationResponse
from cognigate.apigw.service import ApiGatewayService
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.restjson import Handler
from cognigate.providers.apigateway.wire import inp, out, patch_ops, table

OPERATIONS = (
    "PutIntegration",
    "GetIntegration",
    "UpdateIntegration",
    "DeleteIntegration",
    "PutIntegrationResponse",
    "GetIntegrationResponse",
    "UpdateIntegrationResponse",
    "DeleteIntegrationResponse",
)


def _where(params: Wire) -> tuple[str, str, str]:
    return params["restApiId"], params["resourceId"], params["httpMethod"]


class IntegrationHandlers:
    def __init__(self, service: ApiGatewayService) -> None:
        self._integrations = service.integrations

    def put_integration(self, params: Wire, _: CallContext) -> Wire:
        # The body's ``httpMethod`` is botocore's ``integrationHttpMethod``; the URI one is
        # the method's verb.
        integration = inp(Integration, params, httpMethod=params.get("integrationHttpMethod"))
        return out(self._integrations.put(*_where(params), integration))

    def get_integration(self, params: Wire, _: CallContext) -> Wire:
        return out(self._integrations.get(*_where(params)))

    def update_integration(self, params: Wire, _: CallContext) -> Wire:
        return out(self._integrations.update(*_where(params), patch_ops(params)))

    def delete_integration(self, params: Wire, _: CallContext) -> None:
        self._integrations.delete(*_where(params))

    def put_integration_response(self, params: Wire, _: CallContext) -> Wire:
        response = inp(IntegrationResponse, params)
        return out(self._integrations.put_response(*_where(params), response))

    def get_integration_response(self, params: Wire, _: CallContext) -> Wire:
        return out(self._integrations.get_response(*_where(params), params["statusCode"]))

    def update_integration_response(self, params: Wire, _: CallContext) -> Wire:
        found = self._integrations.update_response(
            *_where(params), params["statusCode"], patch_ops(params)
        )
        return out(found)

    def delete_integration_response(self, params: Wire, _: CallContext) -> None:
        self._integrations.delete_response(*_where(params), params["statusCode"])


def handlers(service: ApiGatewayService) -> dict[str, Handler]:
    return table(IntegrationHandlers(service), OPERATIONS)
