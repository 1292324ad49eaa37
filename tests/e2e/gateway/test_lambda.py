"""Lambda authorizers (TOKEN, REQUEST) and AWS_PROXY integrations with ``--functions DIR``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.gateway.conftest import Gateway, SignedIn, add_path, mock_method, sign_in
from tests.support import unique

AUTHORIZER = """
import json, os

def handler(event, context):
    token = event.get("authorizationToken") or event.get("headers", {}).get("x-key", "")
    with open(os.path.join(os.path.dirname(__file__), "calls.log"), "a") as log:
        log.write(token + "\\n")
    if token == "fail":
        raise Exception("Unauthorized")
    if token == "crash":
        raise ValueError("boom")
    if token == "invalid":
        return {"nothing": "here"}
    effect = "Deny" if token == "deny" else "Allow"
    resource = event["methodArn"] if token != "other" else event["methodArn"] + "/elsewhere"
    return {
        "principalId": "user-" + token,
        "policyDocument": {"Version": "2012-10-17", "Statement": [
            {"Action": "execute-api:Invoke", "Effect": effect, "Resource": resource}]},
        "context": {"tier": "gold", "count": 3, "vip": True},
    }
"""

PROXY = """
import json

def handler(event, context):
    return {
        "statusCode": 201,
        "headers": {"x-fn": "yes"},
        "multiValueHeaders": {"x-multi": ["a", "b"]},
        "body": json.dumps({
            "authorizer": event["requestContext"].get("authorizer"),
            "path": event["path"], "resource": event["resource"],
            "method": event["httpMethod"], "query": event["queryStringParameters"],
            "pathParameters": event["pathParameters"], "body": event["body"],
            "stage": event["requestContext"]["stage"],
        }),
    }
"""

CUSTOM = """
def handler(event, context):
    if event["a"] < 0:
        raise ValueError("bad input: negative")
    return {"sum": event["a"] + event["b"]}
"""

MALFORMED = """
def handler(event, context):
    return {"statusCode": "teapot", "body": {"not": "a string"}}
