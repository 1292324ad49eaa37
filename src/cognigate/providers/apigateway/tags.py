"""Handlers of TagResource, UntagResource, GetTags, and GetAccount/UpdateAccount."""

from __future__ import annotations

from cognigate.apigw.service import ApiGatewayService
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.restjson import Handler
from cognigate.providers.apigateway.wire import table

OPERATIONS = ("TagResource", "UntagResource", "GetTags", "GetAccount", "UpdateAccount")

#: Deviation: the account settings are fixed (AWS's regional defaults); UpdateAccount echoes them.
_ACCOUNT: Wire = {
    "throttleSettings": {"burstLimit": 5000, "rateLimit": 10000.0},
    "features": ["UsagePlans"],
    "apiKeyVersion": "4",
}


class TagHandlers:
    def __init__(self, service: ApiGatewayService) -> None:
        self._tags = service.tags

    def tag_resource(self, params: Wire, _: CallContext) -> None:
        self._tags.tag(params["resourceArn"], params.get("tags") or {})

    def untag_resource(self, params: Wire, _: CallContext) -> None:
        self._tags.untag(params["resourceArn"], params.get("tagKeys") or [])

    def get_tags(self, params: Wire, _: CallContext) -> Wire:
        return {"tags": dict(self._tags.get(params["resourceArn"]))}

    def get_account(self, _params: Wire, _: CallContext) -> Wire:
        return dict(_ACCOUNT)

    def update_account(self, _params: Wire, _: CallContext) -> Wire:
        return dict(_ACCOUNT)


def handlers(service: ApiGatewayService) -> dict[str, Handler]:
    return table(TagHandlers(service), OPERATIONS)
