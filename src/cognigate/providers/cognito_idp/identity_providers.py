"""Handlers of the identity-provider operations and the provider links of users."""

from __future__ import annotations

from typing import Any

from cognigate.identity.identity_providers import ProviderSettings
from cognigate.identity.idp_config import shown_details
from cognigate.identity.model import IdentityProvider
from cognigate.identity.provider_links import ProviderUser
from cognigate.identity.service import IdentityService
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.json11 import Handler
from cognigate.providers.cognito_idp.wire import drop_none, optional_tuple


def provider_out(provider: IdentityProvider) -> Wire:
    return {
        "UserPoolId": provider.pool_id,
        "ProviderName": provider.name,
        "ProviderType": provider.type,
        "ProviderDetails": shown_details(provider.details),
        "AttributeMapping": dict(provider.attribute_mapping),
        "IdpIdentifiers": list(provider.identifiers),
        "LastModifiedDate": provider.modified,
        "CreationDate": provider.created,
    }


def _summary(provider: IdentityProvider) -> Wire:
    return {
        "ProviderName": provider.name,
        "ProviderType": provider.type,
        "LastModifiedDate": provider.modified,
        "CreationDate": provider.created,
    }


def _settings(params: Wire) -> ProviderSettings:
    return ProviderSettings(
        details=params.get("ProviderDetails"),
        attribute_mapping=params.get("AttributeMapping"),
        identifiers=optional_tuple(params.get("IdpIdentifiers")),
    )


def _provider_user(value: dict[str, Any]) -> ProviderUser:
    return ProviderUser(
        provider_name=value.get("ProviderName") or "",
        attribute_name=value.get("ProviderAttributeName"),
        attribute_value=value.get("ProviderAttributeValue") or "",
    )


def handlers(service: IdentityService) -> dict[str, Handler]:
    providers = service.identity_providers
    links = service.provider_links

    def create_identity_provider(params: Wire, _: CallContext) -> Wire:
        provider = providers.create(
            params["UserPoolId"], params["ProviderName"], params["ProviderType"],
            _settings(params),
        )  # fmt: skip
        return {"IdentityProvider": provider_out(provider)}

    def describe_identity_provider(params: Wire, _: CallContext) -> Wire:
        provider = providers.describe(params["UserPoolId"], params["ProviderName"])
        return {"IdentityProvider": provider_out(provider)}

    def get_identity_provider_by_identifier(params: Wire, _: CallContext) -> Wire:
        provider = providers.by_identifier(params["UserPoolId"], params["IdpIdentifier"])
        return {"IdentityProvider": provider_out(provider)}

    def list_identity_providers(params: Wire, _: CallContext) -> Wire:
        page = providers.list(
            params["UserPoolId"], params.get("MaxResults"), params.get("NextToken")
        )
        return drop_none(
            {"Providers": [_summary(p) for p in page.items], "NextToken": page.next_token}
        )

    def update_identity_provider(params: Wire, _: CallContext) -> Wire:
        provider = providers.update(params["UserPoolId"], params["ProviderName"], _settings(params))
        return {"IdentityProvider": provider_out(provider)}

    def delete_identity_provider(params: Wire, _: CallContext) -> Wire:
        providers.delete(params["UserPoolId"], params["ProviderName"])
        return {}

    def admin_link_provider_for_user(params: Wire, _: CallContext) -> Wire:
        links.admin_link(
            params["UserPoolId"],
            _provider_user(params["DestinationUser"]),
            _provider_user(params["SourceUser"]),
        )
        return {}

    def admin_disable_provider_for_user(params: Wire, _: CallContext) -> Wire:
        links.admin_disable(params["UserPoolId"], _provider_user(params["User"]))
        return {}

    return {
        "CreateIdentityProvider": create_identity_provider,
        "DescribeIdentityProvider": describe_identity_provider,
        "GetIdentityProviderByIdentifier": get_identity_provider_by_identifier,
        "ListIdentityProviders": list_identity_providers,
        "UpdateIdentityProvider": update_identity_provider,
        "DeleteIdentityProvider": delete_identity_provider,
        "AdminLinkProviderForUser": admin_link_provider_for_user,
        "AdminDisableProviderForUser": admin_disable_provider_for_user,
    }