"""


def _uri(function_arn: str) -> str:
    prefix = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions"
    return f"{prefix}/{function_arn}/invocations"


@dataclass(frozen=True)
class LambdaApi:
    gateway: Gateway
    api_id: str
    calls: Path
    user: SignedIn

    def get(self, path: str, **kw: Any) -> Any:
        return self.gateway.invoke(self.api_id, path, **kw)

    def call_count(self, token: str) -> int:
        lines = self.calls.read_text().splitlines() if self.calls.exists() else []
        return lines.count(token)


def _lambda_authorizer(apigw: Any, api_id: str, arn: str, kind: str, **extra: Any) -> str:
    found: str = apigw.create_authorizer(
        restApiId=api_id, name=unique("lambda"), type=kind, authorizerUri=_uri(arn), **extra
    )["id"]
    return found


def _proxy(apigw: Any, api_id: str, path: str, function_arn: str, **method: Any) -> None:
    resource = add_path(apigw, api_id, path)
    method.setdefault("authorizationType", "NONE")
    apigw.put_method(restApiId=api_id, resourceId=resource, httpMethod="ANY", **method)
    apigw.put_integration(
        restApiId=api_id, resourceId=resource, httpMethod="ANY", type="AWS_PROXY",
        integrationHttpMethod="POST", uri=_uri(function_arn),
    )  # fmt: skip


def _custom(apigw: Any, api_id: str, function_arn: str) -> None:
    resource = add_path(apigw, api_id, "/custom")
    apigw.put_method(
        restApiId=api_id, resourceId=resource, httpMethod="GET", authorizationType="NONE"
    )
    apigw.put_integration(
        restApiId=api_id, resourceId=resource, httpMethod="GET", type="AWS",
        integrationHttpMethod="POST", uri=_uri(function_arn),
        requestTemplates={"application/json": '{"a": $input.params("a"), "b": 2}'},
    )  # fmt: skip
    responses = {"200": ("", '{"result": $input.json(\'$.sum\')}'),
                 "400": ("bad input.*", '{"error": $input.json(\'$.errorMessage\')}')}  # fmt: skip
    for status, (pattern, template) in responses.items():
        apigw.put_method_response(
            restApiId=api_id, resourceId=resource, httpMethod="GET", statusCode=status
        )
        apigw.put_integration_response(
            restApiId=api_id, resourceId=resource, httpMethod="GET", statusCode=status,
            selectionPattern=pattern, responseTemplates={"application/json": template},
        )  # fmt: skip


@pytest.fixture(scope="module")
def lambda_api(gateway_server: Gateway) -> LambdaApi:
    apigw = gateway_server.client("apigateway")
    authorizer = gateway_server.deploy_function("authorizer", AUTHORIZER)
    proxy = gateway_server.deploy_function("proxy", PROXY)
    malformed = gateway_server.deploy_function("malformed", MALFORMED)
    user = sign_in(gateway_server.client("cognito-idp"))
    api_id = apigw.create_rest_api(name=unique("lambda"))["id"]
    token = _lambda_authorizer(
        apigw, api_id, authorizer, "TOKEN", identitySource="method.request.header.Authorization"
    )
    request = _lambda_authorizer(
        apigw, api_id, authorizer, "REQUEST", identitySource="method.request.header.x-key",
        authorizerResultTtlInSeconds=0,
    )  # fmt: skip
    cognito = apigw.create_authorizer(
        restApiId=api_id, name="cognito", type="COGNITO_USER_POOLS",
        providerARNs=[user.pool_arn], identitySource="method.request.header.auth-token",
    )["id"]  # fmt: skip
    _proxy(apigw, api_id, "/items/{item}", proxy, authorizationType="CUSTOM", authorizerId=token)
    _proxy(apigw, api_id, "/open", proxy)
    _proxy(apigw, api_id, "/claims", proxy, authorizationType="COGNITO_USER_POOLS",
           authorizerId=cognito)  # fmt: skip
    _proxy(apigw, api_id, "/malformed", malformed)
    guarded = add_path(apigw, api_id, "/request")
    mock_method(
        apigw, api_id, guarded, authorizationType="CUSTOM", authorizerId=request,
        responses={"200": (None, '{"principal": "$context.authorizer.principalId", '
                                 '"tier": "$context.authorizer.tier"}')},
    )  # fmt: skip
    _custom(apigw, api_id, gateway_server.deploy_function("custom", CUSTOM))
    _proxy(
        apigw,
        api_id,
        "/staged",
        "arn:aws:lambda:us-east-1:000000000000:function:${stageVariables.fn}",
    )
    variables = {"fn": proxy.rsplit(":", 1)[1]}
    apigw.create_deployment(restApiId=api_id, stageName="dev", variables=variables)
    calls = gateway_server.functions_dir / "calls.log"
    return LambdaApi(gateway_server, api_id, calls, user)


def test_token_authorizer_allow_reaches_the_proxy_function_with_its_context(
    lambda_api: LambdaApi,
) -> None:
    response = lambda_api.get("/items/7", params={"q": "1"}, headers={"Authorization": "alice"})

    body = response.json()
    assert response.status_code == 201
    assert response.headers["x-fn"] == "yes"
    assert body["authorizer"] == {
        "principalId": "user-alice", "tier": "gold", "count": "3", "vip": "true",
    }  # fmt: skip
    assert (body["path"], body["resource"], body["method"]) == ("/items/7", "/items/{item}", "GET")
    assert (body["query"], body["pathParameters"], body["stage"]) == (
        {"q": "1"}, {"item": "7"}, "dev",
    )  # fmt: skip


def test_proxy_multi_value_headers_are_all_returned(lambda_api: LambdaApi) -> None:
    response = lambda_api.get("/open")

    assert response.headers.get_list("x-multi") == ["a", "b"]


def test_proxy_event_carries_the_body(lambda_api: LambdaApi) -> None:
    response = lambda_api.get("/open", method="POST", content=b'{"k": 1}')

    assert response.json()["body"] == '{"k": 1}'
    assert response.json()["method"] == "POST"


def test_token_authorizer_result_is_cached_for_the_ttl(lambda_api: LambdaApi) -> None:
    first = lambda_api.get("/items/1", headers={"Authorization": "cached"})
    second = lambda_api.get("/items/1", headers={"Authorization": "cached"})

    assert (first.status_code, second.status_code) == (201, 201)
    assert lambda_api.call_count("cached") == 1


def test_cached_policy_is_evaluated_against_each_method_arn(lambda_api: LambdaApi) -> None:
    first = lambda_api.get("/items/1", headers={"Authorization": "narrow"})
    second = lambda_api.get("/items/2", headers={"Authorization": "narrow"})

    assert (first.status_code, second.status_code) == (201, 403)
    assert lambda_api.call_count("narrow") == 1


def test_token_authorizer_deny_is_403_explicit_deny(lambda_api: LambdaApi) -> None:
    response = lambda_api.get("/items/1", headers={"Authorization": "deny"})

    assert response.status_code == 403
    assert response.json() == {
        "Message": "User is not authorized to access this resource with an explicit deny"
    }
    assert response.headers["x-amzn-errortype"] == "AccessDeniedException"


def test_allow_for_another_resource_is_403(lambda_api: LambdaApi) -> None:
    response = lambda_api.get("/items/1", headers={"Authorization": "other"})

    assert response.status_code == 403
    assert response.json() == {"Message": "User is not authorized to access this resource"}


def test_authorizer_failing_with_unauthorized_is_401(lambda_api: LambdaApi) -> None:
    response = lambda_api.get("/items/1", headers={"Authorization": "fail"})

    assert response.status_code == 401
    assert response.json() == {"message": "Unauthorized"}


@pytest.mark.parametrize("token", ["crash", "invalid"])
def test_authorizer_error_or_invalid_output_is_500(lambda_api: LambdaApi, token: str) -> None:
    response = lambda_api.get("/items/1", headers={"Authorization": token})

    assert response.status_code == 500
    assert response.json() == {"message": None}
    assert response.headers["x-amzn-errortype"] == "AuthorizerConfigurationException"


def test_missing_token_is_401_without_calling_the_function(lambda_api: LambdaApi) -> None:
    response = lambda_api.get("/items/1")

    assert response.status_code == 401
    assert lambda_api.call_count("") == 0


def test_request_authorizer_context_reaches_the_mapping_template(lambda_api: LambdaApi) -> None:
    response = lambda_api.get("/request", headers={"x-key": "bob"})

    assert response.json() == {"principal": "user-bob", "tier": "gold"}


def test_request_authorizer_with_caching_off_is_called_every_time(lambda_api: LambdaApi) -> None:
    lambda_api.get("/request", headers={"x-key": "twice"})
    lambda_api.get("/request", headers={"x-key": "twice"})

    assert lambda_api.call_count("twice") == 2


def test_cognito_claims_reach_the_proxy_event_as_strings(lambda_api: LambdaApi) -> None:
    response = lambda_api.get("/claims", headers={"auth-token": lambda_api.user.id_token})

    claims = response.json()["authorizer"]["claims"]
    assert claims["cognito:username"] == "CognitoUser"
    assert claims["token_use"] == "id"
    assert all(isinstance(value, str) for value in claims.values())


def test_malformed_proxy_response_is_502(lambda_api: LambdaApi) -> None:
    response = lambda_api.get("/malformed")

    assert response.status_code == 502
    assert response.json() == {"message": "Internal server error"}


def test_flush_stage_authorizers_cache_calls_the_function_again(lambda_api: LambdaApi) -> None:
    apigw = lambda_api.gateway.client("apigateway")
    lambda_api.get("/items/1", headers={"Authorization": "flushed"})

    apigw.flush_stage_authorizers_cache(restApiId=lambda_api.api_id, stageName="dev")
    lambda_api.get("/items/1", headers={"Authorization": "flushed"})

    assert lambda_api.call_count("flushed") == 2


def test_lambda_custom_integration_maps_the_event_and_the_result(lambda_api: LambdaApi) -> None:
    response = lambda_api.get("/custom", params={"a": "40"})

    assert response.status_code == 200
    assert response.json() == {"result": 42}


def test_lambda_custom_integration_error_message_selects_the_response(
    lambda_api: LambdaApi,
) -> None:
    response = lambda_api.get("/custom", params={"a": "-1"})

    assert response.status_code == 400
    assert response.json() == {"error": "bad input: negative"}


def test_stage_variables_name_the_proxy_function(lambda_api: LambdaApi) -> None:
    response = lambda_api.get("/staged")

    assert response.status_code == 201
    assert response.json()["resource"] == "/staged"
