"""The lab's Tasks 3 and 4 over HTTP against ``serve --lab`` (spec/lab-walkthrough.md).

The fixture plays the console: it invokes the Mock API, creates the Cognito authorizer,
attaches it to GET /mock, invokes again before deploying, then deploys to ``dev``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.e2e.gateway.conftest import MOCK_BODY, Gateway, SignedIn, sign_in

UNAUTHORIZED = {"message": "Unauthorized"}


@dataclass(frozen=True)
class Lab:
    gateway: Gateway
    api_id: str
    mock_id: str
    authorizer_id: str
    user: SignedIn
    before_authorizer: httpx.Response
    before_deployment: httpx.Response

    def get(self, **headers: str) -> httpx.Response:
        return self.gateway.invoke(self.api_id, "/mock", headers=headers)


@pytest.fixture(scope="module")
def lab(gateway_server: Gateway) -> Lab:
    apigw = gateway_server.client("apigateway")
    api = next(a for a in apigw.get_rest_apis(limit=500)["items"] if a["name"] == "Mock API")
    items = apigw.get_resources(restApiId=api["id"])["items"]
    mock_id = next(r["id"] for r in items if r["path"] == "/mock")
    before_authorizer = gateway_server.invoke(api["id"], "/mock")
    user = sign_in(gateway_server.client("cognito-idp"))
    authorizer = apigw.create_authorizer(
        restApiId=api["id"], name="lab-api-cognito-authorizer", type="COGNITO_USER_POOLS",
        providerARNs=[user.pool_arn], identitySource="method.request.header.auth-token",
    )  # fmt: skip
    apigw.update_method(
        restApiId=api["id"], resourceId=mock_id, httpMethod="GET",
        patchOperations=[
            {"op": "replace", "path": "/authorizationType", "value": "COGNITO_USER_POOLS"},
            {"op": "replace", "path": "/authorizerId", "value": authorizer["id"]},
        ],
    )  # fmt: skip
    before_deployment = gateway_server.invoke(api["id"], "/mock")
    apigw.create_deployment(
        restApiId=api["id"], stageName="dev", description="testing api authentication"
    )
    return Lab(
        gateway_server, api["id"], mock_id, authorizer["id"], user, before_authorizer,
        before_deployment,
    )  # fmt: skip


def test_mock_api_answers_the_world_before_the_authorizer(lab: Lab) -> None:
    response = lab.before_authorizer

    assert response.status_code == 200
    assert response.text == MOCK_BODY
    assert response.headers["content-type"] == "application/json"


def test_attached_authorizer_is_invisible_until_the_deployment(lab: Lab) -> None:
    assert lab.before_deployment.status_code == 200
    assert lab.before_deployment.text == MOCK_BODY


def test_after_deployment_no_token_is_401_unauthorized(lab: Lab) -> None:
    response = lab.get()

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED
    assert response.headers["x-amzn-errortype"] == "UnauthorizedException"
    assert response.headers["content-type"] == "application/json"


def test_after_deployment_the_id_token_gets_the_body(lab: Lab) -> None:
    response = lab.get(**{"auth-token": lab.user.id_token})

    assert response.status_code == 200
    assert response.text == MOCK_BODY


def test_bearer_prefixed_id_token_is_accepted(lab: Lab) -> None:
    response = lab.get(**{"auth-token": f"Bearer {lab.user.id_token}"})

    assert response.status_code == 200


def test_access_token_is_401_when_the_method_has_no_scopes(lab: Lab) -> None:
    response = lab.get(**{"auth-token": lab.user.access_token})

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


def test_token_in_the_authorization_header_is_401(lab: Lab) -> None:
    response = lab.get(Authorization=lab.user.id_token)

    assert response.status_code == 401


def test_host_header_invocation_reaches_the_deployed_stage(lab: Lab) -> None:
    server = lab.gateway.server
    host = f"{lab.api_id}.execute-api.localhost:{server.port}"

    response = httpx.get(
        f"{server.url}/dev/mock", headers={"Host": host, "auth-token": lab.user.id_token}
    )

    assert response.status_code == 200
    assert response.text == MOCK_BODY


@pytest.mark.parametrize(("method", "path"), [("GET", "/other"), ("POST", "/mock"), ("GET", "/")])
def test_unknown_route_is_403_missing_authentication_token(
    lab: Lab, method: str, path: str
) -> None:
    response = lab.gateway.invoke(lab.api_id, path, method=method)

    assert response.status_code == 403
    assert response.json() == {"message": "Missing Authentication Token"}
    assert response.headers["x-amzn-errortype"] == "MissingAuthenticationTokenException"


def test_unknown_stage_is_403_forbidden(lab: Lab) -> None:
    response = lab.gateway.invoke(lab.api_id, "/mock", stage="prod")

    assert response.status_code == 403
    assert response.json() == {"message": "Forbidden"}


def _test_invoke_method(lab: Lab) -> dict[str, Any]:
    apigw = lab.gateway.client("apigateway")
    result: dict[str, Any] = apigw.test_invoke_method(
        restApiId=lab.api_id, resourceId=lab.mock_id, httpMethod="GET", pathWithQueryString="/mock"
    )
    return result


def test_test_invoke_method_bypasses_the_authorizer_and_returns_the_body(lab: Lab) -> None:
    result = _test_invoke_method(lab)

    assert result["status"] == 200
    assert result["body"] == MOCK_BODY
    assert result["headers"] == {"Content-Type": "application/json"}


def test_test_invoke_method_log_has_the_lines_aws_prints(lab: Lab) -> None:
    lines = _test_invoke_method(lab)["log"].splitlines()

    assert lines[0].startswith("Execution log for request ")
    texts = [line.split(" : ", 1)[1] for line in lines[1:]]
    assert texts[0].startswith("Starting execution for request: ")
    assert texts[1:] == [
        "HTTP Method: GET, Resource Path: /mock",
        "Method request path: {}",
        "Method request query string: {}",
        "Method request headers: {}",
        "Method request body before transformations: ",
        f"Method response body after transformations: {MOCK_BODY}",
        "Method response headers: {Content-Type=application/json}",
        "Successfully completed execution",
        "Method completed with status: 200",
    ]


@pytest.mark.parametrize("headers", [{"auth-token": ""}, {}])
def test_test_invoke_authorizer_without_token_is_401(lab: Lab, headers: dict[str, str]) -> None:
    apigw = lab.gateway.client("apigateway")

    result = apigw.test_invoke_authorizer(
        restApiId=lab.api_id, authorizerId=lab.authorizer_id, headers=headers
    )

    assert result["clientStatus"] == 401


def test_test_invoke_authorizer_with_the_id_token_returns_string_claims(lab: Lab) -> None:
    apigw = lab.gateway.client("apigateway")

    result = apigw.test_invoke_authorizer(
        restApiId=lab.api_id, authorizerId=lab.authorizer_id,
        headers={"auth-token": lab.user.id_token},
    )  # fmt: skip

    claims = result["claims"]
    assert result["clientStatus"] == 200
    assert claims["cognito:username"] == "CognitoUser"
    assert claims["email"] == "test1@gmail.com"
    assert claims["token_use"] == "id"
    assert claims["auth_time"].isdigit()
    assert claims["exp"].endswith(" UTC " + claims["exp"][-4:])
    assert all(isinstance(v, str) for v in claims.values())

