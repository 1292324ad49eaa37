"""Deployments (immutable snapshots) and stages."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.apigateway.conftest import ApiFactory, error_of


def test_deployment_of_an_api_without_methods_is_rejected(
    apigateway: Any, make_api: ApiFactory
) -> None:
    api = make_api()

    with pytest.raises(ClientError) as raised:
        apigateway.create_deployment(restApiId=api["id"], stageName="dev")

    assert error_of(raised) == (
        400,
        "BadRequestException",
        "The REST API doesn't contain any methods",
    )
    assert apigateway.get_deployments(restApiId=api["id"])["items"] == []
    assert apigateway.get_stages(restApiId=api["id"])["item"] == []


def test_create_deployment_with_stage_creates_the_stage(
    apigateway: Any, mock_api: dict[str, str]
) -> None:
    api_id = mock_api["api_id"]

    deployment = apigateway.create_deployment(
        restApiId=api_id, stageName="dev", description="first", variables={"a": "1"}
    )

    stage = apigateway.get_stage(restApiId=api_id, stageName="dev")
    assert stage["deploymentId"] == deployment["id"]
    assert stage["variables"] == {"a": "1"}
    assert stage["cacheClusterStatus"] == "NOT_AVAILABLE"
    assert stage["methodSettings"] == {}
    assert stage["tracingEnabled"] is False


def test_stage_update_sets_variables_and_method_settings(
    apigateway: Any, mock_api: dict[str, str]
) -> None:
    api_id = mock_api["api_id"]
    apigateway.create_deployment(restApiId=api_id, stageName="dev")

    stage = apigateway.update_stage(
        restApiId=api_id,
        stageName="dev",
        patchOperations=[
            {"op": "replace", "path": "/variables/backend", "value": "https://example.com"},
            {"op": "replace", "path": "/*/*/throttling/rateLimit", "value": "100"},
            {"op": "replace", "path": "/~1mock/GET/metrics/enabled", "value": "true"},
        ],
    )

    assert stage["variables"] == {"backend": "https://example.com"}
    assert stage["methodSettings"]["*/*"]["throttlingRateLimit"] == 100.0
    assert stage["methodSettings"]["mock/GET"]["metricsEnabled"] is True


def test_stage_update_with_bad_path_is_rejected(apigateway: Any, mock_api: dict[str, str]) -> None:
    api_id = mock_api["api_id"]
    apigateway.create_deployment(restApiId=api_id, stageName="dev")

    with pytest.raises(ClientError) as raised:
        apigateway.update_stage(
            restApiId=api_id,
            stageName="dev",
            patchOperations=[{"op": "replace", "path": "/tags/tag1", "value": "x"}],
        )

    status, code, message = error_of(raised)
    assert (status, code) == (400, "BadRequestException")
    assert message.startswith("Invalid method setting path: /tags/tag1. Must be one of: [")


def test_deployment_is_a_snapshot_and_a_stage_keeps_its_deployment(
    apigateway: Any, mock_api: dict[str, str]
) -> None:
    api_id = mock_api["api_id"]
    first = apigateway.create_deployment(restApiId=api_id, stageName="dev")
    apigateway.put_method(
        restApiId=api_id,
        resourceId=mock_api["mock_id"],
        httpMethod="POST",
        authorizationType="NONE",
    )

    second = apigateway.create_deployment(restApiId=api_id, description="two")

    assert apigateway.get_stage(restApiId=api_id, stageName="dev")["deploymentId"] == first["id"]
    ids = [d["id"] for d in apigateway.get_deployments(restApiId=api_id)["items"]]
    assert ids == [first["id"], second["id"]]


def test_deleting_a_deployment_used_by_a_stage_is_rejected(
    apigateway: Any, mock_api: dict[str, str]
) -> None:
    api_id = mock_api["api_id"]
    deployment = apigateway.create_deployment(restApiId=api_id, stageName="dev")

    with pytest.raises(ClientError) as raised:
        apigateway.delete_deployment(restApiId=api_id, deploymentId=deployment["id"])

    assert error_of(raised) == (
        400,
        "BadRequestException",
        "Active stages pointing to this deployment must be moved or deleted",
    )
    apigateway.delete_stage(restApiId=api_id, stageName="dev")
    apigateway.delete_deployment(restApiId=api_id, deploymentId=deployment["id"])
    assert apigateway.get_deployments(restApiId=api_id)["items"] == []


def test_create_stage_with_unknown_deployment_is_rejected(
    apigateway: Any, mock_api: dict[str, str]
) -> None:
    with pytest.raises(ClientError) as raised:
        apigateway.create_stage(restApiId=mock_api["api_id"], stageName="x", deploymentId="nope00")

    assert error_of(raised) == (400, "BadRequestException", "Deployment id does not exist")


def test_flush_stage_cache_answers_202_for_a_known_stage(
    apigateway: Any, mock_api: dict[str, str]
) -> None:
    api_id = mock_api["api_id"]
    apigateway.create_deployment(restApiId=api_id, stageName="dev")

    flushed = apigateway.flush_stage_cache(restApiId=api_id, stageName="dev")

    assert flushed["ResponseMetadata"]["HTTPStatusCode"] == 202
    with pytest.raises(ClientError) as raised:
        apigateway.flush_stage_cache(restApiId=api_id, stageName="nope")
    assert error_of(raised) == (404, "NotFoundException", "Invalid Stage identifier specified")


def test_get_deployment_embeds_the_api_summary(apigateway: Any, mock_api: dict[str, str]) -> None:
    api_id = mock_api["api_id"]
    deployment = apigateway.create_deployment(restApiId=api_id, stageName="dev")

    got = apigateway.get_deployment(
        restApiId=api_id, deploymentId=deployment["id"], embed=["apisummary"]
    )

    assert got["apiSummary"] == {
        "/mock": {"GET": {"authorizationType": "NONE", "apiKeyRequired": False}}
    }
