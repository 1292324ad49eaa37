"""Documentation versions through boto3: create, read, list, update, delete, stage link."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.apigateway.conftest import ApiFactory, error_of


@pytest.fixture
def documented(apigateway: Any, make_api: ApiFactory) -> str:
    """An API with one documentation part."""
    api_id: str = make_api()["id"]
    apigateway.create_documentation_part(
        restApiId=api_id, location={"type": "API"}, properties='{"description": "v1"}'
    )
    return api_id


def test_create_documentation_version_answers_the_version(apigateway: Any, documented: str) -> None:
    created = apigateway.create_documentation_version(
        restApiId=documented, documentationVersion="1.0", description="first"
    )

    assert (created["version"], created["description"]) == ("1.0", "first")
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201


def test_get_documentation_versions_lists_them_oldest_first(
    apigateway: Any, documented: str
) -> None:
    for version in ("1.0", "2.0"):
        apigateway.create_documentation_version(restApiId=documented, documentationVersion=version)

    items = apigateway.get_documentation_versions(restApiId=documented)["items"]

    assert [item["version"] for item in items] == ["1.0", "2.0"]


def test_a_version_twice_is_a_conflict(apigateway: Any, documented: str) -> None:
    apigateway.create_documentation_version(restApiId=documented, documentationVersion="1.0")

    with pytest.raises(ClientError) as raised:
        apigateway.create_documentation_version(restApiId=documented, documentationVersion="1.0")

    assert error_of(raised)[:2] == (409, "ConflictException")


def test_update_documentation_version_replaces_the_description(
    apigateway: Any, documented: str
) -> None:
    apigateway.create_documentation_version(restApiId=documented, documentationVersion="1.0")

    apigateway.update_documentation_version(
        restApiId=documented, documentationVersion="1.0",
        patchOperations=[{"op": "replace", "path": "/description", "value": "changed"}],
    )  # fmt: skip

    found = apigateway.get_documentation_version(restApiId=documented, documentationVersion="1.0")
    assert found["description"] == "changed"


def test_delete_documentation_version_answers_202_and_then_it_is_gone(
    apigateway: Any, documented: str
) -> None:
    apigateway.create_documentation_version(restApiId=documented, documentationVersion="1.0")

    deleted = apigateway.delete_documentation_version(
        restApiId=documented, documentationVersion="1.0"
    )
    with pytest.raises(ClientError) as raised:
        apigateway.get_documentation_version(restApiId=documented, documentationVersion="1.0")

    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert error_of(raised)[:2] == (404, "NotFoundException")


def test_a_version_created_for_a_stage_becomes_the_stages_documentation_version(
    apigateway: Any, mock_api: dict[str, str]
) -> None:
    api_id = mock_api["api_id"]
    apigateway.create_deployment(restApiId=api_id, stageName="dev")

    apigateway.create_documentation_version(
        restApiId=api_id, documentationVersion="1.0", stageName="dev"
    )

    assert apigateway.get_stage(restApiId=api_id, stageName="dev")["documentationVersion"] == "1.0"
