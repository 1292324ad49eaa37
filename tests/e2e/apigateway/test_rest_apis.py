"""CreateRestApi, GetRestApi(s), UpdateRestApi, DeleteRestApi through boto3 over HTTP."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.apigateway.conftest import ApiFactory, error_of

ACCOUNT = "000000000000"


def test_create_rest_api_with_only_a_name_returns_aws_defaults(make_api: ApiFactory) -> None:
    api = make_api(name="Mock API")

    assert api["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert api["name"] == "Mock API"
    assert api["apiKeySource"] == "HEADER"
    assert api["disableExecuteApiEndpoint"] is False
    assert api["endpointConfiguration"] == {"types": ["EDGE"], "ipAddressType": "ipv4"}
    assert len(api["id"]) == 10
    assert api["rootResourceId"]
    assert "description" not in api
    assert api["createdDate"].year >= 2023


def test_get_rest_api_reads_back_what_create_returned(
    apigateway: Any, make_api: ApiFactory
) -> None:
    api = make_api(description="d", version="v1", tags={"team": "lab"})

    found = apigateway.get_rest_api(restApiId=api["id"])

    for key in ("id", "name", "description", "version", "tags", "rootResourceId", "createdDate"):
        assert found[key] == api[key]


def test_get_rest_apis_lists_a_new_api(apigateway: Any, make_api: ApiFactory) -> None:
    api = make_api()

    ids = [item["id"] for item in apigateway.get_rest_apis(limit=500)["items"]]

    assert api["id"] in ids


def test_create_rest_api_with_empty_description_is_rejected(make_api: ApiFactory) -> None:
    with pytest.raises(ClientError) as raised:
        make_api(description="")

    assert error_of(raised) == (400, "BadRequestException", "Description cannot be an empty string")


def test_update_rest_api_replaces_name_and_description(
    apigateway: Any, make_api: ApiFactory
) -> None:
    api = make_api()

    updated = apigateway.update_rest_api(
        restApiId=api["id"],
        patchOperations=[
            {"op": "replace", "path": "/name", "value": "renamed"},
            {"op": "replace", "path": "/description", "value": "new"},
            {"op": "replace", "path": "/disableExecuteApiEndpoint", "value": "true"},
        ],
    )

    assert (updated["name"], updated["description"]) == ("renamed", "new")
    assert updated["disableExecuteApiEndpoint"] is True
    assert apigateway.get_rest_api(restApiId=api["id"])["name"] == "renamed"


def test_update_rest_api_with_unknown_path_changes_nothing(
    apigateway: Any, make_api: ApiFactory
) -> None:
    api = make_api(name="keep")

    with pytest.raises(ClientError) as raised:
        apigateway.update_rest_api(
            restApiId=api["id"],
            patchOperations=[
                {"op": "replace", "path": "/name", "value": "changed"},
                {"op": "replace", "path": "/wrongPath", "value": "x"},
            ],
        )

    assert error_of(raised) == (400, "BadRequestException", "Invalid patch path /wrongPath")
    assert apigateway.get_rest_api(restApiId=api["id"])["name"] == "keep"


def test_update_rest_api_with_bad_op_is_a_validation_exception(
    apigateway: Any, make_api: ApiFactory
) -> None:
    api = make_api()

    with pytest.raises(ClientError) as raised:
        apigateway.update_rest_api(
            restApiId=api["id"], patchOperations=[{"op": "wrong", "path": "/name", "value": "x"}]
        )

    status, code, message = error_of(raised)
    assert (status, code) == (400, "ValidationException")
    assert message == (
        "1 validation error detected: Value 'wrong' at "
        "'updateRestApiInput.patchOperations.1.member.op' failed to satisfy constraint: "
        "Member must satisfy enum value set: [add, remove, move, test, replace, copy]"
    )


def test_delete_rest_api_answers_202_and_then_the_api_is_gone(
    apigateway: Any, make_api: ApiFactory
) -> None:
    api = make_api()

    deleted = apigateway.delete_rest_api(restApiId=api["id"])

    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 202
    with pytest.raises(ClientError) as raised:
        apigateway.get_rest_api(restApiId=api["id"])
    assert error_of(raised) == (
        404,
        "NotFoundException",
        f"Invalid API identifier specified {ACCOUNT}:{api['id']}",
    )


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.get_rest_api(restApiId="nope123456"),
        lambda c: c.get_resources(restApiId="nope123456"),
        lambda c: c.delete_rest_api(restApiId="nope123456"),
        lambda c: c.get_stages(restApiId="nope123456"),
        lambda c: c.get_gateway_responses(restApiId="nope123456"),
    ],
)
def test_unknown_api_id_is_not_found(apigateway: Any, call: Any) -> None:
    with pytest.raises(ClientError) as raised:
        call(apigateway)

    assert error_of(raised) == (
        404,
        "NotFoundException",
        f"Invalid API identifier specified {ACCOUNT}:nope123456",
    )


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"types": ["REGIONAL"]}, {"types": ["REGIONAL"], "ipAddressType": "ipv4"}),
        ({"types": ["PRIVATE"]}, {"types": ["PRIVATE"], "ipAddressType": "dualstack"}),
        (
            {"types": ["EDGE"], "ipAddressType": "dualstack"},
            {"types": ["EDGE"], "ipAddressType": "dualstack"},
        ),
    ],
)
def test_endpoint_configuration_defaults(
    make_api: ApiFactory, config: dict[str, Any], expected: dict[str, Any]
) -> None:
    api = make_api(endpointConfiguration=config)

    assert api["endpointConfiguration"] == expected


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"types": []}, "REGIONAL Configuration and EDGE Configuration cannot be both DISABLED."),
        ({"types": ["EDGE", "REGIONAL"]}, "Cannot create an api with multiple Endpoint Types."),
        (
            {"types": ["PRIVATE"], "ipAddressType": "ipv4"},
            "Only dualstack ipAddressType is supported for Private APIs.",
        ),
    ],
)
def test_bad_endpoint_configuration_is_rejected(
    make_api: ApiFactory, config: dict[str, Any], message: str
) -> None:
    with pytest.raises(ClientError) as raised:
        make_api(endpointConfiguration=config)

    assert error_of(raised) == (400, "BadRequestException", message)


def test_switching_to_private_makes_the_api_dual_stack(
    apigateway: Any, make_api: ApiFactory
) -> None:
    api = make_api()

    updated = apigateway.update_rest_api(
        restApiId=api["id"],
        patchOperations=[
            {"op": "replace", "path": "/endpointConfiguration/types/EDGE", "value": "PRIVATE"}
        ],
    )

    assert updated["endpointConfiguration"] == {"types": ["PRIVATE"], "ipAddressType": "dualstack"}
