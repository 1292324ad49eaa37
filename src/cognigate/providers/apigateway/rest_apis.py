"""Handlers of CreateRestApi, GetRestApi(s), UpdateRestApi, DeleteRestApi."""

from __future__ import annotations

from cognigate.apigw.rest_apis import NewRestApi
from cognigate.apigw.service import ApiGatewayService
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.restjson import Handler
from cognigate.providers.apigateway.wire import inp, listing, out, patch_ops, table, with_tags

OPERATIONS = ("CreateRestApi", "GetRestApi", "GetRestApis", "UpdateRestApi", "DeleteRestApi")


class RestApiHandlers:
    def __init__(self, service: ApiGatewayService) -> None:
        self._apis = service.rest_apis

    def create_rest_api(self, params: Wire, _: CallContext) -> Wire:
        return out(self._apis.create(inp(NewRestApi, params)))

    def get_rest_api(self, params: Wire, _: CallContext) -> Wire:
        return with_tags(out(self._apis.get(params["restApiId"])))

    def get_rest_apis(self, params: Wire, _: CallContext) -> Wire:
        return listing(self._apis.list(params.get("position"), params.get("limit")))

    def update_rest_api(self, params: Wire, _: CallContext) -> Wire:
        return with_tags(out(self._apis.update(params["restApiId"], patch_ops(params))))

    def delete_rest_api(self, params: Wire, _: CallContext) -> None:
        self._apis.delete(params["restApiId"])


def handlers(service: ApiGatewayService) -> dict[str, Handler]:
    return table(RestApiHandlers(service), OPERATIONS)
