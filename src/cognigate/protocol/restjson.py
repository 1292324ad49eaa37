"""The AWS REST-JSON protocol edge (API Gateway): routing by ``requestUri``, binding, output.

https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html
Members are bound by the botocore model's ``location``/``locationName``; handlers receive and
return dicts keyed by member names, exactly like JSON 1.1 handlers.
"""

from __future__ import annotations

import base64
import json
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from botocore.model import OperationModel, Shape, StructureShape

from cognigate.core.errors import AwsError
from cognigate.core.ids import request_id as new_request_id
from cognigate.protocol.errors import restjson_error
from cognigate.protocol.http import CallContext, HttpRequest, HttpResponse, Wire
from cognigate.protocol.sigv4 import signed_region
from cognigate.protocol.spec import ServiceSpec
from cognigate.protocol.validate import TypeMismatch, validate_input, validation_message

logger = logging.getLogger(__name__)

Handler = Callable[[Wire, CallContext], Wire | None]

MAX_BODY_BYTES = 10 * 1024 * 1024
#: statuses that never carry content (RFC 9110 §15.3.5, §15.4.5)
BODYLESS_STATUSES = frozenset({204, 304})
_VAR = re.compile(r"^\{([^}+]+)(\+?)\}$")
_AT_PATH = re.compile(r"at '([A-Za-z0-9_]+)")
#: AWS parity: API Gateway lists enum values in its own (Java set) order, not the model's.
_AWS_ENUM_ORDER = {
    "add, remove, replace, move, copy, test": "add, remove, move, test, replace, copy",
    "HTTP, AWS, MOCK, HTTP_PROXY, AWS_PROXY": "HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS",
    "REGIONAL, EDGE, PRIVATE": "PRIVATE, EDGE, REGIONAL",
    "DEFAULT_4XX, DEFAULT_5XX, RESOURCE_NOT_FOUND, UNAUTHORIZED, INVALID_API_KEY, ACCESS_DENIED, "
    "AUTHORIZER_FAILURE, AUTHORIZER_CONFIGURATION_ERROR, INVALID_SIGNATURE, EXPIRED_TOKEN, "
    "MISSING_AUTHENTICATION_TOKEN, INTEGRATION_FAILURE, INTEGRATION_TIMEOUT, "
    "API_CONFIGURATION_ERROR, UNSUPPORTED_MEDIA_TYPE, BAD_REQUEST_PARAMETERS, BAD_REQUEST_BODY, "
    "REQUEST_TOO_LARGE, THROTTLED, QUOTA_EXCEEDED, WAF_FILTERED": "REQUEST_TOO_LARGE, "
    "RESOURCE_NOT_FOUND, AUTHORIZER_CONFIGURATION_ERROR, MISSING_AUTHENTICATION_TOKEN, "
    "BAD_REQUEST_BODY, INVALID_SIGNATURE, INVALID_API_KEY, BAD_REQUEST_PARAMETERS, "
    "AUTHORIZER_FAILURE, UNAUTHORIZED, INTEGRATION_TIMEOUT, ACCESS_DENIED, DEFAULT_4XX, "
    "DEFAULT_5XX, WAF_FILTERED, QUOTA_EXCEEDED, THROTTLED, API_CONFIGURATION_ERROR, "
    "UNSUPPORTED_MEDIA_TYPE, INTEGRATION_FAILURE, EXPIRED_TOKEN",
}


@dataclass(frozen=True, slots=True)
class Route:
    """One operation's ``http.method`` + ``http.requestUri``, split into segments."""

    operation: str
    method: str
    segments: tuple[str, ...]
    query: tuple[tuple[str, str], ...]

    @property
    def score(self) -> tuple[int, int]:
        literals = sum(1 for s in self.segments if not s.startswith("{"))
        return (len(self.query), literals)

    def match(
        self, method: str, parts: list[str], query: Mapping[str, str]
    ) -> dict[str, str] | None:
        """The URI labels when ``parts`` (raw, still percent-encoded) fit this route."""
        if method != self.method or any(query.get(k) != v for k, v in self.query):
            return None
        labels: dict[str, str] = {}
        for index, segment in enumerate(self.segments):
            var = _VAR.match(segment)
            if var and var.group(2):
                labels[var.group(1)] = unquote("/".join(parts[index:]))
                return labels if index < len(parts) else None
            if index >= len(parts):
                return None
            if var:
                labels[var.group(1)] = unquote(parts[index])
            elif parts[index] != segment:
                return None
        return labels if len(parts) == len(self.segments) else None


