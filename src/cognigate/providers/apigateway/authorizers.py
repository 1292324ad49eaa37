"""Handlers of Create/Get/Update/DeleteAuthorizer and GetAuthorizers."""

from __future__ import annotations

from cognigate.apigw.model import Authorizer
from cognigate.apigw.service import ApiGatewayService
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.restjson import Handler
from cognigate.providers.apigateway.wire import inp, listing, out, patch_ops, table

OPERATIONS = (
    "CreateAuthorizer",
    "GetAuthorizer",
    "GetAuthorizers",
    "UpdateAuthorizer",
    "DeleteAuthorizer",
)


class AuthorizerHandlers:
    def __init__(self, service: ApiGatewayService) -> None:
        self._authorizers = service.authorizers

    def create_authorizer(self, params: Wire, _: CallContext) -> Wire:
        authorizer = inp(Authorizer, params, id="")
        return out(self._authorizers.create(params["restApiId"], authorizer))

    def get_authorizer(self, params: Wire, _: CallContext) -> Wire:
        return out(self._authorizers.get(params["restApiId"], params["authorizerId"]))

    def get_authorizers(self, params: Wire, _: CallContext) -> Wire:
        found = self._authorizers.list(
            params["restApiId"], params.get("position"), params.get("limit")
        )
        return listing(found)

    def update_authorizer(self, params: Wire, _: CallContext) -> Wire:
        found = self._authorizers.update(
            params["restApiId"], params["authorizerId"], patch_ops(params)
        )
        return out(found)

    def delete_authorizer(self, params: Wire, _: CallContext) -> None:
        self._authorizers.delete(params["restApiId"], params["authorizerId"])


def handlers(service: ApiGatewayService) -> dict[str, Handler]:
    return table(AuthorizerHandlers(service), OPERATIONS)
