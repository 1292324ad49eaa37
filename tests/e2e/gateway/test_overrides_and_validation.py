"""Response overrides set by mapping templates, and request validation answers, at invoke time."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.e2e.gateway.conftest import Gateway, add_path, deploy, mock_method
from tests.support import unique

RESPONSE_OVERRIDE = (
    "#set($context.responseOverride.status = 444)\n"
    '#set($context.responseOverride.header.X-Custom = "c1")\n{"overridden": true}'
)
REQUEST_OVERRIDE = (
    '{"statusCode": 200}\n#set($context.responseOverride.status = 445)'
    '#set($context.responseOverride.header.foo = "bar")'
)
ECHO_CONTEXT = (
    '{"foo": "$context.responseOverride.header.foo", "sub": "$context.authorizer.claims.sub", '
    '"missing": "$input.path(\'$.zzz\')"}'
)
SCHEMA = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "type": "object",
    "required": ["name"],
    "properties": {"name": {"type": "string"}},
}


@pytest.fixture(scope="module")
def api(gateway_server: Gateway) -> str:
    apigw = gateway_server.client("apigateway")
    api_id: str = apigw.create_rest_api(name=unique("overrides"))["id"]
    ovr, req_ovr = add_path(apigw, api_id, "/ovr"), add_path(apigw, api_id, "/req-ovr")
    mock_method(apigw, api_id, ovr, responses={"200": (None, RESPONSE_OVERRIDE)})
    mock_method(
        apigw, api_id, req_ovr, request_template=REQUEST_OVERRIDE,
        responses={"200": (None, ECHO_CONTEXT)},
    )  # fmt: skip
    apigw.create_model(
        restApiId=api_id, name="Named", contentType="application/json", schema=json.dumps(SCHEMA)
    )
    validator = apigw.create_request_validator(
        restApiId=api_id, name="all", validateRequestBody=True, validateRequestParameters=True
    )["id"]
    mock_method(
        apigw, api_id, add_path(apigw, api_id, "/validated"), method="POST",
        requestValidatorId=validator, requestModels={"application/json": "Named"},
        requestParameters={"method.request.querystring.qs1": True,
                           "method.request.header.x-header-param": True},
    )  # fmt: skip
    deploy(apigw, api_id)
    return api_id


def _call(gateway: Gateway, api_id: str, path: str, **kw: Any) -> Any:
    return gateway.invoke(api_id, path, **kw)


def test_response_template_overrides_status_and_a_hyphenated_header(
    gateway_server: Gateway, api: str
) -> None:
    response = _call(gateway_server, api, "/ovr")

    assert response.status_code == 444
    assert response.headers["x-custom"] == "c1"
    assert response.json() == {"overridden": True}


def test_request_template_overrides_reach_the_response(gateway_server: Gateway, api: str) -> None:
    response = _call(gateway_server, api, "/req-ovr")

    assert response.status_code == 445
    assert response.headers["foo"] == "bar"
    assert response.json() == {"foo": "bar", "sub": "", "missing": ""}


def test_invalid_body_answers_invalid_request_body(gateway_server: Gateway, api: str) -> None:
    response = _call(
        gateway_server, api, "/validated", method="POST", params={"qs1": "1"},
        headers={"x-header-param": "h"}, json={"other": 1},
    )  # fmt: skip

    assert response.status_code == 400
    assert response.json() == {"message": "Invalid request body"}
    assert response.headers["x-amzn-errortype"] == "BadRequestException"


def test_missing_parameters_are_listed_headers_first(gateway_server: Gateway, api: str) -> None:
    response = _call(gateway_server, api, "/validated", method="POST", json={"name": "n"})

    assert response.status_code == 400
    assert response.json() == {
        "message": "Missing required request parameters: [x-header-param, qs1]"
    }