def _route(operation: OperationModel) -> Route:
    uri = operation.http["requestUri"]
    path, _, query = uri.partition("?")
    pairs = tuple(
        (key, value) for key, _, value in (item.partition("=") for item in query.split("&") if item)
    )
    segments = tuple(s for s in path.split("/") if s)
    return Route(operation.name, operation.http["method"], segments, pairs)


class RestJsonRouter:
    """Finds the operation for a method and a raw path, most specific route first."""

    def __init__(self, spec: ServiceSpec) -> None:
        routes = [_route(spec.operation(name)) for name in spec.model.operation_names]
        self._routes = sorted(routes, key=lambda r: r.score, reverse=True)

    def find(
        self, method: str, raw_path: str, query: Mapping[str, str]
    ) -> tuple[str, dict[str, str]] | None:
        parts = [p for p in raw_path.split("/") if p]
        for route in self._routes:
            labels = route.match(method, parts, query)
            if labels is not None:
                return route.operation, labels
        return None


class BindingError(Exception):
    """A URI, query or header value that cannot be read as its member's type."""


def _scalar(shape: Shape, raw: str) -> Any:
    kind = shape.type_name
    if kind == "boolean":
        return raw.lower() == "true"
    if kind in ("integer", "long"):
        try:
            return int(raw)
        except ValueError as error:
            raise BindingError(raw) from error
    if kind in ("double", "float"):
        try:
            return float(raw)
        except ValueError as error:
            raise BindingError(raw) from error
    return raw


def _query_member(shape: Shape, name: str, query: list[tuple[str, str]]) -> Any:
    if shape.type_name == "map":
        return dict(query)
    values = [value for key, value in query if key == name]
    if not values:
        return None
    if shape.type_name == "list":
        member = shape.member  # ListShape
        return [_scalar(member, v) for item in values for v in item.split(",")]
    return _scalar(shape, values[-1])


def _json_body(request: HttpRequest) -> Wire:
    if not request.body.strip():
        return {}
    parsed = json.loads(request.body)
    if not isinstance(parsed, dict):
        raise ValueError("body is not an object")
    return parsed


def _located(member: Shape, wire: str, request: HttpRequest, labels: Mapping[str, str]) -> Any:
    """The value of a URI, query-string or header member, or ``None``."""
    where = member.serialization.get("location")
    if where == "uri":
        return _scalar(member, labels[wire]) if wire in labels else None
    if where == "querystring":
        return _query_member(member, wire, list(request.query))
    if where == "header" and wire.lower() in request.headers:
        return _scalar(member, request.headers[wire.lower()])
    return None


def bind_input(operation: OperationModel, request: HttpRequest, labels: Mapping[str, str]) -> Wire:
    """Read every input member from its location; raises ValueError for a bad JSON body."""
    shape = operation.input_shape
    if shape is None:
        return {}
    payload = shape.serialization.get("payload")
    body = _json_body(request) if payload is None else {}
    params: Wire = {}
    for name, member in shape.members.items():
        wire = member.serialization.get("name", name)
        if name == payload:
            params[name] = request.body
        elif "location" in member.serialization:
            value = _located(member, wire, request, labels)
            if value is not None:
                params[name] = value
        elif wire in body:
            params[name] = body[wire]
    return params


def _body_members(shape: StructureShape) -> set[str]:
    return {
        name for name, member in shape.members.items() if "location" not in member.serialization
    }


def _prefix_body_paths(operation: OperationModel, errors: list[str]) -> list[str]:
    """AWS names body members ``<operation>Input.<member>``; URI members stay bare."""
    shape = operation.input_shape
    if shape is None:
        return errors
    body = _body_members(shape)
    prefix = operation.name[:1].lower() + operation.name[1:] + "Input."

    def fix(match: re.Match[str]) -> str:
        member = match.group(1)
        return f"at '{prefix}{member}" if member in body else match.group(0)

    return [_aws_enum_order(_AT_PATH.sub(fix, text, count=1)) for text in errors]


def _aws_enum_order(text: str) -> str:
    for model_order, aws_order in _AWS_ENUM_ORDER.items():
        text = text.replace(f"[{model_order}]", f"[{aws_order}]")
    return text


