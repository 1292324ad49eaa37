"""Handlers of ImportRestApi, PutRestApi and GetExport (OpenAPI 3 / Swagger 2, JSON or YAML)."""

from __future__ import annotations

import json

import yaml

from cognigate.apigw.service import ApiGatewayService
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.restjson import Handler
from cognigate.providers.apigateway.wire import out, table

OPERATIONS = ("ImportRestApi", "PutRestApi", "GetExport")


def parse_document(body: object) -> object:
    """The document as parsed JSON or YAML; unreadable input stays a string (the domain
    rejects it as ``Invalid OpenAPI input.``)."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body or "")
    try:
        return json.loads(text)
    except ValueError:
        pass
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


class OpenApiHandlers:
    def __init__(self, service: ApiGatewayService) -> None:
        self._openapi = service.openapi

    def import_rest_api(self, params: Wire, _: CallContext) -> Wire:
        base_path = (params.get("parameters") or {}).get("basepath")
        return out(self._openapi.import_api(parse_document(params.get("body")), base_path))

    def put_rest_api(self, params: Wire, _: CallContext) -> Wire:
        document = parse_document(params.get("body"))
        base_path = (params.get("parameters") or {}).get("basepath")
        found = self._openapi.put_api(params["restApiId"], document, params.get("mode"), base_path)
        return out(found)

    def get_export(self, params: Wire, _: CallContext) -> Wire:
        query = params.get("parameters") or {}
        doc = self._openapi.export(
            params["restApiId"], params["stageName"], params["exportType"], query.get("extensions")
        )
        as_yaml = "yaml" in (params.get("accepts") or "")
        name = "swagger" if params["exportType"] == "swagger" else "oas30"
        suffix = "yaml" if as_yaml else "json"
        body = yaml.safe_dump(doc, sort_keys=False) if as_yaml else json.dumps(doc, indent=2)
        return {
            "contentType": "application/yaml" if as_yaml else "application/json",
            "contentDisposition": f'attachment; filename="{name}.{suffix}"',
            "body": body.encode(),
        }


def handlers(service: ApiGatewayService) -> dict[str, Handler]:
    return table(OpenApiHandlers(service), OPERATIONS)
