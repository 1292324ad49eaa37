"""Patch operations whose answers were recorded against AWS (test_apigateway_api snapshots)."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.apigateway.conftest import ApiFactory, error_of


def test_replace_a_binary_media_type_drops_it_and_appends_the_new_one(
    apigateway: Any, make_api: ApiFactory
) -> None:
    api_id = make_api(binaryMediaTypes=["image/png", "image/jpeg"])["id"]

    updated = apigateway.update_rest_api(
        restApiId=api_id,
        patchOperations=[
            {"op": "replace", "path": "/binaryMediaTypes/image~1png", "value": "image/gif"}
        ],
    )

    assert updated["binaryMediaTypes"] == ["image/jpeg", "image/gif"]


def test_replace_validator_name_without_a_value_is_a_bad_request(
    apigateway: Any, make_api: ApiFactory
) -> None:
    api_id = make_api()["id"]
    validator = apigateway.create_request_validator(restApiId=api_id, name="v")["id"]

    with pytest.raises(ClientError) as raised:
        apigateway.update_request_validator(
            restApiId=api_id,
            requestValidatorId=validator,
            patchOperations=[{"op": "replace", "path": "/name"}],
        )

    assert error_of(raised) == (
        400,
        "BadRequestException",
        "Request Validator name cannot be blank",
    )
