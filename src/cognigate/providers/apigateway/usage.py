"""Handlers of the ApiKey, UsagePlan, UsagePlanKey and Usage operations."""

from __future__ import annotations

from cognigate.apigw.service import ApiGatewayService
from cognigate.apigw.usage_model import ApiKey, UsagePlan
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.restjson import Handler
from cognigate.providers.apigateway.wire import inp, listing, out, patch_ops, table, with_tags

OPERATIONS = (
    "CreateApiKey",
    "GetApiKey",
    "GetApiKeys",
    "UpdateApiKey",
    "DeleteApiKey",
    "CreateUsagePlan",
    "GetUsagePlan",
    "GetUsagePlans",
    "UpdateUsagePlan",
    "DeleteUsagePlan",
    "CreateUsagePlanKey",
    "GetUsagePlanKey",
    "GetUsagePlanKeys",
    "DeleteUsagePlanKey",
    "GetUsage",
    "UpdateUsage",
)


def _key_out(key: ApiKey, with_value: bool) -> Wire:
    wire = out(key)
    if not with_value:
        wire.pop("value", None)
    return wire


class UsageHandlers:
    def __init__(self, service: ApiGatewayService) -> None:
        self._keys = service.api_keys
        self._plans = service.usage_plans

    def create_api_key(self, params: Wire, _: CallContext) -> Wire:
        key = inp(
            ApiKey,
            params,
            id="",
            value=params.get("value") or "",
            enabled=bool(params.get("enabled")),
            createdDate=0.0,
            lastUpdatedDate=0.0,
        )
        return out(self._keys.create(key))

    def get_api_key(self, params: Wire, _: CallContext) -> Wire:
        found = self._keys.get(params["apiKey"])
        return with_tags(_key_out(found, bool(params.get("includeValue"))))

    def get_api_keys(self, params: Wire, _: CallContext) -> Wire:
        found = self._keys.list(
            params.get("nameQuery"),
            params.get("customerId"),
            params.get("position"),
            params.get("limit"),
        )
        with_values = bool(params.get("includeValues"))
        return listing(found, lambda k: _key_out(k, with_values))

    def update_api_key(self, params: Wire, _: CallContext) -> Wire:
        return with_tags(_key_out(self._keys.update(params["apiKey"], patch_ops(params)), False))

    def delete_api_key(self, params: Wire, _: CallContext) -> None:
        self._keys.delete(params["apiKey"])

    def create_usage_plan(self, params: Wire, _: CallContext) -> Wire:
        return out(self._plans.create(inp(UsagePlan, params, id="")))

    def get_usage_plan(self, params: Wire, _: CallContext) -> Wire:
        return with_tags(out(self._plans.get(params["usagePlanId"])))

    def get_usage_plans(self, params: Wire, _: CallContext) -> Wire:
        found = self._plans.list(params.get("keyId"), params.get("position"), params.get("limit"))
        return listing(found)

    def update_usage_plan(self, params: Wire, _: CallContext) -> Wire:
        return with_tags(out(self._plans.update(params["usagePlanId"], patch_ops(params))))

    def delete_usage_plan(self, params: Wire, _: CallContext) -> None:
        self._plans.delete(params["usagePlanId"])

    def create_usage_plan_key(self, params: Wire, _: CallContext) -> Wire:
        found = self._plans.add_key(params["usagePlanId"], params["keyId"], params["keyType"])
        return out(found)

    def get_usage_plan_key(self, params: Wire, _: CallContext) -> Wire:
        return out(self._plans.get_key(params["usagePlanId"], params["keyId"]))

    def get_usage_plan_keys(self, params: Wire, _: CallContext) -> Wire:
        found = self._plans.keys(
            params["usagePlanId"],
            params.get("nameQuery"),
            params.get("position"),
            params.get("limit"),
        )
        return listing(found)

    def delete_usage_plan_key(self, params: Wire, _: CallContext) -> None:
        self._plans.remove_key(params["usagePlanId"], params["keyId"])

    def get_usage(self, params: Wire, _: CallContext) -> Wire:
        found = self._plans.usage(
            params["usagePlanId"],
            params["startDate"],
            params["endDate"],
            key_id=params.get("keyId"),
            position=params.get("position"),
            limit=params.get("limit"),
        )
        return out(found)

    def update_usage(self, params: Wire, _: CallContext) -> Wire:
        found = self._plans.update_usage(params["usagePlanId"], params["keyId"], patch_ops(params))
        return out(found)


def handlers(service: ApiGatewayService) -> dict[str, Handler]:
    return table(UsageHandlers(service), OPERATIONS)
