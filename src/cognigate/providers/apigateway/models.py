"""Handlers of the Model and RequestValidator operations."""

from __future__ import annotations

from cognigate.apigw.model import Model, RequestValidator
from cognigate.apigw.service import ApiGatewayService
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.restjson import Handler
from cognigate.providers.apigateway.wire import inp, listing, out, patch_ops, table

OPERATIONS = (
    "CreateModel",
    "GetModel",
    "GetModels",
    "UpdateModel",
    "DeleteModel",
    "CreateRequestValidator",
    "GetRequestValidator",
    "GetRequestValidators",
    "UpdateRequestValidator",
    "DeleteRequestValidator",
)


class ModelHandlers:
    def __init__(self, service: ApiGatewayService) -> None:
        self._models = service.models

    def create_model(self, params: Wire, _: CallContext) -> Wire:
        return out(self._models.create(params["restApiId"], inp(Model, params, id="")))

    def get_model(self, params: Wire, _: CallContext) -> Wire:
        return out(self._models.get(params["restApiId"], params["modelName"]))

    def get_models(self, params: Wire, _: CallContext) -> Wire:
        api_id = params["restApiId"]
        return listing(self._models.list(api_id, params.get("position"), params.get("limit")))

    def update_model(self, params: Wire, _: CallContext) -> Wire:
        found = self._models.update(params["restApiId"], params["modelName"], patch_ops(params))
        return out(found)

    def delete_model(self, params: Wire, _: CallContext) -> None:
        self._models.delete(params["restApiId"], params["modelName"])

    def create_request_validator(self, params: Wire, _: CallContext) -> Wire:
        validator = inp(RequestValidator, params, id="", name=params.get("name") or "")
        return out(self._models.create_validator(params["restApiId"], validator))

    def get_request_validator(self, params: Wire, _: CallContext) -> Wire:
        found = self._models.get_validator(params["restApiId"], params["requestValidatorId"])
        return out(found)

    def get_request_validators(self, params: Wire, _: CallContext) -> Wire:
        found = self._models.list_validators(
            params["restApiId"], params.get("position"), params.get("limit")
        )
        return listing(found)

    def update_request_validator(self, params: Wire, _: CallContext) -> Wire:
        found = self._models.update_validator(
            params["restApiId"], params["requestValidatorId"], patch_ops(params)
        )
        return out(found)

    def delete_request_validator(self, params: Wire, _: CallContext) -> None:
        self._models.delete_validator(params["restApiId"], params["requestValidatorId"])


def handlers(service: ApiGatewayService) -> dict[str, Handler]:
    return table(ModelHandlers(service), OPERATIONS)
