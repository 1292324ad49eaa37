"""Handlers of Put/Get/Update/DeleteMethod and Put/Get/Update/DeleteMethodResponse."""

from __future__ import annotations

from cognigate.apigw.model import Method, MethodResponse
from cognigate.apigw.service import ApiGatewayService
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.restjson import Handler
from cognigate.providers.apigateway.wire import inp, out, patch_ops, table

OPERATIONS = (
    "PutMethod",
    "GetMethod",
    "UpdateMethod",
    "DeleteMethod",
    "PutMethodResponse",
    "GetMethodResponse",
    "UpdateMethodResponse",
    "DeleteMethodResponse",
)


def _where(params: Wire) -> tuple[str, str, str]:
    return params["restApiId"], params["resourceId"], params["httpMethod"]


class MethodHandlers:
    def __init__(self, service: ApiGatewayService) -> None:
        self._methods = service.methods
        self._responses = service.method_responses

    def put_method(self, params: Wire, _: CallContext) -> Wire:
        api_id, resource_id, _verb = _where(params)
        return out(self._methods.put(api_id, resource_id, inp(Method, params)))

    def get_method(self, params: Wire, _: CallContext) -> Wire:
        return out(self._methods.get(*_where(params)))

    def update_method(self, params: Wire, _: CallContext) -> Wire:
        return out(self._methods.update(*_where(params), patch_ops(params)))

    def delete_method(self, params: Wire, _: CallContext) -> None:
        self._methods.delete(*_where(params))

    def put_method_response(self, params: Wire, _: CallContext) -> Wire:
        response = inp(MethodResponse, params)
        return out(self._responses.put(*_where(params), response))

    def get_method_response(self, params: Wire, _: CallContext) -> Wire:
        return out(self._responses.get(*_where(params), params["statusCode"]))

    def update_method_response(self, params: Wire, _: CallContext) -> Wire:
        found = self._responses.update(*_where(params), params["statusCode"], patch_ops(params))
        return out(found)

    def delete_method_response(self, params: Wire, _: CallContext) -> None:
        self._responses.delete(*_where(params), params["statusCode"])


def handlers(service: ApiGatewayService) -> dict[str, Handler]:
    return table(MethodHandlers(service), OPERATIONS)
