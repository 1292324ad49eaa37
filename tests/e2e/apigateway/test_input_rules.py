"""Stage names and authorizer identity sources: AWS's input rules, in the domain."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.apigateway.conftest import error_of

_LAMBDA_URI = (
    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
    "arn:aws:lambda:us-east-1:000000000000:function:auth/invocations"
)
_TOKEN_RULE = (
    "The source must be a method request header, matching 'method.request.header.[a-zA-Z0-9._-]+'"
)


@pytest.mark.parametrize("name", ["v1-dev", "my stage", "$default"])
def test_create_deployment_rejects_a_stage_name_outside_a_z_0_9_underscore(
    apigateway: Any, mock_api: dict[str, str], name: str
) -> None:
    with pytest.raises(ClientError) as raised:
        apigateway.create_deployment(restApiId=mock_api["api_id"], stageName=name)

    assert error_of(raised) == (400, "BadRequestException", "Stage name only allows a-zA-Z0-9_")


def test_create_stage_rejects_a_stage_name_with_a_hyphen(
    apigateway: Any, mock_api: dict[str, str]
) -> None:
    deployment = apigateway.create_deployment(restApiId=mock_api["api_id"])["id"]

    with pytest.raises(ClientError) as raised:
        apigateway.create_stage(
            restApiId=mock_api["api_id"], stageName="v1-dev", deploymentId=deployment
        )

    assert error_of(raised) == (400, "BadRequestException", "Stage name only allows a-zA-Z0-9_")


def test_create_stage_accepts_letters_digits_and_underscores(
    apigateway: Any, mock_api: dict[str, str]
) -> None:
    deployment = apigateway.create_deployment(restApiId=mock_api["api_id"])["id"]

    stage = apigateway.create_stage(
        restApiId=mock_api["api_id"], stageName="Prod_2", deploymentId=deployment
    )

    assert stage["stageName"] == "Prod_2"


@pytest.mark.parametrize(
    "source",
    [
        "method.request.header.",
        "method.request.querystring.token",
        "Authorization",
        "method.request.header.a b",
    ],
)
def test_token_authorizer_identity_source_must_be_one_header(
    apigateway: Any, mock_api: dict[str, str], source: str
) -> None:
    with pytest.raises(ClientError) as raised:
        apigateway.create_authorizer(
            restApiId=mock_api["api_id"], name="t", type="TOKEN", authorizerUri=_LAMBDA_URI,
            identitySource=source,
        )  # fmt: skip

    assert error_of(raised) == (
        400,
        "BadRequestException",
        f"Invalid token source expression: {source}. {_TOKEN_RULE}",
    )


def test_request_authorizer_accepts_a_list_of_sources(
    apigateway: Any, mock_api: dict[str, str]
) -> None:
    source = (
        "method.request.header.Auth, method.request.querystring.Name, stageVariables.s, "
        "context.path"
    )

    created = apigateway.create_authorizer(
        restApiId=mock_api["api_id"], name="r", type="REQUEST", authorizerUri=_LAMBDA_URI,
        identitySource=source,
    )  # fmt: skip

    assert created["identitySource"] == source


def test_request_authorizer_rejects_a_path_parameter_source(
    apigateway: Any, mock_api: dict[str, str]
) -> None:
    with pytest.raises(ClientError) as raised:
        apigateway.create_authorizer(
            restApiId=mock_api["api_id"], name="r", type="REQUEST", authorizerUri=_LAMBDA_URI,
            identitySource="method.request.header.Auth, method.request.path.id",
        )  # fmt: skip

    assert error_of(raised)[:2] == (400, "BadRequestException")


def _request_authorizer(apigateway: Any, api_id: str, ttl: int) -> Any:
    return apigateway.create_authorizer(
        restApiId=api_id, name="r", type="REQUEST", authorizerUri=_LAMBDA_URI,
        authorizerResultTtlInSeconds=ttl,
    )  # fmt: skip


def test_request_authorizer_without_caching_needs_no_source(
    apigateway: Any, mock_api: dict[str, str]
) -> None:
    created = _request_authorizer(apigateway, mock_api["api_id"], ttl=0)

    assert "identitySource" not in created


def test_request_authorizer_that_caches_needs_a_source(
    apigateway: Any, mock_api: dict[str, str]
) -> None:
    with pytest.raises(ClientError) as raised:
        _request_authorizer(apigateway, mock_api["api_id"], ttl=300)

    assert error_of(raised)[:2] == (400, "BadRequestException")
