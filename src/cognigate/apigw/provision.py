"""Declarative provisioning of APIs (for ``cognigate serve --init FILE``): idempotent by name.

An API is imported from an OpenAPI 3 / Swagger 2 document unless an API with the document's
title already exists; it is then deployed to ``stage`` when one is given.
"""

from __future__ import annotations

from dataclasses import dataclass

from cognigate.apigw.context import Scope
from cognigate.apigw.deployments import NewDeployment, deploy
from cognigate.apigw.openapi_import import check_document, definition_from_document


@dataclass(frozen=True, slots=True)
class ProvisionedApi:
    api_id: str
    name: str
    created: bool


def ensure_api_from_document(
    scope: Scope, document: object, stage: str | None = None
) -> ProvisionedApi:
    """Import ``document`` once. :raises BadRequestException: not an OpenAPI document."""
    definition = definition_from_document(check_document(document), scope.now())
    name = definition.api.name
    with scope.uow(write=True) as uow:
        for existing in uow.apis.all():
            if existing.api.name == name:
                return ProvisionedApi(existing.api.id, name, created=False)
        uow.apis.save(definition)
        if stage and definition.has_methods():
            deploy(uow, scope, definition.api.id, NewDeployment(stage_name=stage))
    return ProvisionedApi(definition.api.id, name, created=True)
