"""Validation order and messages recorded against AWS (test_apigateway_api snapshots)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.apigateway.conftest import ApiFactory, error_of

_SCHEMA = json.dumps({"title": "MySchema", "type": "object"})


@pytest.mark.parametrize("where", ["api", "resource"])
def test_put_method_checks_the_resource_before_the_http_method(
    apigateway: Any, make_api: ApiFactory, where: str
) -> None:
    api = make_api()
    api_id = "nope000000" if where == "api" else api["id"]
    resource_id = api["rootResourceId"] if where == "api" else "nope00"

    with pytest.raises(ClientError) as raised:
        apigateway.put_method(
            restApiId=api_id, resourceId=resource_id, httpMethod="WRONG", authorizationType="NONE"
        )

    assert error_of(raised) == (404, "NotFoundException", "Invalid Resource identifier specified")


def test_put_method_rejects_one_parameter_name_in_querystring_and_header(
    apigateway: Any, make_api: ApiFactory
) -> None:
    api = make_api()

    with pytest.raises(ClientError) as raised:
        apigateway.put_method(
            restApiId=api["id"], resourceId=api["rootResourceId"], httpMethod="GET",
            authorizationType="NONE",
            requestParameters={
                "method.request.querystring.optional": False,
                "method.request.header.optional": False,
            },
        )  # fmt: skip

    assert error_of(raised) == (
        400,
        "BadRequestException",
        "Parameter names must be unique across querystring, header and path",
    )


@pytest.mark.parametrize("path", ["/operationName", "/requestValidatorId"])
def test_update_method_add_names_only_replace(
    apigateway: Any, make_api: ApiFactory, path: str
) -> None:
    api = make_api()
    where = {"restApiId": api["id"], "resourceId": api["rootResourceId"], "httpMethod": "GET"}
    apigateway.put_method(**where, authorizationType="NONE")

    with pytest.raises(ClientError) as raised:
        apigateway.update_method(
            **where, patchOperations=[{"op": "add", "path": path, "value": "x"}]
        )

    assert error_of(raised) == (
        400,
        "BadRequestException",
        "Invalid patch operation specified. Must be one of: [replace]",
    )


def test_update_model_of_an_unknown_api_names_the_model(apigateway: Any) -> None:
    with pytest.raises(ClientError) as raised:
        apigateway.update_model(
            restApiId="nope000000", modelName="mySchema",
            patchOperations=[{"op": "replace", "path": "/description", "value": "d"}],
        )  # fmt: skip

    assert error_of(raised) == (404, "NotFoundException", "Invalid model name specified: mySchema")


def test_create_model_with_an_empty_description_leaves_it_out(
    apigateway: Any, make_api: ApiFactory
) -> None:
    api_id = make_api()["id"]

    created = apigateway.create_model(
        restApiId=api_id, name="MySchema", contentType="application/json", description="",
        schema=_SCHEMA,
    )  # fmt: skip

    assert "description" not in created


def test_create_request_validator_on_an_unknown_api_is_a_bad_request(apigateway: Any) -> None:
    with pytest.raises(ClientError) as raised:
        apigateway.create_request_validator(restApiId="nope000000", name="v")

    assert error_of(raised) == (400, "BadRequestException", "Invalid REST API identifier specified")


@pytest.mark.parametrize("op", ["add", "remove"])
def test_update_gateway_response_status_code_other_than_replace_is_a_bad_path(
    apigateway: Any, make_api: ApiFactory, op: str
) -> None:
    api_id = make_api()["id"]

    with pytest.raises(ClientError) as raised:
        apigateway.update_gateway_response(
            restApiId=api_id, responseType="DEFAULT_4XX",
            patchOperations=[{"op": op, "path": "/statusCode", "value": "444"}],
        )  # fmt: skip

    assert error_of(raised) == (400, "BadRequestException", "Invalid patch path /statusCode")


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("not-an-arn", "Invalid ARN specified in the request"),
        (
            "arn:aws:iam::0000000000:role/service-role/asdf",
            "AWS ARN for integration must contain path or action",
        ),
    ],
)
def test_aws_integration_uri_messages(
    apigateway: Any, make_api: ApiFactory, uri: str, message: str
) -> None:
    api = make_api()
    where = {"restApiId": api["id"], "resourceId": api["rootResourceId"], "httpMethod": "GET"}
    apigateway.put_method(**where, authorizationType="NONE")

    with pytest.raises(ClientError) as raised:
        apigateway.put_integration(**where, type="AWS", integrationHttpMethod="POST", uri=uri)

    assert error_of(raised) == (400, "BadRequestException", message)


def test_update_stage_bad_path_lists_the_paths_in_aws_words(
    apigateway: Any, mock_api: dict[str, str]
) -> None:
    api_id = mock_api["api_id"]
    apigateway.create_deployment(restApiId=api_id, stageName="dev")

    with pytest.raises(ClientError) as raised:
        apigateway.update_stage(
            restApiId=api_id, stageName="dev",
            patchOperations=[{"op": "replace", "path": "/tags/tag1", "value": "v"}],
        )  # fmt: skip

    message = error_of(raised)[2]
    assert "/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/" in message
    assert "/*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching" in message


def test_updated_usage_plan_quota_shows_offset_zero(apigateway: Any) -> None:
    plan = apigateway.create_usage_plan(name="quota-offset")["id"]
    try:
        updated = apigateway.update_usage_plan(
            usagePlanId=plan,
            patchOperations=[
                {"op": "replace", "path": "/quota/limit", "value": "5000"},
                {"op": "replace", "path": "/quota/period", "value": "MONTH"},
            ],
        )
    finally:
        apigateway.delete_usage_plan(usagePlanId=plan)

    assert updated["quota"] == {"limit": 5000, "offset": 0, "period": "MONTH"}
