"""The REST-JSON edge against botocore's own serializer and parser (round trips)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from botocore.model import OperationModel, Shape
from botocore.parsers import RestJSONParser
from botocore.serialize import RestJSONSerializer

from cognigate.protocol.http import HttpRequest
from cognigate.protocol.restjson import RestJsonRouter, bind_input, serialize_output
from cognigate.protocol.spec import ServiceSpec

SPEC = ServiceSpec("apigateway")
ROUTER = RestJsonRouter(SPEC)


def _sample(shape: Shape, name: str) -> Any:
    kind = shape.type_name
    if kind == "string":
        return shape.enum[0] if shape.enum else f"{name}-v/1"
    if kind in ("integer", "long"):
        return 7
    if kind == "boolean":
        return True
    return None


def _params(operation: OperationModel) -> dict[str, Any]:
    shape = operation.input_shape
    if shape is None:
        return {}
    params: dict[str, Any] = {}
    for name, member in shape.members.items():
        where = member.serialization.get("location")
        value = _sample(member, name)
        if where in ("uri", "querystring", "header") and value is not None:
            params[name] = value
    return params


def _as_request(operation: OperationModel, params: dict[str, Any]) -> HttpRequest:
    wire = RestJSONSerializer().serialize_to_request(params, operation)
    url = urlsplit(wire["url_path"])
    query = [(k, str(v)) for k, v in wire["query_string"].items()] + parse_qsl(url.query)
    headers = {k.lower(): str(v) for k, v in wire["headers"].items()}
    body = wire["body"] if isinstance(wire["body"], bytes) else str(wire["body"]).encode()
    return HttpRequest(wire["method"], url.path, headers, body, tuple(query))


@pytest.mark.parametrize("name", sorted(SPEC.model.operation_names))
def test_every_operation_routes_back_to_itself_with_its_members(name: str) -> None:
    operation = SPEC.operation(name)
    params = _params(operation)
    request = _as_request(operation, params)

    found = ROUTER.find(request.method, request.path, dict(request.query))

    assert found is not None
    assert found[0] == name
    bound = bind_input(operation, request, found[1])
    for member, value in params.items():
        if operation.input_shape is not None and (
            operation.input_shape.members[member].serialization.get("location") == "uri"
        ):
            assert bound[member] == value


def test_list_output_is_parsed_by_botocore_as_items_with_timestamps() -> None:
    operation = SPEC.operation("GetRestApis")
    result = {"items": [{"id": "abc", "name": "n", "createdDate": 1_700_000_000.5}]}

    response = serialize_output(operation, result)
    parsed = RestJSONParser().parse(
        {"status_code": response.status, "headers": dict(response.headers), "body": response.body},
        operation.output_shape,
    )

    assert json.loads(response.body)["item"][0]["createdDate"] == 1_700_000_000
    assert parsed["items"][0]["id"] == "abc"
    assert parsed["items"][0]["createdDate"].year == 2023