def _serialize(shape: Shape, value: Any) -> Any:
    kind = shape.type_name
    if kind == "structure" and isinstance(value, dict):
        out: Wire = {}
        for name, member in shape.members.items():
            if name in value and value[name] is not None:
                out[member.serialization.get("name", name)] = _serialize(member, value[name])
        return out
    if kind == "list" and isinstance(value, list | tuple):
        return [_serialize(shape.member, v) for v in value]
    if kind == "map" and isinstance(value, dict):
        return {k: _serialize(shape.value, v) for k, v in value.items()}
    if kind == "timestamp" and isinstance(value, int | float):
        return int(value)
    if kind == "blob" and isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def serialize_output(operation: OperationModel, result: Wire | None) -> HttpResponse:
    """Status from ``http.responseCode``; header members as headers; payload or JSON body."""
    status = int(operation.http.get("responseCode", 200))
    shape = operation.output_shape
    headers: list[tuple[str, str]] = []
    if status in BODYLESS_STATUSES:
        # RFC 9110 §15.3.5: a 204 has no content (AWS sends none; a body breaks keep-alive).
        return HttpResponse(status, b"", headers)
    if shape is None or result is None:
        return HttpResponse(status, b"{}", [("content-type", "application/json")])
    payload = shape.serialization.get("payload")
    json_part: Wire = {}
    for name, value in result.items():
        member = shape.members.get(name)
        if member is None or value is None:
            continue
        if member.serialization.get("location") == "header":
            headers.append((member.serialization.get("name", name).lower(), str(value)))
        elif name != payload:
            json_part[name] = value
    if payload is not None:
        raw = result.get(payload) or b""
        body = raw if isinstance(raw, bytes) else str(raw).encode()
        if not any(h == "content-type" for h, _ in headers):
            headers.append(("content-type", "application/json"))
        return HttpResponse(status, body, headers)
    headers.append(("content-type", "application/json"))
    body = json.dumps(_serialize(shape, json_part), separators=(",", ":")).encode()
    return HttpResponse(status, body, headers)


class RestJsonEndpoint:
    """Parses, validates and dispatches one REST-JSON service's calls to its handlers."""

    def __init__(
        self, spec: ServiceSpec, handlers: Mapping[str, Handler], *, default_region: str
    ) -> None:
        self._spec = spec
        self._handlers = dict(handlers)
        self._region = default_region
        self._router = RestJsonRouter(spec)

    def operations(self) -> frozenset[str]:
        return frozenset(self._handlers)

    def handle(self, request: HttpRequest) -> HttpResponse:
        """Answer one call; never raises. ``request.path`` must be the raw (encoded) path."""
        rid = new_request_id()
        found = self._router.find(request.method, request.path, dict(request.query))
        if found is None:
            return restjson_error("UnknownOperationException", None, 404, rid)
        operation, labels = found
        handler = self._handlers.get(operation)
        if handler is None:
            # AWS parity: an operation we do not implement answers 501, as STYLE.md asks.
            return restjson_error("NotImplemented", f"{operation} is not implemented", 501, rid)
        if len(request.body) > MAX_BODY_BYTES:
            return restjson_error("RequestEntityTooLargeException", None, 413, rid)
        op_model = self._spec.operation(operation)
        try:
            params = bind_input(op_model, request, labels)
        except (ValueError, UnicodeDecodeError, RecursionError, BindingError):
            return restjson_error("SerializationException", None, 400, rid)
        failure = self._validate(op_model, params, rid)
        if failure is not None:
            return failure
        context = CallContext(
            request_id=rid,
            region=signed_region(request.headers) or self._region,
            operation=operation,
            client_ip=request.client_ip,
            user_agent=request.headers.get("user-agent", ""),
        )
        return self._invoke(handler, op_model, params, context)

    def _validate(self, op_model: OperationModel, params: Wire, rid: str) -> HttpResponse | None:
        payload = (
            op_model.input_shape.serialization.get("payload") if op_model.input_shape else None
        )
        checked = {k: v for k, v in params.items() if k != payload}
        if payload is not None and payload in params:
            checked[payload] = "-"
        try:
            errors = validate_input(op_model.input_shape, checked)
        except TypeMismatch as mismatch:
            return restjson_error("SerializationException", mismatch.message, 400, rid)
        if errors:
            message = validation_message(_prefix_body_paths(op_model, errors))
            return restjson_error("ValidationException", message, 400, rid)
        return None

    def _invoke(
        self, handler: Handler, op_model: OperationModel, params: Wire, context: CallContext
    ) -> HttpResponse:
        rid = context.request_id
        try:
            result = handler(params, context)
        except AwsError as error:
            logger.info("%s %s -> %s", rid, context.operation, error.code)
            return restjson_error(error.code, error.message, error.status_code, rid)
        except Exception:
            logger.exception("%s %s failed", rid, context.operation)
            return restjson_error("InternalFailure", "Internal server error", 500, rid)
        response = serialize_output(op_model, result)
        response.headers.append(("x-amzn-requestid", rid))
        return response
