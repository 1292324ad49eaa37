"""Method responses: Put/Get/Update/DeleteMethodResponse.

https://docs.aws.amazon.com/apigateway/latest/api/API_MethodResponse.html
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from cognigate.apigw import patch
from cognigate.apigw.codec import from_doc, to_doc
from cognigate.apigw.context import (
    RESOURCE_NOT_FOUND,
    Scope,
    replace_method,
    require_api,
    require_method,
    require_resource,
)
from cognigate.apigw.errors import NotFoundException
from cognigate.apigw.model import Method, MethodResponse
from cognigate.apigw.patch import Kind, PatchOp, PatchTable, rule

_TABLE = PatchTable(
    (
        rule("/responseParameters/*", "add", "replace", "remove", kind=Kind.BOOL),
        rule("/responseModels/*", "add", "replace", "remove"),
    )
)


def require_response(method: Method, status_code: str) -> MethodResponse:
    """:raises NotFoundException: ``Invalid Response status code specified``."""
    found = (method.method_responses or {}).get(status_code)
    if found is None:
        raise NotFoundException("Invalid Response status code specified")
    return found


def with_response(method: Method, response: MethodResponse | None, status_code: str) -> Method:
    responses = {k: v for k, v in (method.method_responses or {}).items() if k != status_code}
    if response is not None:
        responses[status_code] = response
    return dataclasses.replace(method, method_responses=responses or None)


class MethodResponses:
    """The MethodResponse operations."""

    def __init__(self, scope: Scope) -> None:
        self._scope = scope

    def put(
        self, api_id: str, resource_id: str, http_method: str, response: MethodResponse
    ) -> MethodResponse:
        with self._scope.uow(write=True) as uow:
            definition = require_api(uow, self._scope, api_id, RESOURCE_NOT_FOUND)
            method = require_method(require_resource(definition, resource_id), http_method)
            method = with_response(method, response, response.status_code)
            uow.apis.save(replace_method(definition, resource_id, method))
        return response

    def get(
        self, api_id: str, resource_id: str, http_method: str, status_code: str
    ) -> MethodResponse:
        with self._scope.uow(write=False) as uow:
            definition = require_api(uow, self._scope, api_id, RESOURCE_NOT_FOUND)
            method = require_method(require_resource(definition, resource_id), http_method)
            return require_response(method, status_code)

    def update(
        self,
        api_id: str,
        resource_id: str,
        http_method: str,
        status_code: str,
        ops: Sequence[PatchOp],
    ) -> MethodResponse:
        with self._scope.uow(write=True) as uow:
            definition = require_api(uow, self._scope, api_id, RESOURCE_NOT_FOUND)
            method = require_method(require_resource(definition, resource_id), http_method)
            current = require_response(method, status_code)
            response = from_doc(MethodResponse, patch.apply(to_doc(current), ops, _TABLE))
            method = with_response(method, response, status_code)
            uow.apis.save(replace_method(definition, resource_id, method))
        return response

    def delete(self, api_id: str, resource_id: str, http_method: str, status_code: str) -> None:
        with self._scope.uow(write=True) as uow:
            definition = require_api(uow, self._scope, api_id, RESOURCE_NOT_FOUND)
            method = require_method(require_resource(definition, resource_id), http_method)
            require_response(method, status_code)
            method = with_response(method, None, status_code)
            uow.apis.save(replace_method(definition, resource_id, method))
