"""Integrations and integration responses: Put/Get/Update/Delete of both.

https://docs.aws.amazon.com/apigateway/latest/api/API_Integration.html
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

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
from cognigate.apigw.errors import BadRequestException, NotFoundException
from cognigate.apigw.methods import check_http_method
from cognigate.apigw.model import Integration, IntegrationResponse, Method
from cognigate.apigw.patch import Kind, PatchOp, PatchTable, rule

MIN_TIMEOUT, MAX_TIMEOUT = 50, 29000

_TABLE = PatchTable(
    (
        rule("/uri", "replace", "remove"),
        rule("/httpMethod"),
        rule("/type"),
        rule("/passthroughBehavior"),
        rule("/timeoutInMillis", kind=Kind.INT),
        rule("/contentHandling", "replace", "remove"),
        rule("/connectionType"),
        rule("/connectionId", "replace", "remove"),
        rule("/credentials", "replace", "remove"),
        rule("/cacheNamespace"),
        rule("/requestTemplates/*", "add", "replace", "remove"),
        rule("/requestParameters/*", "add", "replace", "remove"),
        rule("/tlsConfig/insecureSkipVerification", kind=Kind.BOOL),
    )
)
_RESPONSE_TABLE = PatchTable(
    (
        rule("/selectionPattern", "replace", "remove"),
        rule("/contentHandling", "replace", "remove"),
        rule("/responseTemplates/*", "add", "replace", "remove"),
        rule("/responseParameters/*", "add", "replace", "remove"),
    )
)


def _check_target(integration: Integration) -> None:
    """AWS's checks of ``type``, ``httpMethod`` and ``uri``. :raises BadRequestException:"""
    kind = integration.type
    if not MIN_TIMEOUT <= integration.timeout_in_millis <= MAX_TIMEOUT:
        raise BadRequestException(
            f"Timeout should be between {MIN_TIMEOUT} ms and {MAX_TIMEOUT} ms"
        )
    if kind == "MOCK":
        return
    if not integration.http_method:
        raise BadRequestException("Enumeration value for HttpMethod must be non-empty")
    check_http_method(integration.http_method)
    uri = integration.uri or ""
    if (
        kind in ("HTTP", "HTTP_PROXY")
        and integration.connection_type != "VPC_LINK"
        and (not uri.startswith(("http://", "https://")))
    ):
        raise BadRequestException("Invalid HTTP endpoint specified for URI")
    if kind == "AWS_PROXY" and ":lambda:" not in uri and ":firehose:" not in uri:
        raise BadRequestException(
            "Integrations of type 'AWS_PROXY' currently only supports Lambda function and "
            "Firehose stream invocations."
        )
    if kind == "AWS" and "path/" not in uri and "action/" not in uri:
        raise BadRequestException(
            "AWS ARN for integration must contain path or action"
            if uri.startswith("arn:")
            else "Invalid ARN specified in the request"
        )


def completed(integration: Integration, resource_id: str) -> Integration:
    """``integration`` with AWS's defaults filled in."""
    _check_target(integration)
    internet = integration.type in ("HTTP", "HTTP_PROXY")
    return dataclasses.replace(
        integration,
        http_method=None if integration.type == "MOCK" else integration.http_method,
        passthrough_behavior=integration.passthrough_behavior or "WHEN_NO_MATCH",
        cache_namespace=integration.cache_namespace or resource_id,
        connection_type=integration.connection_type or ("INTERNET" if internet else None),
        request_parameters=integration.request_parameters or None,
        request_templates=integration.request_templates or None,
    )


def require_integration(method: Method) -> Integration:
    """:raises NotFoundException: ``Invalid Integration identifier specified``."""
    if method.method_integration is None:
        raise NotFoundException("Invalid Integration identifier specified")
    return method.method_integration


def _with_response(
    integration: Integration, code: str, response: IntegrationResponse | None
) -> Integration:
    responses = {k: v for k, v in (integration.integration_responses or {}).items() if k != code}
    if response is not None:
        responses[code] = response
    return dataclasses.replace(integration, integration_responses=responses or None)


def _require_response(integration: Integration, code: str) -> IntegrationResponse:
    found = (integration.integration_responses or {}).get(code)
    if found is None:
        raise NotFoundException("Invalid Response status code specified")
    return found


