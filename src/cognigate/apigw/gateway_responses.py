"""Gateway responses: the default set and an API's customisations.

https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from cognigate.apigw import patch
from cognigate.apigw.codec import Doc, from_doc, to_doc
from cognigate.apigw.context import Scope, require_api
from cognigate.apigw.errors import BadRequestException, NotFoundException
from cognigate.apigw.model import ApiDefinition, GatewayResponse
from cognigate.apigw.patch import PatchOp, PatchTable, rule

#: response type -> default status code (``None`` for DEFAULT_4XX / DEFAULT_5XX)
DEFAULT_STATUS: dict[str, str | None] = {
    "ACCESS_DENIED": "403",
    "API_CONFIGURATION_ERROR": "500",
    "AUTHORIZER_CONFIGURATION_ERROR": "500",
    "AUTHORIZER_FAILURE": "500",
    "BAD_REQUEST_BODY": "400",
    "BAD_REQUEST_PARAMETERS": "400",
    "DEFAULT_4XX": None,
    "DEFAULT_5XX": None,
    "EXPIRED_TOKEN": "403",
    "INTEGRATION_FAILURE": "504",
    "INTEGRATION_TIMEOUT": "504",
    "INVALID_API_KEY": "403",
    "INVALID_SIGNATURE": "403",
    "MISSING_AUTHENTICATION_TOKEN": "403",
    "QUOTA_EXCEEDED": "429",
    "REQUEST_TOO_LARGE": "413",
    "RESOURCE_NOT_FOUND": "404",
    "THROTTLED": "429",
    "UNAUTHORIZED": "401",
    "UNSUPPORTED_MEDIA_TYPE": "415",
    "WAF_FILTERED": "403",
}
DEFAULT_TEMPLATE = '{"message":$context.error.messageString}'

_TABLE = PatchTable(
    (
        rule("/statusCode"),
        rule("/responseParameters/*", "add", "replace", "remove"),
        rule("/responseTemplates/*", "add", "replace", "remove"),
    )
)


def default_response(response_type: str) -> GatewayResponse:
    """The built-in definition of ``response_type``."""
    return GatewayResponse(
        response_type=response_type,
        status_code=DEFAULT_STATUS.get(response_type),
        response_parameters={},
        response_templates={"application/json": DEFAULT_TEMPLATE},
        default_response=True,
    )


def family(response_type: str) -> str | None:
    """``DEFAULT_4XX`` or ``DEFAULT_5XX`` for a type whose default status is 4xx or 5xx."""
    status = DEFAULT_STATUS.get(response_type)
    if status is None:
        return None
    return "DEFAULT_4XX" if status.startswith("4") else "DEFAULT_5XX"


def effective(definition: ApiDefinition, response_type: str) -> GatewayResponse:
    """The API's customisation of ``response_type``, else what its family gives it.

    AWS parity: an untouched type takes a customised DEFAULT_4XX/DEFAULT_5XX's status code (when
    it has one), response parameters and templates, and still shows ``defaultResponse: true``.
    """
    configured = definition.gateway_responses
    found = configured.get(response_type)
    if found is not None:
        return found
    own = default_response(response_type)
    parent = configured.get(family(response_type) or "")
    if parent is None or parent.default_response:
        return own
    return dataclasses.replace(
        own,
        status_code=parent.status_code or own.status_code,
        response_parameters=dict(parent.response_parameters),
        response_templates=dict(parent.response_templates),
    )


def _special(doc: Doc, op: PatchOp) -> bool:
    if op.path == "/statusCode" and op.op != "replace":
        # AWS parity: add/remove of the status code is reported as a bad path.
        raise BadRequestException("Invalid patch path /statusCode")
    keys = patch.segments(op.path or "")
    if len(keys) == 2 and keys[0] in ("responseParameters", "responseTemplates"):
        if op.op in ("add", "replace") and not op.value:
            raise BadRequestException(f"Invalid null or empty value in {keys[0]}")
        table = doc.get(keys[0])
        if op.op == "replace" and not (isinstance(table, dict) and keys[1] in table):
            raise NotFoundException("Invalid parameter name specified")
    return False


class GatewayResponses:
    """The GatewayResponse operations."""

    def __init__(self, scope: Scope) -> None:
        self._scope = scope

    def put(self, api_id: str, response: GatewayResponse) -> GatewayResponse:
        kind = response.response_type
        stored = GatewayResponse(
            response_type=kind,
            status_code=response.status_code or DEFAULT_STATUS.get(kind),
            response_parameters=response.response_parameters or {},
            response_templates=response.response_templates
            or {"application/json": DEFAULT_TEMPLATE},
            default_response=False,
        )
        with self._scope.uow(write=True) as uow:
            definition = require_api(uow, self._scope, api_id)
            responses = {**definition.gateway_responses, kind: stored}
            uow.apis.save(dataclasses.replace(definition, gateway_responses=responses))
        return stored

    def get(self, api_id: str, response_type: str) -> GatewayResponse:
        with self._scope.uow(write=False) as uow:
            return effective(require_api(uow, self._scope, api_id), response_type)

    def list(self, api_id: str) -> list[GatewayResponse]:
        """All 21 types, customised or default, by type name."""
        with self._scope.uow(write=False) as uow:
            definition = require_api(uow, self._scope, api_id)
        return [effective(definition, kind) for kind in sorted(DEFAULT_STATUS)]

    def update(self, api_id: str, response_type: str, ops: Sequence[PatchOp]) -> GatewayResponse:
        with self._scope.uow(write=True) as uow:
            definition = require_api(uow, self._scope, api_id)
            current = definition.gateway_responses.get(response_type) or default_response(
                response_type
            )
            doc = patch.apply(to_doc(current), ops, _TABLE, _special)
            changed = dataclasses.replace(from_doc(GatewayResponse, doc), default_response=False)
            responses = {**definition.gateway_responses, response_type: changed}
            uow.apis.save(dataclasses.replace(definition, gateway_responses=responses))
        return changed

    def delete(self, api_id: str, response_type: str) -> None:
        """:raises NotFoundException: the type is not customised."""
        with self._scope.uow(write=True) as uow:
            definition = require_api(uow, self._scope, api_id)
            if response_type not in definition.gateway_responses:
                raise NotFoundException("Gateway response type not defined on api")
            kept = {k: v for k, v in definition.gateway_responses.items() if k != response_type}
            uow.apis.save(dataclasses.replace(definition, gateway_responses=kept))
