"""Handlers of the resource-server operations."""

from __future__ import annotations

from typing import Any

from cognigate.identity.model import ResourceServer, ResourceServerScope
from cognigate.identity.service import IdentityService
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.json11 import Handler
from cognigate.providers.cognito_idp.wire import drop_none


def _scopes_in(items: list[dict[str, Any]] | None) -> list[ResourceServerScope]:
    return [ResourceServerScope(s["ScopeName"], s["ScopeDescription"]) for s in items or ()]


def server_out(server: ResourceServer) -> Wire:
    return {
        "UserPoolId": server.pool_id,
        "Identifier": server.identifier,
        "Name": server.name,
        "Scopes": [{"ScopeName": s.name, "ScopeDescription": s.description} for s in server.scopes],
    }


def handlers(service: IdentityService) -> dict[str, Handler]:
    servers = service.resource_servers

    def create_resource_server(params: Wire, _: CallContext) -> Wire:
        server = servers.create(
            params["UserPoolId"],
            params["Identifier"],
            params["Name"],
            _scopes_in(params.get("Scopes")),
        )
        return {"ResourceServer": server_out(server)}

    def describe_resource_server(params: Wire, _: CallContext) -> Wire:
        return {
            "ResourceServer": server_out(
                servers.describe(params["UserPoolId"], params["Identifier"])
            )
        }

    def list_resource_servers(params: Wire, _: CallContext) -> Wire:
        page = servers.list(params["UserPoolId"], params["MaxResults"], params.get("NextToken"))
        return drop_none(
            {"ResourceServers": [server_out(s) for s in page.items], "NextToken": page.next_token}
        )

    def update_resource_server(params: Wire, _: CallContext) -> Wire:
        server = servers.update(
            params["UserPoolId"],
            params["Identifier"],
            params["Name"],
            _scopes_in(params.get("Scopes")),
        )
        return {"ResourceServer": server_out(server)}

    def delete_resource_server(params: Wire, _: CallContext) -> Wire:
        servers.delete(params["UserPoolId"], params["Identifier"])
        return {}

    return {
        "CreateResourceServer": create_resource_server,
        "DescribeResourceServer": describe_resource_server,
        "ListResourceServers": list_resource_servers,
        "UpdateResourceServer": update_resource_server,
        "DeleteResourceServer": delete_resource_server,
    }
