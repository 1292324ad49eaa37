"""The resource tree rules, on definitions in memory."""

from __future__ import annotations

import dataclasses

import pytest

from cognigate.apigw.errors import BadRequestException, ConflictException
from cognigate.apigw.model import ApiDefinition
from cognigate.apigw.resources import add_resource, subtree, with_paths
from cognigate.apigw.rest_apis import NewRestApi, new_definition


@pytest.fixture
def api() -> ApiDefinition:
    return new_definition(NewRestApi(name="t"), 1_700_000_000.0)


def test_new_api_has_root_and_default_models(api: ApiDefinition) -> None:
    assert next(iter(api.resources.values())).path == "/"
    assert set(api.models) == {"Empty", "Error"}


def test_children_get_full_paths(api: ApiDefinition) -> None:
    api, pets = add_resource(api, api.api.root_resource_id, "pets")
    api, pet = add_resource(api, pets.id, "{petId}")

    assert pet.path == "/pets/{petId}"
    assert subtree(api, pets.id) == {pets.id, pet.id}


def test_sibling_with_the_same_name_conflicts(api: ApiDefinition) -> None:
    api, _ = add_resource(api, api.api.root_resource_id, "pets")

    with pytest.raises(ConflictException):
        add_resource(api, api.api.root_resource_id, "pets")


def test_second_variable_sibling_is_rejected(api: ApiDefinition) -> None:
    api, _ = add_resource(api, api.api.root_resource_id, "{id}")

    with pytest.raises(BadRequestException) as raised:
        add_resource(api, api.api.root_resource_id, "{proxy+}")

    assert raised.value.message == (
        "A sibling ({id}) of this resource already has a variable path part -- only one is allowed"
    )


def test_with_paths_follows_a_rename(api: ApiDefinition) -> None:
    api, pets = add_resource(api, api.api.root_resource_id, "pets")
    api, sub = add_resource(api, pets.id, "sub")
    renamed = dataclasses.replace(api.resources[pets.id], path_part="dogs")

    fixed = with_paths(api.with_resource(renamed))

    assert fixed.resources[sub.id].path == "/dogs/sub"
