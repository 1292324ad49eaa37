"""Documentation parts and versions through boto3 (lifecycle and errors recorded against AWS)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.apigateway.conftest import ApiFactory, error_of

_API_DOC = json.dumps({"description": "Sample API description"})
_DOCUMENT = {
    "openapi": "3.0.0",
    "info": {"description": "description", "version": "1", "title": "doc"},
    "paths": {"/": {"get": {"responses": {"200": {"description": "200 response"}}}}},
    "x-amazon-apigateway-documentation": {
        "version": "1.0.3",
        "documentationParts": [
            {"location": {"type": "API"}, "properties": {"description": "API description"}},
            {
                "location": {"type": "METHOD", "method": "GET"},
                "properties": {"description": "Method description."},
            },
        ],
    },
}


def _api_part(apigateway: Any, api_id: str) -> dict[str, Any]:
    part: dict[str, Any] = apigateway.create_documentation_part(
        restApiId=api_id, location={"type": "API"}, properties=_API_DOC
    )
    return part


def _locations(apigateway: Any, api_id: str) -> list[dict[str, str]]:
    items = apigateway.get_documentation_parts(restApiId=api_id)["items"]
    return [item["location"] for item in items]


def test_create_documentation_part_answers_the_part(apigateway: Any, make_api: ApiFactory) -> None:
    api_id = make_api()["id"]

    part = _api_part(apigateway, api_id)

    assert (part["location"], part["properties"]) == ({"type": "API"}, _API_DOC)


def test_get_documentation_part_reads_back_the_part(apigateway: Any, make_api: ApiFactory) -> None:
    api_id = make_api()["id"]
    part = _api_part(apigateway, api_id)

    found = apigateway.get_documentation_part(restApiId=api_id, documentationPartId=part["id"])

    assert {k: found[k] for k in ("id", "location", "properties")} == {
        k: part[k] for k in ("id", "location", "properties")
    }


def test_update_documentation_part_replaces_properties(
    apigateway: Any, make_api: ApiFactory
) -> None:
    api_id = make_api()["id"]
    part = _api_part(apigateway, api_id)
    changed = json.dumps({"description": "Updated"})

    apigateway.update_documentation_part(
        restApiId=api_id, documentationPartId=part["id"],
        patchOperations=[{"op": "replace", "path": "/properties", "value": changed}],
    )  # fmt: skip

    found = apigateway.get_documentation_part(restApiId=api_id, documentationPartId=part["id"])
    assert found["properties"] == changed


def test_delete_documentation_part_answers_202_and_a_second_delete_is_not_found(
    apigateway: Any, make_api: ApiFactory
) -> None:
    api_id = make_api()["id"]
    part = _api_part(apigateway, api_id)

    deleted = apigateway.delete_documentation_part(restApiId=api_id, documentationPartId=part["id"])
    with pytest.raises(ClientError) as raised:
        apigateway.delete_documentation_part(restApiId=api_id, documentationPartId=part["id"])

    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert error_of(raised) == (
        404,
        "NotFoundException",
        "Invalid Documentation part identifier specified",
    )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda c: c.get_documentation_part(restApiId="nope000000", documentationPartId="x"),
            "Invalid Documentation part identifier specified",
        ),
        (
            lambda c: c.get_documentation_parts(restApiId="nope000000"),
            "Invalid API identifier specified 000000000000:nope000000",
        ),
        (
            lambda c: c.create_documentation_part(
                restApiId="nope000000", location={"type": "API"}, properties="{}"
            ),
            "Invalid API identifier specified 000000000000:nope000000",
        ),
        (
            lambda c: c.delete_documentation_part(restApiId="nope000000", documentationPartId="x"),
            "Invalid API identifier specified 000000000000:nope000000",
        ),
    ],
)
def test_unknown_api_messages_as_recorded(apigateway: Any, call: Any, message: str) -> None:
    with pytest.raises(ClientError) as raised:
        call(apigateway)

    assert error_of(raised) == (404, "NotFoundException", message)


@pytest.mark.parametrize(
    ("op", "path", "message"),
    [
        (
            "add",
            "/properties",
            "Invalid patch path  '/properties' specified for op 'add'. "
            "Please choose supported operations",
        ),
        (
            "replace",
            "/invalidPath",
            "Invalid patch path  '/invalidPath' specified for op 'replace'. "
            "Must be one of: [/properties]",
        ),
    ],
)
def test_update_documentation_part_bad_patch_as_recorded(
    apigateway: Any, make_api: ApiFactory, op: str, path: str, message: str
) -> None:
    api_id = make_api()["id"]
    part = _api_part(apigateway, api_id)

    with pytest.raises(ClientError) as raised:
        apigateway.update_documentation_part(
            restApiId=api_id, documentationPartId=part["id"],
            patchOperations=[{"op": op, "path": path, "value": "{}"}],
        )  # fmt: skip

    assert error_of(raised) == (400, "BadRequestException", message)


def test_a_second_part_for_one_location_is_a_conflict(
    apigateway: Any, make_api: ApiFactory
) -> None:
    api_id = make_api()["id"]
    _api_part(apigateway, api_id)

    with pytest.raises(ClientError) as raised:
        _api_part(apigateway, api_id)

    assert error_of(raised) == (
        409,
        "ConflictException",
        "Documentation part already exists for the specified location: type 'API'",
    )


def test_a_method_location_gets_aws_defaults(apigateway: Any, make_api: ApiFactory) -> None:
    api_id = make_api()["id"]

    part = apigateway.create_documentation_part(
        restApiId=api_id, location={"type": "RESPONSE"}, properties="{}"
    )

    assert part["location"] == {"type": "RESPONSE", "path": "/", "method": "*", "statusCode": "*"}


@pytest.mark.parametrize(
    "location",
    [{"type": "MODEL"}, {"type": "API", "path": "/pets"}, {"type": "METHOD", "name": "n"}],
)
def test_a_location_against_the_types_rules_is_a_bad_request(
    apigateway: Any, make_api: ApiFactory, location: dict[str, str]
) -> None:
    api_id = make_api()["id"]

    with pytest.raises(ClientError) as raised:
        apigateway.create_documentation_part(restApiId=api_id, location=location, properties="{}")

    assert error_of(raised)[:2] == (400, "BadRequestException")


def test_get_documentation_parts_filters_by_type(apigateway: Any, make_api: ApiFactory) -> None:
    api_id = make_api()["id"]
    _api_part(apigateway, api_id)
    apigateway.create_documentation_part(
        restApiId=api_id, location={"type": "MODEL", "name": "Pet"}, properties="{}"
    )

    items = apigateway.get_documentation_parts(restApiId=api_id, type="MODEL")["items"]

    assert [item["location"] for item in items] == [{"type": "MODEL", "name": "Pet"}]


def test_import_documentation_parts_overwrite_replaces_every_part(
    apigateway: Any, make_api: ApiFactory
) -> None:
    api_id = make_api()["id"]
    apigateway.create_documentation_part(
        restApiId=api_id, location={"type": "MODEL", "name": "Old"}, properties="{}"
    )

    result = apigateway.import_documentation_parts(
        restApiId=api_id, mode="overwrite", body=json.dumps(_DOCUMENT).encode()
    )

    assert len(result["ids"]) == 2
    assert _locations(apigateway, api_id) == [
        {"type": "API"},
        {"type": "METHOD", "path": "/", "method": "GET"},
    ]


def test_import_documentation_parts_merge_keeps_other_parts(
    apigateway: Any, make_api: ApiFactory
) -> None:
    api_id = make_api()["id"]
    apigateway.create_documentation_part(
        restApiId=api_id, location={"type": "MODEL", "name": "Old"}, properties="{}"
    )

    apigateway.import_documentation_parts(restApiId=api_id, body=json.dumps(_DOCUMENT).encode())

    assert len(_locations(apigateway, api_id)) == 3


@pytest.mark.parametrize("body", [b"{'not': json", b"- just\n- a list\n"])
def test_import_documentation_parts_of_a_bad_file_as_recorded(
    apigateway: Any, make_api: ApiFactory, body: bytes
) -> None:
    api_id = make_api()["id"]

    with pytest.raises(ClientError) as raised:
        apigateway.import_documentation_parts(restApiId=api_id, body=body)

    assert error_of(raised) == (
        400,
        "BadRequestException",
        "Unable to build importer with provided input.",
    )


def test_import_rest_api_creates_the_documents_parts(apigateway: Any) -> None:
    api_id = apigateway.import_rest_api(body=json.dumps(_DOCUMENT).encode())["id"]
    try:
        locations = _locations(apigateway, api_id)
    finally:
        apigateway.delete_rest_api(restApiId=api_id)

    assert locations == [{"type": "API"}, {"type": "METHOD", "path": "/", "method": "GET"}]
