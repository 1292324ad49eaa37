"""API keys, usage plans, usage-plan keys and tags."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.apigateway.conftest import error_of
from tests.support import unique


@pytest.fixture
def api_key(apigateway: Any) -> Iterator[dict[str, Any]]:
    key: dict[str, Any] = apigateway.create_api_key(name=unique("key"), enabled=True)
    yield key
    with contextlib.suppress(ClientError):
        apigateway.delete_api_key(apiKey=key["id"])


def test_create_api_key_generates_a_value(api_key: dict[str, Any]) -> None:
    assert api_key["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert api_key["enabled"] is True
    assert len(api_key["value"]) >= 20
    assert api_key["stageKeys"] == []


def test_get_api_key_hides_the_value_unless_asked(apigateway: Any, api_key: dict[str, Any]) -> None:
    hidden = apigateway.get_api_key(apiKey=api_key["id"])
    shown = apigateway.get_api_key(apiKey=api_key["id"], includeValue=True)

    assert "value" not in hidden
    assert shown["value"] == api_key["value"]


def test_short_api_key_value_is_rejected(apigateway: Any) -> None:
    with pytest.raises(ClientError) as raised:
        apigateway.create_api_key(name="short", value="abc")

    assert error_of(raised) == (
        400,
        "BadRequestException",
        "API Key value should be at least 20 characters",
    )


def test_usage_plan_with_stage_and_key(
    apigateway: Any, mock_api: dict[str, str], api_key: dict[str, Any]
) -> None:
    api_id = mock_api["api_id"]
    apigateway.create_deployment(restApiId=api_id, stageName="dev")
    plan = apigateway.create_usage_plan(
        name=unique("plan"),
        apiStages=[{"apiId": api_id, "stage": "dev"}],
        throttle={"burstLimit": 1, "rateLimit": 2.0},
        quota={"limit": 10, "offset": 0, "period": "DAY"},
    )

    plan_key = apigateway.create_usage_plan_key(
        usagePlanId=plan["id"], keyId=api_key["id"], keyType="API_KEY"
    )
    updated = apigateway.update_usage_plan(
        usagePlanId=plan["id"],
        patchOperations=[{"op": "replace", "path": "/throttle/rateLimit", "value": "5"}],
    )

    assert plan["apiStages"] == [{"apiId": api_id, "stage": "dev"}]
    assert plan_key == {
        **plan_key,
        "id": api_key["id"],
        "type": "API_KEY",
        "value": api_key["value"],
    }
    assert updated["throttle"] == {"burstLimit": 1, "rateLimit": 5.0}
    keys = apigateway.get_usage_plan_keys(usagePlanId=plan["id"])["items"]
    assert [k["id"] for k in keys] == [api_key["id"]]
    apigateway.delete_usage_plan(usagePlanId=plan["id"])


def test_usage_plan_for_unknown_stage_is_rejected(apigateway: Any, make_api: Any) -> None:
    api = make_api()

    with pytest.raises(ClientError) as raised:
        apigateway.create_usage_plan(name="p", apiStages=[{"apiId": api["id"], "stage": "nope"}])

    assert error_of(raised) == (400, "BadRequestException", "Invalid API Stage specified")


def test_tags_on_a_rest_api(apigateway: Any, make_api: Any) -> None:
    api = make_api(tags={"a": "1"})
    arn = f"arn:aws:apigateway:us-east-1::/restapis/{api['id']}"

    apigateway.tag_resource(resourceArn=arn, tags={"b": "2"})
    apigateway.untag_resource(resourceArn=arn, tagKeys=["a"])

    assert apigateway.get_tags(resourceArn=arn)["tags"] == {"b": "2"}
    assert apigateway.get_rest_api(restApiId=api["id"])["tags"] == {"b": "2"}


def test_gateway_responses_default_and_customised(apigateway: Any, make_api: Any) -> None:
    api = make_api()

    defaults = apigateway.get_gateway_responses(restApiId=api["id"])["items"]
    apigateway.put_gateway_response(
        restApiId=api["id"],
        responseType="UNAUTHORIZED",
        statusCode="401",
        responseParameters={"gatewayresponse.header.x-why": "'auth'"},
    )
    custom = apigateway.get_gateway_response(restApiId=api["id"], responseType="UNAUTHORIZED")

    assert len(defaults) == 21
    assert all(r["defaultResponse"] for r in defaults)
    assert custom["defaultResponse"] is False
    assert custom["responseParameters"] == {"gatewayresponse.header.x-why": "'auth'"}
    assert custom["responseTemplates"] == {
        "application/json": '{"message":$context.error.messageString}'
    }


def test_single_item_reads_show_empty_tags_as_aws_does(
    apigateway: Any, make_api: Any, api_key: dict[str, Any]
) -> None:
    api = make_api()

    got_api = apigateway.get_rest_api(restApiId=api["id"])
    got_key = apigateway.get_api_key(apiKey=api_key["id"])

    assert "tags" not in api
    assert got_api["tags"] == {}
    assert got_key["tags"] == {}


def test_usage_plan_keys_list_newest_first_and_unknown_plan_is_empty(apigateway: Any) -> None:
    plan = apigateway.create_usage_plan(name=unique("plan"))
    keys = [apigateway.create_api_key(name=unique("k")) for _ in range(2)]
    for key in keys:
        apigateway.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")

    listed = apigateway.get_usage_plan_keys(usagePlanId=plan["id"])["items"]
    unknown = apigateway.get_usage_plan_keys(usagePlanId="nope00")["items"]

    assert [k["id"] for k in listed] == [keys[1]["id"], keys[0]["id"]]
    assert unknown == []
    apigateway.delete_usage_plan(usagePlanId=plan["id"])
    for key in keys:
        apigateway.delete_api_key(apiKey=key["id"])
