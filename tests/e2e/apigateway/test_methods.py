"""Methods, method responses, integrations and integration responses."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.apigateway.conftest import error_of


def test_put_method_returns_the_method_with_defaults(
    apigateway: Any, mock_api: dict[str, str]
) -> None:
    method = apigateway.put_method(
        restApiId=mock_api["api_id"],
        resourceId=mock_api["mock_id"],
        httpMethod="POST",
        authorizationType="NONE",
        requestParameters={"method.request.header.x": True},
    )

    assert method["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert {k: method[k] for k in ("httpMethod", "authorizationType", "apiKeyRequired")} == {
        "httpMethod": "POST",
        "authorizationType": "NONE",
        "apiKeyRequired": False,
    }
    assert method["requestParameters"] == {"method.request.header.x": True}


def test_put_integration_mock_echoes_aws_defaults(
    apigateway: Any, mock_api: dict[str, str]
) -> None:
    integration = apigateway.get_integration(
        restApiId=mock_api["api_id"], resourceId=mock_api["mock_id"], httpMethod="GET"
    )

    assert integration["type"] == "MOCK"
    assert integration["passthroughBehavior"] == "WHEN_NO_MATCH"
    assert integration["timeoutInMillis"] == 29000
    assert integration["cacheNamespace"] == mock_api["mock_id"]
    assert integration["cacheKeyParameters"] == []
    assert integration["requestTemplates"] == {"application/json": '{"statusCode": 200}'}


def test_http_proxy_integration_keeps_uri_and_method(
    apigateway: Any, mock_api: dict[str, str]
) -> None:
    integration = apigateway.put_integration(
        restApiId=mock_api["api_id"],
        resourceId=mock_api["mock_id"],
        httpMethod="GET",
        type="HTTP_PROXY",
        integrationHttpMethod="GET",
        uri="https://example.com/{proxy}",
    )

    assert integration["httpMethod"] == "GET"
    assert integration["uri"] == "https://example.com/{proxy}"
    assert integration["connectionType"] == "INTERNET"


def test_responses_round_trip(apigateway: Any, mock_api: dict[str, str]) -> None:
    where = {
        "restApiId": mock_api["api_id"],
        "resourceId": mock_api["mock_id"],
        "httpMethod": "GET",
    }
    apigateway.put_method_response(
        **where, statusCode="200", responseModels={"application/json": "Empty"}
    )
    apigateway.put_integration_response(
        **where,
        statusCode="200",
        selectionPattern="",
        responseTemplates={"application/json": '{"confidential": "Secure, Me!!"}'},
    )

    method = apigateway.get_method(**where)

    assert method["methodResponses"] == {
        "200": {"statusCode": "200", "responseModels": {"application/json": "Empty"}}
    }
    assert method["methodIntegration"]["integrationResponses"]["200"] == {
        "statusCode": "200",
        "selectionPattern": "",
        "responseTemplates": {"application/json": '{"confidential": "Secure, Me!!"}'},
    }


def test_update_method_with_bad_path_changes_nothing(
    apigateway: Any, mock_api: dict[str, str]
) -> None:
    where = {
        "restApiId": mock_api["api_id"],
        "resourceId": mock_api["mock_id"],
        "httpMethod": "GET",
    }

    with pytest.raises(ClientError) as raised:
        apigateway.update_method(
            **where,
            patchOperations=[
                {"op": "replace", "path": "/apiKeyRequired", "value": "true"},
                {"op": "replace", "path": "/httpMethod", "value": "POST"},
            ],
        )

    assert error_of(raised) == (400, "BadRequestException", "Invalid patch path /httpMethod")
    assert apigateway.get_method(**where)["apiKeyRequired"] is False


def test_cognito_authorization_without_authorizer_is_rejected(
    apigateway: Any, mock_api: dict[str, str]
) -> None:
    where = {
        "restApiId": mock_api["api_id"],
        "resourceId": mock_api["mock_id"],
        "httpMethod": "GET",
    }

    with pytest.raises(ClientError) as raised:
        apigateway.update_method(
            **where,
            patchOperations=[
                {"op": "replace", "path": "/authorizationType", "value": "COGNITO_USER_POOLS"}
            ],
        )

    assert error_of(raised) == (
        400,
        "BadRequestException",
        "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or "
        "COGNITO_USER_POOLS requires a valid authorizer.",
    )
    assert apigateway.get_method(**where)["authorizationType"] == "NONE"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda c, a, r: c.get_method(restApiId=a, resourceId=r, httpMethod="PUT"),
            "Invalid Method identifier specified",
        ),
        (
            lambda c, a, r: c.get_method(restApiId=a, resourceId="nope00", httpMethod="GET"),
            "Invalid Resource identifier specified",
        ),
        (
            lambda c, a, r: c.get_method_response(
                restApiId=a, resourceId=r, httpMethod="GET", statusCode="404"
            ),
            "Invalid Response status code specified",
        ),
        (
            lambda c, a, r: c.get_integration(restApiId=a, resourceId=r, httpMethod="PUT"),
            "Invalid Method identifier specified",
        ),
    ],
)
def test_unknown_ids_are_not_found(
    apigateway: Any, mock_api: dict[str, str], call: Any, message: str
) -> None:
    with pytest.raises(ClientError) as raised:
        call(apigateway, mock_api["api_id"], mock_api["mock_id"])

    assert error_of(raised) == (404, "NotFoundException", message)


def test_bad_http_method_is_rejected(apigateway: Any, mock_api: dict[str, str]) -> None:
    with pytest.raises(ClientError) as raised:
        apigateway.put_method(
            restApiId=mock_api["api_id"],
            resourceId=mock_api["mock_id"],
            httpMethod="FETCH",
            authorizationType="NONE",
        )

    assert error_of(raised) == (
        400,
        "BadRequestException",
        "Invalid HttpMethod specified. Valid options are "
        "GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY",
    )


def test_wrong_integration_type_is_a_validation_exception(
    apigateway: Any, mock_api: dict[str, str]
) -> None:
    with pytest.raises(ClientError) as raised:
        apigateway.put_integration(
            restApiId=mock_api["api_id"],
            resourceId=mock_api["mock_id"],
            httpMethod="GET",
            type="HTTPS_PROXY",
        )

    assert error_of(raised) == (
        400,
        "ValidationException",
        "1 validation error detected: Value 'HTTPS_PROXY' at 'putIntegrationInput.type' failed "
        "to satisfy constraint: Member must satisfy enum value set: "
        "[HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]",
    )


def test_integration_timeout_outside_50_to_29000_ms_is_rejected(
    apigateway: Any, mock_api: dict[str, str]
) -> None:
    where = {
        "restApiId": mock_api["api_id"],
        "resourceId": mock_api["mock_id"],
        "httpMethod": "GET",
    }

    with pytest.raises(ClientError) as raised:
        apigateway.update_integration(
            **where,
            patchOperations=[{"op": "replace", "path": "/timeoutInMillis", "value": "30000"}],
        )

    assert error_of(raised) == (
        400,
        "BadRequestException",
        "Timeout should be between 50 ms and 29000 ms",
    )
    assert apigateway.get_integration(**where)["timeoutInMillis"] == 29000


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda c, r: c.put_method(
                restApiId="nope123456", resourceId=r, httpMethod="GET", authorizationType="NONE"
            ),
            "Invalid Resource identifier specified",
        ),
        (
            lambda c, r: c.get_integration(restApiId="nope123456", resourceId=r, httpMethod="GET"),
            "Invalid Resource identifier specified",
        ),
        (
            lambda c, r: c.get_request_validator(restApiId="nope123456", requestValidatorId="x"),
            "Invalid Request Validator identifier specified",
        ),
        (
            lambda c, r: c.get_model(restApiId="nope123456", modelName="MySchema"),
            "Invalid model name specified: MySchema",
        ),
    ],
)
def test_unknown_api_is_reported_as_aws_does_per_operation(
    apigateway: Any, mock_api: dict[str, str], call: Any, message: str
) -> None:
    with pytest.raises(ClientError) as raised:
        call(apigateway, mock_api["mock_id"])

    assert error_of(raised) == (404, "NotFoundException", message)


def test_delete_integration_response_of_unknown_method_names_the_integration(
    apigateway: Any, mock_api: dict[str, str]
) -> None:
    with pytest.raises(ClientError) as raised:
        apigateway.delete_integration_response(
            restApiId=mock_api["api_id"],
            resourceId=mock_api["mock_id"],
            httpMethod="POST",
            statusCode="200",
        )

    assert error_of(raised) == (
        404,
        "NotFoundException",
        "Invalid Integration identifier specified",
    )
