"""TestInvokeMethod and TestInvokeAuthorizer on the current, undeployed definition."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.gateway.conftest import Gateway, add_path, mock_method
from tests.e2e.gateway.test_lambda import AUTHORIZER
from tests.e2e.gateway.upstream import upstream
from tests.support import unique

__all__ = ["upstream"]  # fixture used by this module


def _texts(log: str) -> list[str]:
    return [line.split(" : ", 1)[1] for line in log.splitlines()[1:]]


@pytest.fixture
def api_id(apigw: Any) -> Any:
    made = apigw.create_rest_api(name=unique("test-invoke"))["id"]
    yield made
    apigw.delete_rest_api(restApiId=made)


def test_path_query_and_headers_are_logged_as_java_maps(apigw: Any, api_id: str) -> None:
    pet = add_path(apigw, api_id, "/pets/{petId}")
    mock_method(apigw, api_id, pet, responses={"200": (None, '{"id": "$input.params(\'petId\')"}')})

    result = apigw.test_invoke_method(
        restApiId=api_id, resourceId=pet, httpMethod="GET", pathWithQueryString="/pets/123?x=1",
        headers={"h": "v"},
    )  # fmt: skip

    texts = _texts(result["log"])
    assert result["body"] == '{"id": "123"}'
    assert texts[1:5] == [
        "HTTP Method: GET, Resource Path: /pets/123",
        "Method request path: {petId=123}",
        "Method request query string: {x=1}",
        "Method request headers: {h=v}",
    ]


def test_mock_without_status_code_fails_with_the_configuration_error(
    apigw: Any, api_id: str
) -> None:
    resource = add_path(apigw, api_id, "/broken")
    mock_method(apigw, api_id, resource, request_template='{"no": "status"}')

    result = apigw.test_invoke_method(restApiId=api_id, resourceId=resource, httpMethod="GET")

    assert result["status"] == 500
    assert json.loads(result["body"]) == {"message": "Internal server error"}
    assert result["headers"] == {"x-amzn-ErrorType": "InternalServerErrorException"}
    assert _texts(result["log"])[-2:] == [
        "Execution failed due to configuration error: Unable to parse statusCode. "
        "It should be an integer that is defined in the request template.",
        "Method completed with status: 500",
    ]


def test_http_integration_logs_the_endpoint_request_and_response(
    apigw: Any, api_id: str, upstream: str
) -> None:
    resource = add_path(apigw, api_id, "/http")
    apigw.put_method(
        restApiId=api_id, resourceId=resource, httpMethod="GET", authorizationType="NONE"
    )
    apigw.put_integration(
        restApiId=api_id, resourceId=resource, httpMethod="GET", type="HTTP",
        integrationHttpMethod="GET", uri=f"{upstream}/logged",
    )  # fmt: skip
    apigw.put_method_response(
        restApiId=api_id, resourceId=resource, httpMethod="GET", statusCode="200"
    )
    apigw.put_integration_response(
        restApiId=api_id, resourceId=resource, httpMethod="GET", statusCode="200"
    )

    result = apigw.test_invoke_method(restApiId=api_id, resourceId=resource, httpMethod="GET")

    texts = _texts(result["log"])
    assert result["status"] == 200
    assert json.loads(result["body"])["path"] == "/logged"
    assert f"Endpoint request URI: {upstream}/logged" in texts
    assert f"Sending request to {upstream}/logged" in texts
    assert any(t.startswith("Received response. Status: 200, Integration latency: ") for t in texts)
    assert any(t.startswith("Endpoint response body before transformations: {") for t in texts)
    assert texts[-2:] == ["Successfully completed execution", "Method completed with status: 200"]


def test_unknown_resource_is_not_found(apigw: Any, api_id: str) -> None:
    with pytest.raises(ClientError) as raised:
        apigw.test_invoke_method(restApiId=api_id, resourceId="nope00", httpMethod="GET")

    assert raised.value.response["Error"]["Code"] == "NotFoundException"


@pytest.mark.parametrize(("token", "status"), [("alice", 200), ("deny", 403), ("fail", 401)])
def test_test_invoke_authorizer_runs_the_lambda(
    gateway_server: Gateway, apigw: Any, api_id: str, token: str, status: int
) -> None:
    arn = gateway_server.deploy_function("authorizer", AUTHORIZER)
    uri = f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{arn}/invocations"
    authorizer = apigw.create_authorizer(
        restApiId=api_id, name="lambda", type="TOKEN", authorizerUri=uri,
        identitySource="method.request.header.Authorization",
    )["id"]  # fmt: skip

    result = apigw.test_invoke_authorizer(
        restApiId=api_id, authorizerId=authorizer, headers={"Authorization": token}
    )

    assert result["clientStatus"] == status
    if status != 401:
        assert result["principalId"] == f"user-{token}"
        assert json.loads(result["policy"])["Statement"][0]["Effect"] in ("Allow", "Deny")


def _token_authorizer(gateway_server: Gateway, apigw: Any, api_id: str) -> str:
    arn = gateway_server.deploy_function("authorizer", AUTHORIZER)
    uri = f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{arn}/invocations"
    found: str = apigw.create_authorizer(
        restApiId=api_id, name="lambda", type="TOKEN", authorizerUri=uri,
        identitySource="method.request.header.Authorization",
    )["id"]  # fmt: skip
    return found


def test_test_invoke_authorizer_shows_context_values_as_aws_strings(
    gateway_server: Gateway, apigw: Any, api_id: str
) -> None:
    authorizer = _token_authorizer(gateway_server, apigw, api_id)

    result = apigw.test_invoke_authorizer(
        restApiId=api_id, authorizerId=authorizer, headers={"Authorization": "alice"}
    )

    assert result["authorization"] == {"tier": ["gold"], "count": ["3"], "vip": ["true"]}


def test_test_invoke_authorizer_of_a_lambda_has_no_claims(
    gateway_server: Gateway, apigw: Any, api_id: str
) -> None:
    authorizer = _token_authorizer(gateway_server, apigw, api_id)

    result = apigw.test_invoke_authorizer(
        restApiId=api_id, authorizerId=authorizer, headers={"Authorization": "alice"}
    )

    assert "claims" not in result


def test_stage_variables_fill_the_http_endpoint(
    gateway_server: Gateway, apigw: Any, api_id: str, upstream: str
) -> None:
    resource = add_path(apigw, api_id, "/staged")
    apigw.put_method(
        restApiId=api_id, resourceId=resource, httpMethod="GET", authorizationType="NONE"
    )
    apigw.put_integration(
        restApiId=api_id, resourceId=resource, httpMethod="GET", type="HTTP_PROXY",
        integrationHttpMethod="GET", uri="http://${stageVariables.backend}/from-stage",
    )  # fmt: skip
    apigw.create_deployment(
        restApiId=api_id, stageName="dev", variables={"backend": upstream.split("://", 1)[1]}
    )

    response = gateway_server.invoke(api_id, "/staged")

    assert response.json()["path"] == "/from-stage"
