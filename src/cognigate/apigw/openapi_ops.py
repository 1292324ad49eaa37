"""ImportRestApi, PutRestApi and GetExport.

https://docs.aws.amazon.com/apigateway/latest/api/API_ImportRestApi.html
https://docs.aws.amazon.com/apigateway/latest/api/API_PutRestApi.html
"""

from __future__ import annotations

import dataclasses

from cognigate.apigw.codec import Doc
from cognigate.apigw.context import Scope, require_api
from cognigate.apigw.documentation import import_parts, parts_in_document
from cognigate.apigw.errors import BadRequestException, NotFoundException
from cognigate.apigw.model import ApiDefinition, Resource, RestApi
from cognigate.apigw.openapi_export import ExportOptions, export_document
from cognigate.apigw.openapi_import import (
    check_document,
    definition_from_document,
    fill_from_document,
)
from cognigate.apigw.stages import require_stage

EXPORT_TYPES = ("oas30", "swagger")


def _emptied(definition: ApiDefinition) -> ApiDefinition:
    """The API with only its root resource, ready to be overwritten by a document."""
    root = definition.resources[definition.api.root_resource_id]
    bare = Resource(id=root.id, path="/")
    return dataclasses.replace(
        definition,
        resources={root.id: bare},
        authorizers={},
        models={},
        request_validators={},
        gateway_responses={},
    )


def _merged(old: ApiDefinition, new: ApiDefinition) -> ApiDefinition:
    return dataclasses.replace(
        new,
        authorizers={**old.authorizers, **new.authorizers},
        models={**old.models, **new.models},
        request_validators={**old.request_validators, **new.request_validators},
        gateway_responses={**old.gateway_responses, **new.gateway_responses},
    )


class OpenApi:
    """Documents in and out of the control plane."""

    def __init__(self, scope: Scope) -> None:
        self._scope = scope

    def import_api(self, document: object, base_path: str | None = None) -> RestApi:
        """ImportRestApi. :raises BadRequestException: ``Invalid OpenAPI input.``"""
        definition = definition_from_document(document, self._scope.now(), base_path)
        parts = parts_in_document(document)
        with self._scope.uow(write=True) as uow:
            uow.apis.save(definition)
            import_parts(uow, definition.api.id, parts, overwrite=True)
        return definition.api

    def put_api(
        self, api_id: str, document: object, mode: str | None, base_path: str | None = None
    ) -> RestApi:
        """PutRestApi: ``overwrite`` replaces the definition, ``merge`` (default) adds to it."""
        doc = check_document(document)
        with self._scope.uow(write=True) as uow:
            current = require_api(uow, self._scope, api_id)
            if mode == "overwrite":
                definition = fill_from_document(_emptied(current), doc, base_path)
            else:
                definition = _merged(current, fill_from_document(current, doc, base_path))
            uow.apis.save(definition)
        return definition.api

    def export(self, api_id: str, stage_name: str, export_type: str, extensions: str | None) -> Doc:
        """GetExport of the deployment a stage serves.

        :raises NotFoundException: unknown API or stage. :raises BadRequestException: type.
        """
        if export_type not in EXPORT_TYPES:
            raise BadRequestException(f"No export type found for {export_type}")
        with self._scope.uow(write=False) as uow:
            require_api(uow, self._scope, api_id)
            stage = require_stage(uow, api_id, stage_name)
            snapshot = uow.deployments.snapshot(api_id, stage.deployment_id)
        if snapshot is None:
            raise NotFoundException("Invalid Deployment identifier specified")
        wanted = {e.strip() for e in (extensions or "").split(",") if e.strip()}
        options = ExportOptions(
            v3=export_type == "oas30",
            integrations=bool(wanted & {"integrations", "apigateway"}),
            authorizers=bool(wanted & {"integrations", "apigateway", "authorizers"}),
            stage=stage_name,
            region=self._scope.region,
        )
        return export_document(snapshot, options)
