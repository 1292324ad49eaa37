"""GetExport: a deployed API as an OpenAPI 3.0 or Swagger 2.0 document.

https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-export-api.html
With ``extensions`` the document carries the ``x-amazon-apigateway-*`` extensions, so that it
re-imports to the same API.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from cognigate.apigw.model import ApiDefinition, Integration, Method, MethodResponse, Resource
from cognigate.apigw.openapi_auth import AUTHORIZER_EXT, export_scheme
from cognigate.apigw.openapi_import import ANY_EXT, INTEGRATION_EXT, MODEL_BASE

Doc = dict[str, object]
_PLACES = {"path": "path", "querystring": "query", "header": "header"}


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """``oas30`` or ``swagger``; which extensions to include; where the stage lives."""

    v3: bool
    integrations: bool
    authorizers: bool
    stage: str
    region: str


def _ref(name: str, opts: ExportOptions) -> Doc:
    prefix = "#/components/schemas/" if opts.v3 else "#/definitions/"
    return {"$ref": prefix + name}


def _parameters(method: Method, opts: ExportOptions) -> list[object]:
    found: list[object] = []
    for key, required in (method.request_parameters or {}).items():
        _, _, place, name = key.split(".", 3)
        where = _PLACES.get(place)
        if where is None:
            continue
        param: Doc = {"name": name, "in": where, "required": bool(required)}
        param.update({"schema": {"type": "string"}} if opts.v3 else {"type": "string"})
        found.append(param)
    return found


def _response(response: MethodResponse, opts: ExportOptions) -> Doc:
    out: Doc = {"description": f"{response.status_code} response"}
    headers = {
        key.rsplit(".", 1)[-1]: ({"schema": {"type": "string"}} if opts.v3 else {"type": "string"})
        for key in response.response_parameters or {}
    }
    if headers:
        out["headers"] = headers
    models = response.response_models or {}
    if opts.v3 and models:
        out["content"] = {ct: {"schema": _ref(name, opts)} for ct, name in models.items()}
    elif models:
        out["schema"] = _ref(next(iter(models.values())), opts)
    return out


def _integration(integration: Integration) -> Doc:
    responses: Doc = {}
    for response in (integration.integration_responses or {}).values():
        spec: Doc = {"statusCode": response.status_code}
        for key, value in (
            ("responseParameters", response.response_parameters),
            ("responseTemplates", response.response_templates),
            ("contentHandling", response.content_handling),
        ):
            if value:
                spec[key] = dict(value) if isinstance(value, Mapping) else value
        responses[response.selection_pattern or "default"] = spec
    out: Doc = {"type": integration.type.lower()}
    members: tuple[tuple[str, object], ...] = (
        ("httpMethod", integration.http_method),
        ("uri", integration.uri),
        ("connectionType", integration.connection_type),
        ("connectionId", integration.connection_id),
        ("credentials", integration.credentials),
        ("requestParameters", integration.request_parameters),
        ("requestTemplates", integration.request_templates),
        ("passthroughBehavior", (integration.passthrough_behavior or "").lower() or None),
        ("contentHandling", integration.content_handling),
        ("timeoutInMillis", integration.timeout_in_millis),
        ("cacheNamespace", integration.cache_namespace),
        ("cacheKeyParameters", list(integration.cache_key_parameters)),
    )
    for name, member in members:
        if member is not None:
            out[name] = dict(member) if isinstance(member, Mapping) else member
    if responses:
        out["responses"] = responses
    return out


def _security(method: Method, definition: ApiDefinition) -> list[object]:
    found: list[object] = []
    authorizer = definition.authorizers.get(method.authorizer_id or "")
    if authorizer is not None and method.authorization_type in ("COGNITO_USER_POOLS", "CUSTOM"):
        found.append({authorizer.name: list(method.authorization_scopes or ())})
    if method.api_key_required:
        found.append({"api_key": []})
    return found


def _operation(method: Method, definition: ApiDefinition, opts: ExportOptions) -> Doc:
    op: Doc = {}
    if method.operation_name:
        op["operationId"] = method.operation_name
    if parameters := _parameters(method, opts):
        op["parameters"] = parameters
    models = method.request_models or {}
    if models and opts.v3:
        op["requestBody"] = {
            "content": {ct: {"schema": _ref(n, opts)} for ct, n in models.items()},
            "required": True,
        }
    elif models:
        name = next(iter(models.values()))
        body: Doc = {"in": "body", "name": name, "required": True, "schema": _ref(name, opts)}
        op["parameters"] = [*(parameters or []), body]
        op["consumes"] = list(models)
    responses = method.method_responses or {}
    op["responses"] = {code: _response(r, opts) for code, r in responses.items()}
    if security := _security(method, definition):
        op["security"] = security
    if opts.integrations and method.method_integration is not None:
        op[INTEGRATION_EXT] = _integration(method.method_integration)
    validator = definition.request_validators.get(method.request_validator_id or "")
    if opts.integrations and validator is not None:
        op["x-amazon-apigateway-request-validator"] = validator.name
    return op


def _paths(definition: ApiDefinition, opts: ExportOptions) -> Doc:
    paths: Doc = {}
    resources: list[Resource] = sorted(definition.resources.values(), key=lambda r: r.path)
    for resource in resources:
        item: Doc = {}
        for verb, method in sorted((resource.resource_methods or {}).items()):
            key = ANY_EXT if verb == "ANY" else verb.lower()
            item[key] = _operation(method, definition, opts)
        if item:
            paths[resource.path] = item
    return paths


def _schemas(definition: ApiDefinition, opts: ExportOptions) -> Doc:
    base = MODEL_BASE.format(api=definition.api.id)
    local = "#/components/schemas/" if opts.v3 else "#/definitions/"
    found: Doc = {}
    for name, model in sorted(definition.models.items()):
        found[name] = json.loads((model.schema or "{}").replace(f'"{base}', f'"{local}'))
    return found


def _security_schemes(definition: ApiDefinition, opts: ExportOptions) -> Doc:
    schemes: Doc = {}
    for authorizer in definition.authorizers.values():
        scheme = export_scheme(authorizer)
        if not opts.authorizers:
            scheme.pop(AUTHORIZER_EXT, None)
        schemes[authorizer.name] = scheme
    if any(
        m.api_key_required
        for r in definition.resources.values()
        for m in (r.resource_methods or {}).values()
    ):
        schemes["api_key"] = {"type": "apiKey", "name": "x-api-key", "in": "header"}
    return schemes


def export_document(definition: ApiDefinition, opts: ExportOptions) -> Doc:
    """The deployed ``definition`` as an OpenAPI 3.0.1 or Swagger 2.0 document."""
    api = definition.api
    info: Doc = {"title": api.name, "version": api.version or str(int(api.created_date))}
    if api.description:
        info["description"] = api.description
    host = f"{api.id}.execute-api.{opts.region}.amazonaws.com"
    doc: Doc = {"openapi": "3.0.1"} if opts.v3 else {"swagger": "2.0"}
    doc["info"] = info
    if opts.v3:
        doc["servers"] = [
            {
                "url": f"https://{host}/{{basePath}}",
                "variables": {"basePath": {"default": opts.stage}},
            }
        ]
    else:
        doc.update({"host": host, "basePath": f"/{opts.stage}", "schemes": ["https"]})
    doc["paths"] = _paths(definition, opts)
    schemas, schemes = _schemas(definition, opts), _security_schemes(definition, opts)
    if opts.v3:
        doc["components"] = {"schemas": schemas, "securitySchemes": schemes}
    else:
        doc.update({"securityDefinitions": schemes, "definitions": schemas})
    if opts.integrations:
        doc.update(_api_extensions(definition))
    return doc


def _api_extensions(definition: ApiDefinition) -> Doc:
    """API-level ``x-amazon-apigateway-*`` members: media types, key source, validators,
    gateway responses."""
    api = definition.api
    out: Doc = {}
    if api.binary_media_types:
        out["x-amazon-apigateway-binary-media-types"] = list(api.binary_media_types)
    if api.api_key_source != "HEADER":
        out["x-amazon-apigateway-api-key-source"] = api.api_key_source
    if definition.request_validators:
        out["x-amazon-apigateway-request-validators"] = {
            v.name: {
                "validateRequestBody": v.validate_request_body,
                "validateRequestParameters": v.validate_request_parameters,
            }
            for v in definition.request_validators.values()
        }
    if definition.gateway_responses:
        out["x-amazon-apigateway-gateway-responses"] = {
            kind: {
                k: v
                for k, v in (
                    ("statusCode", r.status_code),
                    ("responseParameters", dict(r.response_parameters) or None),
                    ("responseTemplates", dict(r.response_templates) or None),
                )
                if v is not None
            }
            for kind, r in sorted(definition.gateway_responses.items())
        }
    return out
