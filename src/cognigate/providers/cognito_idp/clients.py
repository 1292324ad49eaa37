"""Handlers of the app-client operations (Create/Describe/List/Update/DeleteUserPoolClient)."""

from __future__ import annotations

from cognigate.identity.model import AppClient, ClientConfig
from cognigate.identity.service import IdentityService
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.json11 import Handler
from cognigate.providers.cognito_idp.wire import drop_none, optional_tuple

_PASS_THROUGH = ("AnalyticsConfiguration", "RefreshTokenRotation")


def config_in(params: Wire) -> ClientConfig:
    return ClientConfig(
        explicit_auth_flows=optional_tuple(params.get("ExplicitAuthFlows")),
        refresh_token_validity=params.get("RefreshTokenValidity"),
        access_token_validity=params.get("AccessTokenValidity"),
        id_token_validity=params.get("IdTokenValidity"),
        token_validity_units=params.get("TokenValidityUnits"),
        read_attributes=optional_tuple(params.get("ReadAttributes")),
        write_attributes=optional_tuple(params.get("WriteAttributes")),
        supported_identity_providers=optional_tuple(params.get("SupportedIdentityProviders")),
        callback_urls=optional_tuple(params.get("CallbackURLs")),
        logout_urls=optional_tuple(params.get("LogoutURLs")),
        default_redirect_uri=params.get("DefaultRedirectURI"),
        allowed_oauth_flows=optional_tuple(params.get("AllowedOAuthFlows")),
        allowed_oauth_scopes=optional_tuple(params.get("AllowedOAuthScopes")),
        allowed_oauth_flows_user_pool_client=params.get("AllowedOAuthFlowsUserPoolClient", False),
        prevent_user_existence_errors=params.get("PreventUserExistenceErrors"),
        enable_token_revocation=params.get("EnableTokenRevocation", True),
        enable_propagate_additional_user_context_data=params.get(
            "EnablePropagateAdditionalUserContextData", False
        ),
        auth_session_validity=params.get("AuthSessionValidity"),
        extras={k: params[k] for k in _PASS_THROUGH if k in params},
    )


def _listed(values: tuple[str, ...] | None) -> list[str] | None:
    return list(values) if values else None


def client_out(client: AppClient) -> Wire:
    config = client.config
    out: Wire = {
        "UserPoolId": client.pool_id,
        "ClientName": client.name,
        "ClientId": client.id,
        "ClientSecret": client.secret,
        "LastModifiedDate": client.modified,
        "CreationDate": client.created,
        "RefreshTokenValidity": config.refresh_token_validity or 30,
        "AccessTokenValidity": config.access_token_validity,
        "IdTokenValidity": config.id_token_validity,
        "TokenValidityUnits": dict(config.token_validity_units or {}),
        "ReadAttributes": _listed(config.read_attributes),
        "WriteAttributes": _listed(config.write_attributes),
        "ExplicitAuthFlows": _listed(config.explicit_auth_flows),
        "SupportedIdentityProviders": _listed(config.supported_identity_providers),
        "CallbackURLs": _listed(config.callback_urls),
        "LogoutURLs": _listed(config.logout_urls),
        "DefaultRedirectURI": config.default_redirect_uri,
        "AllowedOAuthFlows": _listed(config.allowed_oauth_flows),
        "AllowedOAuthScopes": _listed(config.allowed_oauth_scopes),
        "AllowedOAuthFlowsUserPoolClient": config.allowed_oauth_flows_user_pool_client,
        "PreventUserExistenceErrors": config.prevent_user_existence_errors or "LEGACY",
        "EnableTokenRevocation": config.enable_token_revocation,
        "EnablePropagateAdditionalUserContextData": (
            config.enable_propagate_additional_user_context_data
        ),
        "AuthSessionValidity": config.auth_session_validity or 3,
    }
    out.update(config.extras)
    return drop_none(out)


def handlers(service: IdentityService) -> dict[str, Handler]:
    clients = service.clients

    def create_user_pool_client(params: Wire, _: CallContext) -> Wire:
        client = clients.create(
            params["UserPoolId"],
            params["ClientName"],
            config_in(params),
            generate_secret=params.get("GenerateSecret", False),
            secret=params.get("ClientSecret"),
        )
        return {"UserPoolClient": client_out(client)}

    def describe_user_pool_client(params: Wire, _: CallContext) -> Wire:
        return {
            "UserPoolClient": client_out(clients.describe(params["UserPoolId"], params["ClientId"]))
        }

    def list_user_pool_clients(params: Wire, _: CallContext) -> Wire:
        page = clients.list(
            params["UserPoolId"], params.get("MaxResults", 60), params.get("NextToken")
        )
        items = [
            {"ClientId": c.id, "UserPoolId": c.pool_id, "ClientName": c.name} for c in page.items
        ]
        return drop_none({"UserPoolClients": items, "NextToken": page.next_token})

    def update_user_pool_client(params: Wire, _: CallContext) -> Wire:
        client = clients.update(
            params["UserPoolId"],
            params["ClientId"],
            config_in(params),
            name=params.get("ClientName"),
        )
        return {"UserPoolClient": client_out(client)}

    def delete_user_pool_client(params: Wire, _: CallContext) -> Wire:
        clients.delete(params["UserPoolId"], params["ClientId"])
        return {}

    return {
        "CreateUserPoolClient": create_user_pool_client,
        "DescribeUserPoolClient": describe_user_pool_client,
        "ListUserPoolClients": list_user_pool_clients,
        "UpdateUserPoolClient": update_user_pool_client,
        "DeleteUserPoolClient": delete_user_pool_client,
    }
