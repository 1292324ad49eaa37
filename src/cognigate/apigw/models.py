"""Models and request validators of an API.

https://docs.aws.amazon.com/apigateway/latest/api/API_Model.html
https://docs.aws.amazon.com/apigateway/latest/api/API_RequestValidator.html
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping, Sequence

from cognigate.apigw import patch
from cognigate.apigw.codec import from_doc, to_doc
from cognigate.apigw.context import Page, Scope, page, require_api
from cognigate.apigw.errors import BadRequestException, ConflictException, NotFoundException
from cognigate.apigw.model import ApiDefinition, Model, RequestValidator
from cognigate.apigw.patch import Kind, PatchOp, PatchTable, Style, rule
from cognigate.core import ids

_MODEL_TABLE = PatchTable((rule("/description"), rule("/schema")), style=Style.LONG)
_VALIDATOR_TABLE = PatchTable(
    (
        rule("/name"),
        rule("/validateRequestParameters", kind=Kind.BOOL),
        rule("/validateRequestBody", kind=Kind.BOOL),
    ),
    style=Style.LONG,
)
VALIDATOR_NOT_FOUND = "Invalid Request Validator identifier specified"
_DRAFT4 = "http://json-schema.org/draft-04/schema#"


def default_models(with_error: bool = True) -> dict[str, Model]:
    """The ``Empty`` (and ``Error``) models AWS adds to every new API."""
    empty = Model(
        id=ids.short_id(),
        name="Empty",
        content_type="application/json",
        description="This is a default empty schema model",
        schema=json.dumps({"$schema": _DRAFT4, "title": "Empty Schema", "type": "object"}),
    )
    error = Model(
        id=ids.short_id(),
        name="Error",
        content_type="application/json",
        description="This is a default error schema model",
        schema=json.dumps(
            {
                "$schema": _DRAFT4,
                "title": "Error Schema",
                "type": "object",
                "properties": {"message": {"type": "string"}},
            }
        ),
    )
    return {"Empty": empty, "Error": error} if with_error else {"Empty": empty}


def _check_schema(schema: str | None) -> None:
    try:
        parsed = json.loads(schema or "")
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict) or not parsed:
        raise BadRequestException(
            "Model schema must have at least 1 property or array items defined"
        )


def _model_missing(name: str) -> str:
    return f"Invalid model name specified: {name}"


def _require_model(definition: ApiDefinition, name: str) -> Model:
    found = definition.models.get(name)
    if found is None:
        raise NotFoundException(_model_missing(name))
    return found


def _model_users(definition: ApiDefinition, name: str) -> list[str]:
    return [
        f"{resource.path}/{verb}"
        for resource in definition.resources.values()
        for verb, method in (resource.resource_methods or {}).items()
        if name in (method.request_models or {}).values()
    ]


def _require_validator(definition: ApiDefinition, validator_id: str) -> RequestValidator:
    found = definition.request_validators.get(validator_id)
    if found is None:
        raise NotFoundException(VALIDATOR_NOT_FOUND)
    return found


_Edit = Callable[[ApiDefinition], ApiDefinition]


class Models:
    """The Model and RequestValidator operations."""

    def __init__(self, scope: Scope) -> None:
        self._scope = scope

    def _save(self, api_id: str, edit: _Edit, missing: str | None = None) -> None:
        with self._scope.uow(write=True) as uow:
            definition = require_api(uow, self._scope, api_id, missing)
            uow.apis.save(edit(definition))

    def _read(self, api_id: str, missing: str | None = None) -> ApiDefinition:
        """The API; AWS reports an unknown API as ``missing`` for single-item reads."""
        with self._scope.uow(write=False) as uow:
            return require_api(uow, self._scope, api_id, missing)

    def create(self, api_id: str, model: Model) -> Model:
        """:raises BadRequestException: empty name or schema. :raises ConflictException: dup."""
        if not model.name:
            raise BadRequestException("Model name must be non-empty")
        _check_schema(model.schema)
        # AWS parity: an empty description is not kept.
        model = dataclasses.replace(model, id=ids.short_id(), description=model.description or None)

        def edit(definition: ApiDefinition) -> ApiDefinition:
            if model.name in definition.models:
                raise ConflictException("Model name already exists for this REST API")
            return dataclasses.replace(definition, models={**definition.models, model.name: model})

        self._save(api_id, edit)
        return model

    def get(self, api_id: str, name: str) -> Model:
        return _require_model(self._read(api_id, _model_missing(name)), name)

    def list(
        self, api_id: str, position: str | None = None, limit: int | None = None
    ) -> Page[Model]:
        models = sorted(self._read(api_id).models.values(), key=lambda m: m.name)
        return page(models, position, limit)

    def update(self, api_id: str, name: str, ops: Sequence[PatchOp]) -> Model:
        result: list[Model] = []

        def edit(definition: ApiDefinition) -> ApiDefinition:
            doc = patch.apply(to_doc(_require_model(definition, name)), ops, _MODEL_TABLE)
            model = from_doc(Model, doc)
            _check_schema(model.schema)
            model = dataclasses.replace(model, description=model.description or None)
            result.append(model)
            return dataclasses.replace(definition, models={**definition.models, name: model})

        self._save(api_id, edit, _model_missing(name))
        return result[0]

    def delete(self, api_id: str, name: str) -> None:
        """:raises ConflictException: a method request still uses the model."""

        def edit(definition: ApiDefinition) -> ApiDefinition:
            _require_model(definition, name)
            users = _model_users(definition, name)
            if users:
                raise ConflictException(
                    f"Cannot delete model '{name}', is referenced in method request: {users[0]}"
                )
            kept = {k: v for k, v in definition.models.items() if k != name}
            return dataclasses.replace(definition, models=kept)

        self._save(api_id, edit, _model_missing(name))

    def create_validator(self, api_id: str, validator: RequestValidator) -> RequestValidator:
        if not validator.name.strip():
            raise BadRequestException("Request Validator name cannot be blank")
        validator = dataclasses.replace(validator, id=ids.short_id())
        with self._scope.uow(write=True) as uow:
            definition = uow.apis.get(api_id)
            if definition is None:
                # AWS parity: CreateRequestValidator reports an unknown API as a bad request.
                raise BadRequestException("Invalid REST API identifier specified")
            uow.apis.save(_with_validator(definition, validator))
        return validator

    def get_validator(self, api_id: str, validator_id: str) -> RequestValidator:
        return _require_validator(self._read(api_id, VALIDATOR_NOT_FOUND), validator_id)

    def list_validators(
        self, api_id: str, position: str | None = None, limit: int | None = None
    ) -> Page[RequestValidator]:
        return page(list(self._read(api_id).request_validators.values()), position, limit)

    def update_validator(
        self, api_id: str, validator_id: str, ops: Sequence[PatchOp]
    ) -> RequestValidator:
        result: list[RequestValidator] = []

        def edit(definition: ApiDefinition) -> ApiDefinition:
            current = _require_validator(definition, validator_id)
            doc = patch.apply(to_doc(current), ops, _VALIDATOR_TABLE)
            if not str(doc.get("name") or "").strip():
                raise BadRequestException("Request Validator name cannot be blank")
            changed = from_doc(RequestValidator, doc)
            result.append(changed)
            return _with_validator(definition, changed)

        self._save(api_id, edit, VALIDATOR_NOT_FOUND)
        return result[0]

    def delete_validator(self, api_id: str, validator_id: str) -> None:
        def edit(definition: ApiDefinition) -> ApiDefinition:
            _require_validator(definition, validator_id)
            kept = {k: v for k, v in definition.request_validators.items() if k != validator_id}
            return dataclasses.replace(definition, request_validators=kept)

        self._save(api_id, edit, VALIDATOR_NOT_FOUND)


def _with_validator(definition: ApiDefinition, validator: RequestValidator) -> ApiDefinition:
    validators: Mapping[str, RequestValidator] = {
        **definition.request_validators,
        validator.id: validator,
    }
    return dataclasses.replace(definition, request_validators=validators)
