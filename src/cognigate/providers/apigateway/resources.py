"""Handlers of CreateResource, GetResource(s), UpdateResource, DeleteResource."""

from __future__ import annotations

from cognigate.apigw.model import Resource
from cognigate.apigw.service import ApiGatewayService
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.restjson import Handler
from cognigate.providers.apigateway.wire import listing, out, patch_ops, table

OPERATIONS = (
    "CreateResource",
    "GetResource",
    "GetResources",
    "UpdateResource",
    "DeleteResource",
)


def resource_out(resource: Resource, embed: bool) -> Wire:
    """AWS lists each method as ``{}`` unless ``embed=methods`` asks for the whole method."""
    wire = out(resource)
    methods = wire.get("resourceMethods")
    if methods and not embed:
        wire["resourceMethods"] = {verb: {} for verb in sorted(methods)}
    elif methods:
        wire["resourceMethods"] = {verb: methods[verb] for verb in sorted(methods)}
    return wire


def _embed(params: Wire) -> bool:
    return "methods" in (params.get("embed") or [])


class ResourceHandlers:
    def __init__(self, service: ApiGatewayService) -> None:
        self._resources = service.resources

    def create_resource(self, params: Wire, _: CallContext) -> Wire:
        found = self._resources.create(params["restApiId"], params["parentId"], params["pathPart"])
        return out(found)

    def get_resource(self, params: Wire, _: CallContext) -> Wire:
        found = self._resources.get(params["restApiId"], params["resourceId"])
        return resource_out(found, _embed(params))

    def get_resources(self, params: Wire, _: CallContext) -> Wire:
        found = self._resources.list(
            params["restApiId"], params.get("position"), params.get("limit")
        )
        embed = _embed(params)
        return listing(found, lambda r: resource_out(r, embed))

    def update_resource(self, params: Wire, _: CallContext) -> Wire:
        found = self._resources.update(params["restApiId"], params["resourceId"], patch_ops(params))
        return resource_out(found, embed=False)

    def delete_resource(self, params: Wire, _: CallContext) -> None:
        self._resources.delete(params["restApiId"], params["resourceId"])


def handlers(service: ApiGatewayService) -> dict[str, Handler]:
    return table(ResourceHandlers(service), OPERATIONS)
