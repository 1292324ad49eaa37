"""Handlers of the DocumentationPart and DocumentationVersion operations."""

from __future__ import annotations

from cognigate.apigw.documentation import PartFilter
from cognigate.apigw.documentation_model import DocumentationPartLocation
from cognigate.apigw.service import ApiGatewayService
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.restjson import Handler
from cognigate.providers.apigateway.openapi import parse_document
from cognigate.providers.apigateway.wire import inp, listing, out, patch_ops, table

OPERATIONS = (
    "CreateDocumentationPart",
    "GetDocumentationPart",
    "GetDocumentationParts",
    "UpdateDocumentationPart",
    "DeleteDocumentationPart",
    "ImportDocumentationParts",
    "CreateDocumentationVersion",
    "GetDocumentationVersion",
    "GetDocumentationVersions",
    "UpdateDocumentationVersion",
    "DeleteDocumentationVersion",
)


class DocumentationHandlers:
    def __init__(self, service: ApiGatewayService) -> None:
        self._docs = service.documentation

    def create_documentation_part(self, params: Wire, _: CallContext) -> Wire:
        location = inp(DocumentationPartLocation, params.get("location") or {})
        part = self._docs.create_part(params["restApiId"], location, params["properties"])
        return out(part)

    def get_documentation_part(self, params: Wire, _: CallContext) -> Wire:
        return out(self._docs.get_part(params["restApiId"], params["documentationPartId"]))

    def get_documentation_parts(self, params: Wire, _: CallContext) -> Wire:
        wanted = inp(PartFilter, params)
        found = self._docs.list_parts(
            params["restApiId"], wanted, params.get("position"), params.get("limit")
        )
        return listing(found)

    def update_documentation_part(self, params: Wire, _: CallContext) -> Wire:
        part = self._docs.update_part(
            params["restApiId"], params["documentationPartId"], patch_ops(params)
        )
        return out(part)

    def delete_documentation_part(self, params: Wire, _: CallContext) -> None:
        self._docs.delete_part(params["restApiId"], params["documentationPartId"])

    def import_documentation_parts(self, params: Wire, _: CallContext) -> Wire:
        result = self._docs.import_parts(
            params["restApiId"],
            parse_document(params.get("body")),
            params.get("mode"),
            bool(params.get("failOnWarnings")),
        )
        wire: Wire = {"ids": result.ids}
        if result.warnings:
            wire["warnings"] = result.warnings
        return wire

    def create_documentation_version(self, params: Wire, _: CallContext) -> Wire:
        created = self._docs.create_version(
            params["restApiId"],
            params["documentationVersion"],
            params.get("stageName"),
            params.get("description"),
        )
        return out(created)

    def get_documentation_version(self, params: Wire, _: CallContext) -> Wire:
        return out(self._docs.get_version(params["restApiId"], params["documentationVersion"]))

    def get_documentation_versions(self, params: Wire, _: CallContext) -> Wire:
        found = self._docs.list_versions(
            params["restApiId"], params.get("position"), params.get("limit")
        )
        return listing(found)

    def update_documentation_version(self, params: Wire, _: CallContext) -> Wire:
        changed = self._docs.update_version(
            params["restApiId"], params["documentationVersion"], patch_ops(params)
        )
        return out(changed)

    def delete_documentation_version(self, params: Wire, _: CallContext) -> None:
        self._docs.delete_version(params["restApiId"], params["documentationVersion"])


def handlers(service: ApiGatewayService) -> dict[str, Handler]:
    return table(DocumentationHandlers(service), OPERATIONS)
