"""Models and request validators."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.apigateway.conftest import error_of


def test_new_api_has_empty_and_error_models(apigateway: Any, make_api: Any) -> None:
    api = make_api()

    names = [m["name"] for m in apigateway.get_models(restApiId=api["id"])["items"]]

    assert names == ["Empty", "Error"]


def test_model_in_use_cannot_be_deleted(apigateway: Any, mock_api: dict[str, str]) -> None:
    api_id = mock_api["api_id"]
    apigateway.create_model(
        restApiId=api_id,
        name="Pet",
        contentType="application/json",
        schema=json.dumps({"type": "object", "title": "Pet"}),
    )
    apigateway.put_method(
        restApiId=api_id,
        resourceId=mock_api["mock_id"],
        httpMethod="POST",
        authorizationType="NONE",
        requestModels={"application/json": "Pet"},
    )

    with pytest.raises(ClientError) as raised:
        apigateway.delete_model(restApiId=api_id, modelName="Pet")

    assert error_of(raised) == (
        409,
        "ConflictException",
        "Cannot delete model 'Pet', is referenced in method request: /mock/POST",
    )


def test_request_validator_lifecycle(apigateway: Any, make_api: Any) -> None:
    api = make_api()

    validator = apigateway.create_request_validator(restApiId=api["id"], name="body-only")
    updated = apigateway.update_request_validator(
        restApiId=api["id"],
        requestValidatorId=validator["id"],
        patchOperations=[{"op": "replace", "path": "/validateRequestBody", "value": "true"}],
    )
    apigateway.delete_request_validator(restApiId=api["id"], requestValidatorId=validator["id"])

    assert (validator["validateRequestBody"], validator["validateRequestParameters"]) == (
        False,
        False,
    )
    assert updated["validateRequestBody"] is True
    assert apigateway.get_request_validators(restApiId=api["id"])["items"] == []
