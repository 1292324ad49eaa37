"""Handlers of Put/Get/Update/DeleteGatewayResponse and GetGatewayResponses."""

from __future__ import annotations

from cognigate.apigw.model import GatewayResponse
from cognigate.apigw.service import ApiGatewayService
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.restjson import Handler
from cognigate.providers.apigateway.wire import inp, out, patch_ops, table

OPERATIONS = (
    "PutGatewayResponse",
    "GetGatewayResponse",
    "GetGatewayResponses",
    "UpdateGatewayResponse",
    "DeleteGatewayResponse",
)


class GatewayResponseHandlers:
    def __init__(self, service: ApiGatewayService) -> None:
        self._responses = service.gateway_responses

    def put_gateway_response(self, params: Wire, _: CallContext) -> Wire:
        return out(self._responses.put(params["restApiId"], inp(GatewayResponse, params)))

    def get_gateway_response(self, params: Wire, _: CallContext) -> Wire:
        return out(self._responses.get(params["restApiId"], params["responseType"]))

    def get_gateway_responses(self, params: Wire, _: CallContext) -> Wire:
        return {"items": [out(r) for r in self._responses.list(params["restApiId"])]}

    def update_gateway_response(self, params: Wire, _: CallContext) -> Wire:
        found = self._responses.update(
            params["restApiId"], params["responseType"], patch_ops(params)
        )
        return out(found)

    def delete_gateway_response(self, params: Wire, _: CallContext) -> None:
        self._responses.delete(params["restApiId"], params["responseType"])


def handlers(service: ApiGatewayService) -> dict[str, Handler]:
    return table(GatewayResponseHandlers(service), OPERATIONS)
