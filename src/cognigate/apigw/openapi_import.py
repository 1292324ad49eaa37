"""ImportRestApi / PutRestApi: an OpenAPI 3 or Swagger 2 document with API Gateway's
``x-amazon-apigateway-*`` extensions, turned into an :class:`ApiDefinition`.

https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions.html
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping

from cognigate.apigw.errors import BadRequestException
from cognigate.apigw.integrations import completed
from cognigate.apigw.model import (
    ApiDefinition,
    GatewayResponse,
    Integration,
    IntegrationResponse,
    Method,
    MethodResponse,
    Model,
    RequestValidator,
)
from cognigate.apigw.models import default_models
from cognigate.apigw.openapi_auth import (
    SecuritySchemes,
    apply_security,
    as_list,
    as_map,
    opt_str,
    read_schemes,
)
from cognigate.apigw.resources import add_resource
from cognigate.apigw.rest_apis import NewRestApi, new_definition
from cognigate.core import ids

INTEGRATION_EXT = "x-amazon-apigateway-integration"
ANY_EXT = "x-amazon-apigateway-any-method"
VERBS = ("get", "put", "post", "delete", "patch", "options", "head")
MODEL_BASE = "https://apigateway.amazonaws.com/restapis/{api}/models/"
_INVALID = "Invalid OpenAPI input."
_PARAM_PLACES = {"path": "path", "query": "querystring", "header": "header"}


def _schema_ref(schema: object) -> str | None:
    ref = as_map(schema).get("$ref")
    return str(ref).rsplit("/", 1)[-1] if ref else None


def _is_v3(doc: Mapping[str, object]) -> bool:
    return str(doc.get("openapi", "")).startswith("3")


def check_document(doc: object) -> Mapping[str, object]:
    """:raises BadRequestException: not an OpenAPI 3 / Swagger 2 document."""
    if not isinstance(doc, Mapping):
        raise BadRequestException(_INVALID)
    if not (_is_v3(doc) or str(doc.get("swagger", "")) == "2.0"):
        raise BadRequestException(_INVALID)
    if not isinstance(doc.get("paths", {}), Mapping) or not isinstance(doc.get("info"), Mapping):
        raise BadRequestException(_INVALID)
    return doc


def _models(doc: Mapping[str, object], api_id: str) -> dict[str, Model]:
    schemas = (
        as_map(as_map(doc.get("components")).get("schemas"))
        if _is_v3(doc)
        else as_map(doc.get("definitions"))
    )
    base = MODEL_BASE.format(api=api_id)
    local = "#/components/schemas/" if _is_v3(doc) else "#/definitions/"
    models = default_models(with_error=False)
    for name, schema in schemas.items():
        text = json.dumps(schema).replace(f'"{local}', f'"{base}')
        models[name] = Model(
            id=ids.short_id(), name=name, content_type="application/json", schema=text
        )
    return models


def _integration_response(pattern: str, raw: object) -> IntegrationResponse:
    spec = as_map(raw)
    return IntegrationResponse(
        status_code=str(spec.get("statusCode", "200")),
        selection_pattern=None if pattern == "default" else pattern,
        response_parameters={
            str(k): str(v) for k, v in as_map(spec.get("responseParameters")).items()
        }
        or None,
        response_templates={
            str(k): opt_str(v) for k, v in as_map(spec.get("responseTemplates")).items()
        }
        or None,
        content_handling=opt_str(spec.get("contentHandling")),
    )


def _integration(raw: Mapping[str, object], resource_id: str) -> Integration:
    responses = {
        response.status_code: response
        for pattern, spec in as_map(raw.get("responses")).items()
        for response in [_integration_response(str(pattern), spec)]
    }
    passthrough = opt_str(raw.get("passthroughBehavior"))
    timeout = raw.get("timeoutInMillis")
    integration = Integration(
        type=str(raw.get("type", "")).upper(),
        http_method=opt_str(raw.get("httpMethod")),
        uri=opt_str(raw.get("uri")),
        connection_type=opt_str(raw.get("connectionType")),
        connection_id=opt_str(raw.get("connectionId")),
        credentials=opt_str(raw.get("credentials")),
        request_parameters={
            str(k): str(v) for k, v in as_map(raw.get("requestParameters")).items()
        },
        request_templates={
            str(k): opt_str(v) for k, v in as_map(raw.get("requestTemplates")).items()
        },
        passthrough_behavior=passthrough.upper() if passthrough else None,
        content_handling=opt_str(raw.get("contentHandling")),
        timeout_in_millis=int(str(timeout)) if timeout is not None else 29000,
        cache_namespace=opt_str(raw.get("cacheNamespace")),
        cache_key_parameters=tuple(str(p) for p in as_list(raw.get("cacheKeyParameters"))),
        integration_responses=responses or None,
    )
    return completed(integration, resource_id)


def _parameters(operation: Mapping[str, object], inherited: list[object]) -> dict[str, bool]:
    found: dict[str, bool] = {}
    for raw in [*inherited, *as_list(operation.get("parameters"))]:
        param = as_map(raw)
        place = _PARAM_PLACES.get(str(param.get("in", "")))
        if place:
            found[f"method.request.{place}.{param.get('name')}"] = bool(param.get("required"))
    return found


def _request_models(operation: Mapping[str, object], v3: bool) -> dict[str, str]:
    if v3:
        content = as_map(as_map(operation.get("requestBody")).get("content"))
        return {
            ct: ref
            for ct, spec in content.items()
            if (ref := _schema_ref(as_map(spec).get("schema")))
        }
    for raw in as_list(operation.get("parameters")):
        param = as_map(raw)
        ref = _schema_ref(param.get("schema")) if param.get("in") == "body" else None
        if ref:
            consumes = as_list(operation.get("consumes")) or ["application/json"]
            return {str(consumes[0]): ref}
    return {}


def _method_responses(operation: Mapping[str, object], v3: bool) -> dict[str, MethodResponse]:
    found: dict[str, MethodResponse] = {}
    for code, raw in as_map(operation.get("responses")).items():
        spec = as_map(raw)
        headers = {f"method.response.header.{h}": False for h in as_map(spec.get("headers"))}
        if v3:
            content = as_map(spec.get("content"))
            models = {
                ct: r for ct, s in content.items() if (r := _schema_ref(as_map(s).get("schema")))
            }
        else:
            ref = _schema_ref(spec.get("schema"))
            produces = as_list(operation.get("produces")) or ["application/json"]
            models = {str(produces[0]): ref} if ref else {}
        found[str(code)] = MethodResponse(
            status_code=str(code),
            response_parameters=headers or None,
            response_models=models or None,
        )
    return found


@dataclasses.dataclass(frozen=True, slots=True)
class _Context:
    """What every operation of one document needs."""

    v3: bool
    schemes: SecuritySchemes
    security: list[object]
    validators: dict[str, RequestValidator]
    default_validator: str | None
    prefix: str = ""


def _method(
    verb: str, raw: object, ctx: _Context, resource_id: str, inherited: list[object]
) -> Method:
    operation = as_map(raw)
    validator_name = opt_str(operation.get("x-amazon-apigateway-request-validator"))
    validator = ctx.validators.get(validator_name or ctx.default_validator or "")
    integration = as_map(operation.get(INTEGRATION_EXT))
    method = Method(
        http_method=verb,
        operation_name=opt_str(operation.get("operationId")),
        request_parameters=_parameters(operation, inherited) or None,
        request_models=_request_models(operation, ctx.v3) or None,
        request_validator_id=validator.id if validator else None,
        method_responses=_method_responses(operation, ctx.v3) or None,
        method_integration=_integration(integration, resource_id) if integration else None,
    )
    security = as_list(operation.get("security")) if "security" in operation else ctx.security
    return apply_security(method, security, ctx.schemes)


def _resource_for(definition: ApiDefinition, path: str) -> tuple[ApiDefinition, str]:
    """The id of the resource at ``path``, creating missing ones on the way."""
    current = definition.api.root_resource_id
    for part in [p for p in path.split("/") if p]:
        child = next((c for c in definition.children(current) if c.path_part == part), None)
        if child is None:
            definition, child = add_resource(definition, current, part)
        current = child.id
    return definition, current


def _add_paths(
    definition: ApiDefinition, doc: Mapping[str, object], ctx: _Context
) -> ApiDefinition:
    for path, raw_item in as_map(doc.get("paths")).items():
        definition, resource_id = _resource_for(definition, ctx.prefix + str(path))
        item = as_map(raw_item)
        inherited = as_list(item.get("parameters"))
        resource = definition.resources[resource_id]
        for key, raw in item.items():
            verb = "ANY" if key == ANY_EXT else key.upper() if key in VERBS else None
            if verb is not None:
                resource = resource.with_method(_method(verb, raw, ctx, resource_id, inherited))
        definition = definition.with_resource(resource)
    return definition


def _validators(doc: Mapping[str, object]) -> dict[str, RequestValidator]:
    return {
        str(name): RequestValidator(
            id=ids.short_id(),
            name=str(name),
            validate_request_body=bool(as_map(spec).get("validateRequestBody")),
            validate_request_parameters=bool(as_map(spec).get("validateRequestParameters")),
        )
        for name, spec in as_map(doc.get("x-amazon-apigateway-request-validators")).items()
    }


def _gateway_responses(doc: Mapping[str, object]) -> dict[str, GatewayResponse]:
    found: dict[str, GatewayResponse] = {}
    for kind, raw in as_map(doc.get("x-amazon-apigateway-gateway-responses")).items():
        spec = as_map(raw)
        found[str(kind)] = GatewayResponse(
            response_type=str(kind),
            status_code=opt_str(spec.get("statusCode")),
            response_parameters={
                str(k): str(v) for k, v in as_map(spec.get("responseParameters")).items()
            },
            response_templates={
                str(k): str(v) for k, v in as_map(spec.get("responseTemplates")).items()
            },
        )
    return found


def _api_settings(doc: Mapping[str, object]) -> NewRestApi:
    info = as_map(doc.get("info"))
    binary = tuple(str(t) for t in as_list(doc.get("x-amazon-apigateway-binary-media-types")))
    source = opt_str(doc.get("x-amazon-apigateway-api-key-source"))
    return NewRestApi(
        name=str(info.get("title") or "API"),
        description=opt_str(info.get("description")) or None,
        version=opt_str(info.get("version")),
        binary_media_types=binary or None,
        api_key_source=source.upper() if source else None,
    )


def _schemes_of(doc: Mapping[str, object]) -> SecuritySchemes:
    if _is_v3(doc):
        return read_schemes(as_map(as_map(doc.get("components")).get("securitySchemes")))
    return read_schemes(as_map(doc.get("securityDefinitions")))


def base_path_prefix(doc: Mapping[str, object], mode: str | None) -> str:
    """The path prefix ImportRestApi's ``basepath`` parameter asks for.

    ``ignore`` (default): none; ``prepend``: the whole base path; ``split``: the base path
    without its first segment.
    """
    if mode not in ("prepend", "split"):
        return ""
    if _is_v3(doc):
        servers = as_list(doc.get("servers"))
        server = as_map(servers[0]) if servers else {}
        url = str(server.get("url", ""))
        for name, var in as_map(server.get("variables")).items():
            url = url.replace("{" + str(name) + "}", str(as_map(var).get("default", "")))
        base = "/" + url.split("://", 1)[-1].partition("/")[2] if "://" in url else url
    else:
        base = str(doc.get("basePath") or "")
    parts = [p for p in base.split("/") if p]
    if mode == "split":
        parts = parts[1:]
    return "".join(f"/{p}" for p in parts)


def definition_from_document(
    doc: object, created: float, base_path: str | None = None
) -> ApiDefinition:
    """A new API built from ``doc``. :raises BadRequestException: invalid document."""
    checked = check_document(doc)
    definition = new_definition(_api_settings(checked), created)
    return fill_from_document(definition, checked, base_path)


def fill_from_document(
    definition: ApiDefinition, doc: Mapping[str, object], base_path: str | None = None
) -> ApiDefinition:
    """``definition`` (an API with only a root) filled with the document's contents."""
    validators = _validators(doc)
    schemes = _schemes_of(doc)
    ctx = _Context(
        v3=_is_v3(doc),
        schemes=schemes,
        security=as_list(doc.get("security")),
        validators=validators,
        default_validator=opt_str(doc.get("x-amazon-apigateway-request-validator")),
        prefix=base_path_prefix(doc, base_path),
    )
    definition = dataclasses.replace(
        definition,
        models=_models(doc, definition.api.id),
        authorizers={a.id: a for a in schemes.authorizers.values()},
        request_validators={v.id: v for v in validators.values()},
        gateway_responses=_gateway_responses(doc),
    )
    try:
        return _add_paths(definition, doc, ctx)
    except (ValueError, TypeError) as error:
        raise BadRequestException(_INVALID) from error