_Edit = Callable[[Method], Method]


class Integrations:
    """The Integration and IntegrationResponse operations."""

    def __init__(self, scope: Scope) -> None:
        self._scope = scope

    def _change(self, api_id: str, resource_id: str, http_method: str, edit: _Edit) -> Method:
        with self._scope.uow(write=True) as uow:
            definition = require_api(uow, self._scope, api_id, RESOURCE_NOT_FOUND)
            method = edit(require_method(require_resource(definition, resource_id), http_method))
            uow.apis.save(replace_method(definition, resource_id, method))
        return method

    def _method(self, api_id: str, resource_id: str, http_method: str) -> Method:
        with self._scope.uow(write=False) as uow:
            definition = require_api(uow, self._scope, api_id, RESOURCE_NOT_FOUND)
            return require_method(require_resource(definition, resource_id), http_method)

    def put(
        self, api_id: str, resource_id: str, http_method: str, integration: Integration
    ) -> Integration:
        """Create or overwrite. :raises NotFoundException, BadRequestException:"""
        integration = completed(integration, resource_id)
        self._change(
            api_id,
            resource_id,
            http_method,
            lambda m: dataclasses.replace(m, method_integration=integration),
        )
        return integration

    def get(self, api_id: str, resource_id: str, http_method: str) -> Integration:
        return require_integration(self._method(api_id, resource_id, http_method))

    def update(
        self, api_id: str, resource_id: str, http_method: str, ops: Sequence[PatchOp]
    ) -> Integration:
        def edit(method: Method) -> Method:
            doc = patch.apply(to_doc(require_integration(method)), ops, _TABLE)
            changed = completed(from_doc(Integration, doc), resource_id)
            return dataclasses.replace(method, method_integration=changed)

        method = self._change(api_id, resource_id, http_method, edit)
        return require_integration(method)

    def delete(self, api_id: str, resource_id: str, http_method: str) -> None:
        def edit(method: Method) -> Method:
            require_integration(method)
            return dataclasses.replace(method, method_integration=None)

        self._change(api_id, resource_id, http_method, edit)

    def put_response(
        self, api_id: str, resource_id: str, http_method: str, response: IntegrationResponse
    ) -> IntegrationResponse:
        params = response.response_parameters
        if params is not None and any(not v for v in params.values()):
            raise BadRequestException("Invalid null or empty value in responseParameters")

        def edit(method: Method) -> Method:
            integration = require_integration(method)
            changed = _with_response(integration, response.status_code, response)
            return dataclasses.replace(method, method_integration=changed)

        self._change(api_id, resource_id, http_method, edit)
        return response

    def get_response(
        self, api_id: str, resource_id: str, http_method: str, code: str
    ) -> IntegrationResponse:
        method = self._method(api_id, resource_id, http_method)
        return _require_response(require_integration(method), code)

    def update_response(
        self, api_id: str, resource_id: str, http_method: str, code: str, ops: Sequence[PatchOp]
    ) -> IntegrationResponse:
        def edit(method: Method) -> Method:
            integration = require_integration(method)
            doc = patch.apply(to_doc(_require_response(integration, code)), ops, _RESPONSE_TABLE)
            changed = _with_response(integration, code, from_doc(IntegrationResponse, doc))
            return dataclasses.replace(method, method_integration=changed)

        method = self._change(api_id, resource_id, http_method, edit)
        return _require_response(require_integration(method), code)

    def delete_response(self, api_id: str, resource_id: str, http_method: str, code: str) -> None:
        """:raises NotFoundException: AWS parity: an unknown method is reported as
        ``Invalid Integration identifier specified`` here."""
        with self._scope.uow(write=False) as uow:
            definition = require_api(uow, self._scope, api_id, RESOURCE_NOT_FOUND)
            if require_resource(definition, resource_id).method(http_method) is None:
                raise NotFoundException("Invalid Integration identifier specified")

        def edit(method: Method) -> Method:
            integration = require_integration(method)
            _require_response(integration, code)
            return dataclasses.replace(
                method, method_integration=_with_response(integration, code, None)
            )

        self._change(api_id, resource_id, http_method, edit)
