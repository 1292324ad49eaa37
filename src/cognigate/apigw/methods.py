"""Methods: PutMethod, GetMethod, UpdateMethod, DeleteMethod.

https://docs.aws.amazon.com/apigateway/latest/api/API_Method.html
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from cognigate.apigw import patch
from cognigate.apigw.codec import Doc, from_doc, to_doc
from cognigate.apigw.context import (
    RESOURCE_NOT_FOUND,
    Scope,
    replace_method,
    require_api,
    require_method,
    require_resource,
)
from cognigate.apigw.errors import BadRequestException
from cognigate.apigw.model import ApiDefinition, Method
from cognigate.apigw.patch import Kind, PatchOp, PatchTable, rule

HTTP_METHODS = ("GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "ANY")
AUTHORIZED_TYPES = ("CUSTOM", "COGNITO_USER_POOLS")

_TABLE = PatchTable(
    (
        rule("/authorizationType"),
        rule("/authorizerId", "replace", "remove"),
        rule("/apiKeyRequired", kind=Kind.BOOL),
        # Deviation: AWS names only replace when it rejects an op here; remove is kept (the
        # console clears a validator with it).
        rule("/operationName", "replace", "remove", listed=("replace",)),
        rule("/requestValidatorId", "replace", "remove", listed=("replace",)),
        rule("/requestParameters/*", "add", "replace", "remove", kind=Kind.BOOL),
        rule("/requestModels/*", "add", "replace", "remove"),
        rule("/authorizationScopes", "add", "remove", kind=Kind.LIST_ITEM),
    )
)


def check_http_method(http_method: str) -> None:
    if http_method not in HTTP_METHODS:
        raise BadRequestException(
            "Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,"
            "HEAD,ANY"
        )


def _check_parameter_names(method: Method) -> None:
    """:raises BadRequestException: one name in two of querystring, header and path."""
    seen: set[str] = set()
    for key in method.request_parameters or {}:
        location, _, name = key.removeprefix("method.request.").partition(".")
        if location not in ("querystring", "header", "path"):
            continue
        if name in seen:
            raise BadRequestException(
                "Parameter names must be unique across querystring, header and path"
            )
        seen.add(name)


def checked_method(definition: ApiDefinition, method: Method) -> Method:
    """``method`` after AWS's consistency rules against the rest of the API.

    :raises BadRequestException: a parameter name used twice, missing authorizer, unknown
        validator or model.
    """
    _check_parameter_names(method)
    if method.authorization_type in AUTHORIZED_TYPES:
        if method.authorizer_id not in definition.authorizers:
            raise BadRequestException(
                "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or "
                "COGNITO_USER_POOLS requires a valid authorizer."
            )
    elif method.authorizer_id is not None:
        # AWS parity: an authorizer id on a NONE/AWS_IAM method is dropped.
        method = dataclasses.replace(method, authorizer_id=None)
    validator = method.request_validator_id
    if validator and validator not in definition.request_validators:
        raise BadRequestException("Invalid Request Validator identifier specified")
    for model_name in (method.request_models or {}).values():
        if model_name not in definition.models:
            raise BadRequestException(f"Invalid model identifier specified: {model_name}")
    return dataclasses.replace(
        method,
        request_parameters=method.request_parameters or None,
        request_models=method.request_models or None,
        authorization_scopes=method.authorization_scopes or None,
    )


def _drop_empty(doc: Doc) -> Doc:
    return {k: v for k, v in doc.items() if v not in ({}, [], None)}


class Methods:
    """The Method operations."""

    def __init__(self, scope: Scope) -> None:
        self._scope = scope

    def put(self, api_id: str, resource_id: str, method: Method) -> Method:
        """Create or overwrite a method. :raises NotFoundException, BadRequestException:"""
        with self._scope.uow(write=True) as uow:
            definition = require_api(uow, self._scope, api_id, RESOURCE_NOT_FOUND)
            require_resource(definition, resource_id)
            check_http_method(method.http_method)
            method = checked_method(definition, method)
            uow.apis.save(replace_method(definition, resource_id, method))
        return method

    def get(self, api_id: str, resource_id: str, http_method: str) -> Method:
        with self._scope.uow(write=False) as uow:
            definition = require_api(uow, self._scope, api_id, RESOURCE_NOT_FOUND)
            return require_method(require_resource(definition, resource_id), http_method)

    def update(
        self, api_id: str, resource_id: str, http_method: str, ops: Sequence[PatchOp]
    ) -> Method:
        """:raises BadRequestException: bad path/op or authorizer. :raises NotFoundException:"""
        with self._scope.uow(write=True) as uow:
            definition = require_api(uow, self._scope, api_id, RESOURCE_NOT_FOUND)
            current = require_method(require_resource(definition, resource_id), http_method)
            doc = _drop_empty(patch.apply(to_doc(current), ops, _TABLE))
            method = checked_method(definition, from_doc(Method, doc))
            uow.apis.save(replace_method(definition, resource_id, method))
        return method

    def delete(self, api_id: str, resource_id: str, http_method: str) -> None:
        with self._scope.uow(write=True) as uow:
            definition = require_api(uow, self._scope, api_id, RESOURCE_NOT_FOUND)
            resource = require_resource(definition, resource_id)
            require_method(resource, http_method)
            uow.apis.save(definition.with_resource(resource.without_method(http_method)))
