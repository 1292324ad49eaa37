"""The resource tree: CreateResource, GetResource(s), UpdateResource, DeleteResource."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.apigateway.conftest import ApiFactory, error_of


def test_new_api_has_only_the_root_resource(apigateway: Any, make_api: ApiFactory) -> None:
    api = make_api()

    items = apigateway.get_resources(restApiId=api["id"])["items"]

    assert items == [{"id": api["rootResourceId"], "path": "/"}]


def test_create_resource_builds_full_paths(apigateway: Any, make_api: ApiFactory) -> None:
    api = make_api()
    pets = apigateway.create_resource(
        restApiId=api["id"], parentId=api["rootResourceId"], pathPart="pets"
    )

    pet = apigateway.create_resource(restApiId=api["id"], parentId=pets["id"], pathPart="{petId}")

    assert pets["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert {k: pet[k] for k in ("parentId", "pathPart", "path")} == {
        "parentId": pets["id"],
        "pathPart": "{petId}",
        "path": "/pets/{petId}",
    }
    paths = [r["path"] for r in apigateway.get_resources(restApiId=api["id"])["items"]]
    assert paths == ["/", "/pets", "/pets/{petId}"]


def test_duplicate_path_part_is_a_conflict_and_adds_nothing(
    apigateway: Any, make_api: ApiFactory
) -> None:
    api = make_api()
    root = api["rootResourceId"]
    apigateway.create_resource(restApiId=api["id"], parentId=root, pathPart="pets")

    with pytest.raises(ClientError) as raised:
        apigateway.create_resource(restApiId=api["id"], parentId=root, pathPart="pets")

    assert error_of(raised) == (
        409,
        "ConflictException",
        "Another resource with the same parent already has this name: pets",
    )
    assert len(apigateway.get_resources(restApiId=api["id"])["items"]) == 2


def test_child_of_greedy_resource_is_rejected(apigateway: Any, make_api: ApiFactory) -> None:
    api = make_api()
    proxy = apigateway.create_resource(
        restApiId=api["id"], parentId=api["rootResourceId"], pathPart="{proxy+}"
    )

    with pytest.raises(ClientError) as raised:
        apigateway.create_resource(restApiId=api["id"], parentId=proxy["id"], pathPart="x")

    assert error_of(raised) == (
        400,
        "BadRequestException",
        "Cannot create a child of a resource with a greedy path variable: {proxy+}",
    )


def test_unknown_parent_is_not_found(apigateway: Any, make_api: ApiFactory) -> None:
    api = make_api()

    with pytest.raises(ClientError) as raised:
        apigateway.create_resource(restApiId=api["id"], parentId="nope00", pathPart="x")

    assert error_of(raised) == (404, "NotFoundException", "Invalid Resource identifier specified")


def test_update_path_part_renames_the_subtree(apigateway: Any, make_api: ApiFactory) -> None:
    api = make_api()
    pets = apigateway.create_resource(
        restApiId=api["id"], parentId=api["rootResourceId"], pathPart="pets"
    )
    child = apigateway.create_resource(restApiId=api["id"], parentId=pets["id"], pathPart="sub")

    updated = apigateway.update_resource(
        restApiId=api["id"],
        resourceId=pets["id"],
        patchOperations=[{"op": "replace", "path": "/pathPart", "value": "dogs"}],
    )

    assert updated["path"] == "/dogs"
    got = apigateway.get_resource(restApiId=api["id"], resourceId=child["id"])
    assert got["path"] == "/dogs/sub"


def test_update_root_or_bad_patch_path_is_rejected(apigateway: Any, make_api: ApiFactory) -> None:
    api = make_api()

    with pytest.raises(ClientError) as root:
        apigateway.update_resource(
            restApiId=api["id"],
            resourceId=api["rootResourceId"],
            patchOperations=[{"op": "replace", "path": "/pathPart", "value": "x"}],
        )
    with pytest.raises(ClientError) as bad:
        apigateway.update_resource(
            restApiId=api["id"],
            resourceId=api["rootResourceId"],
            patchOperations=[{"op": "replace", "path": "/invalid", "value": "x"}],
        )

    assert error_of(root) == (
        400,
        "BadRequestException",
        "Root resource cannot update its pathPart.",
    )
    assert error_of(bad) == (
        400,
        "BadRequestException",
        "Invalid patch path  '/invalid' specified for op 'replace'. Must be one of: "
        "[/parentId, /pathPart]",
    )


def test_delete_resource_deletes_its_subtree(apigateway: Any, make_api: ApiFactory) -> None:
    api = make_api()
    pets = apigateway.create_resource(
        restApiId=api["id"], parentId=api["rootResourceId"], pathPart="pets"
    )
    apigateway.create_resource(restApiId=api["id"], parentId=pets["id"], pathPart="sub")

    deleted = apigateway.delete_resource(restApiId=api["id"], resourceId=pets["id"])

    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert [r["path"] for r in apigateway.get_resources(restApiId=api["id"])["items"]] == ["/"]


def test_get_resources_embeds_methods_only_when_asked(
    apigateway: Any, mock_api: dict[str, str]
) -> None:
    api_id = mock_api["api_id"]

    plain = apigateway.get_resources(restApiId=api_id)["items"][1]
    embedded = apigateway.get_resources(restApiId=api_id, embed=["methods"])["items"][1]

    assert plain["resourceMethods"] == {"GET": {}}
    method = embedded["resourceMethods"]["GET"]
    assert method["authorizationType"] == "NONE"
    assert method["methodIntegration"]["type"] == "MOCK"
