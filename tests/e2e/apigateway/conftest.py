"""Factory fixtures for the API Gateway control-plane tests: unique APIs that clean up."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.support import Server, unique

ApiFactory = Callable[..., dict[str, Any]]


@pytest.fixture
def make_api(apigateway: Any) -> Iterator[ApiFactory]:
    """``make_api(**CreateRestApi members)`` -> the created RestApi; deleted afterwards."""
    created: list[str] = []

    def factory(**params: Any) -> dict[str, Any]:
        params.setdefault("name", unique("api"))
        api: dict[str, Any] = apigateway.create_rest_api(**params)
        created.append(api["id"])
        return api

    yield factory
    for api_id in created:
        with contextlib.suppress(ClientError):
            apigateway.delete_rest_api(restApiId=api_id)


@pytest.fixture
def mock_api(apigateway: Any, make_api: ApiFactory) -> dict[str, str]:
    """An API with ``GET /mock`` on a MOCK integration: ``{api_id, root_id, mock_id}``."""
    api = make_api()
    api_id, root_id = api["id"], api["rootResourceId"]
    mock_id = apigateway.create_resource(restApiId=api_id, parentId=root_id, pathPart="mock")["id"]
    apigateway.put_method(
        restApiId=api_id, resourceId=mock_id, httpMethod="GET", authorizationType="NONE"
    )
    apigateway.put_integration(
        restApiId=api_id,
        resourceId=mock_id,
        httpMethod="GET",
        type="MOCK",
        requestTemplates={"application/json": '{"statusCode": 200}'},
    )
    return {"api_id": api_id, "root_id": root_id, "mock_id": mock_id}


@pytest.fixture
def lab_server(fresh_server: Server) -> Server:
    """A server of its own started with ``--lab``."""
    fresh_server.extra_args = ["--lab"]
    fresh_server.start(timeout=120)
    return fresh_server


def error_of(raised: pytest.ExceptionInfo[ClientError]) -> tuple[int, str, str]:
    """(HTTP status, AWS error code, message) of a boto3 ClientError."""
    response = raised.value.response
    return (
        response["ResponseMetadata"]["HTTPStatusCode"],
        response["Error"]["Code"],
        response["Error"]["Message"],
    )
