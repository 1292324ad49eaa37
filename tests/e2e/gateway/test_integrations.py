"""Integrations at invoke time: MOCK with VTL and selection patterns, HTTP with templates,
HTTP_PROXY streaming to a loopback backend (502/504 on failures), CORS preflight."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.e2e.gateway.conftest import Gateway, add_path, mock_method
from tests.e2e.gateway.upstream import upstream
from tests.support import unique

__all__ = ["upstream"]  # fixture used by this module

REQUEST_TEMPLATE = (
    "#if($input.params('fail') == 'yes'){\"statusCode\": 503}"
    "#elseif($input.params('fail') == 'no-status'){\"nothing\": 1}"
    "#else{statusCode: 200}#end"
)
OK_TEMPLATE = (
    '{"name": "$util.escapeJavaScript($input.params(\'name\'))", "stage": "$context.stage", '
    '"greeting": "$stageVariables.greeting", "path": "$context.resourcePath", '
    '"id": "$input.params(\'id\')"}'
)
HTTP_TEMPLATE = '{"picked": $input.json(\'$.pick\'), "header": "$input.params(\'x-in\')"}'
HTTP_RESPONSE = '{"echoed": $input.json(\'$.body\'), "method": "$input.path(\'$.method\')"}'


@dataclass(frozen=True)
class Apis:
    gateway: Gateway
    api_id: str

    def call(self, path: str, **kw: Any) -> Any:
        return self.gateway.invoke(self.api_id, path, **kw)


def _http(apigw: Any, api_id: str, path: str, kind: str, uri: str, **extra: Any) -> str:
    resource = add_path(apigw, api_id, path)
    method = extra.pop("method", "GET")
    apigw.put_method(
        restApiId=api_id, resourceId=resource, httpMethod=method, authorizationType="NONE",
        requestParameters=extra.pop("method_parameters", {}),
    )  # fmt: skip
    apigw.put_integration(
        restApiId=api_id, resourceId=resource, httpMethod=method, type=kind, uri=uri,
        integrationHttpMethod=extra.pop("integration_method", method), **extra,
    )  # fmt: skip
    return resource


def _integration_response(apigw: Any, api_id: str, resource: str, status: str, **kw: Any) -> None:
    apigw.put_method_response(
        restApiId=api_id, resourceId=resource, httpMethod=kw.pop("method", "GET"),
        statusCode=status,
    )  # fmt: skip
    apigw.put_integration_response(
        restApiId=api_id, resourceId=resource, httpMethod="GET", statusCode=status, **kw
    )


@pytest.fixture(scope="module")
def apis(gateway_server: Gateway, upstream: str) -> Apis:
    apigw = gateway_server.client("apigateway")
    api_id = apigw.create_rest_api(name=unique("integrations"))["id"]
    vtl = add_path(apigw, api_id, "/vtl/{id}")
    mock_method(
        apigw, api_id, vtl, request_template=REQUEST_TEMPLATE,
        responses={"200": (None, OK_TEMPLATE), "500": (r"5\d{2}", '{"error": "selected"}')},
    )  # fmt: skip
    http = _http(
        apigw, api_id, "/http", "HTTP", f"{upstream}/echo", method="GET",
        integration_method="POST",
        requestTemplates={"application/json": HTTP_TEMPLATE},
    )  # fmt: skip
    _integration_response(
        apigw, api_id, http, "200", responseTemplates={"application/json": HTTP_RESPONSE}
    )
    _http(apigw, api_id, "/proxy/{proxy+}", "HTTP_PROXY", f"{upstream}/{{proxy}}", method="ANY")
    _http(
        apigw, api_id, "/hp/{proxy+}", "HTTP_PROXY", f"{upstream}/{{proxy}}", method="ANY",
        method_parameters={"method.request.path.proxy": True},
        requestParameters={"integration.request.path.proxy": "method.request.path.proxy"},
    )  # fmt: skip
    empty = add_path(apigw, api_id, "/empty")
    mock_method(apigw, api_id, empty, request_template='{"statusCode": 204}',
                responses={"204": (None, '{"dropped": true}')})  # fmt: skip
    _http(apigw, api_id, "/slow", "HTTP_PROXY", f"{upstream}/slow", timeoutInMillis=300)
    _http(apigw, api_id, "/down", "HTTP_PROXY", "http://127.0.0.1:9/nothing")
    cors = add_path(apigw, api_id, "/cors")
    mock_method(apigw, api_id, cors, method="OPTIONS", responses={"200": (None, "")})
    apigw.put_method_response(
        restApiId=api_id, resourceId=cors, httpMethod="OPTIONS", statusCode="204",
        responseParameters={"method.response.header.Access-Control-Allow-Origin": False},
    )  # fmt: skip
    apigw.put_integration_response(
        restApiId=api_id, resourceId=cors, httpMethod="OPTIONS", statusCode="200",
        responseParameters={
            "method.response.header.Access-Control-Allow-Origin": "'*'",
            "method.response.header.Access-Control-Allow-Methods": "'GET,OPTIONS'",
        },
    )  # fmt: skip
    apigw.create_deployment(restApiId=api_id, stageName="dev", variables={"greeting": "hello"})
    return Apis(gateway_server, api_id)


def test_mock_templates_see_params_util_context_and_stage_variables(apis: Apis) -> None:
    response = apis.call("/vtl/42", params={"name": 'Bob "B"'})

    assert response.status_code == 200
    assert response.json() == {
        "name": 'Bob "B"', "stage": "dev", "greeting": "hello", "path": "/vtl/{id}", "id": "42",
    }  # fmt: skip


def test_selection_pattern_picks_the_integration_response(apis: Apis) -> None:
    response = apis.call("/vtl/1", params={"fail": "yes"})

    assert response.status_code == 500
    assert response.json() == {"error": "selected"}


def test_mock_without_status_code_is_500_internal_server_error(apis: Apis) -> None:
    response = apis.call("/vtl/1", params={"fail": "no-status"})

    assert response.status_code == 500
    assert response.json() == {"message": "Internal server error"}


def test_http_integration_maps_the_request_and_the_response(apis: Apis) -> None:
    response = apis.call(
        "/http", content=b'{"pick": {"a": [1, 2]}}', headers={"x-in": "header-value"}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["method"] == "POST"
    assert body["echoed"] == '{"picked": {"a": [1, 2]}, "header": "header-value"}'


def test_http_proxy_forwards_path_query_headers_and_body(apis: Apis) -> None:
    response = apis.call(
        "/proxy/a/b", method="POST", params={"q": "1"}, headers={"x-test": "t"}, content=b"raw"
    )

    echoed = response.json()
    assert response.status_code == 200
    assert response.headers["x-upstream"] == "yes"
    assert (echoed["method"], echoed["path"], echoed["query"]) == ("POST", "/a/b", {"q": "1"})
    assert echoed["headers"]["x-test"] == "t"
    assert echoed["body"] == "raw"


@pytest.mark.parametrize("prefix", ["/proxy", "/hp"])
def test_http_proxy_sends_a_greedy_path_with_its_slashes(apis: Apis, prefix: str) -> None:
    response = apis.call(f"{prefix}/a/b%20c", method="POST", params=[("x", "1"), ("x", "2")])

    assert response.status_code == 200
    assert response.json()["raw_path"] == "/a/b%20c"


def test_a_204_method_response_has_no_body_and_keeps_the_connection(apis: Apis) -> None:
    with httpx.Client(timeout=10) as client:
        empty = client.get(apis.gateway.url(apis.api_id, "/empty"))
        after = client.get(apis.gateway.url(apis.api_id, "/vtl/3"))

    assert (empty.status_code, empty.content) == (204, b"")
    assert after.status_code == 200


def test_http_proxy_returns_the_backend_status_unchanged(apis: Apis) -> None:
    response = apis.call("/proxy/status/418")

    assert response.status_code == 418
    assert response.json() == {"code": 418}


def test_http_proxy_streams_a_chunked_backend_response(apis: Apis) -> None:
    assert apis.call("/proxy/chunks").text == "chunk0;chunk1;chunk2;"


def test_http_proxy_timeout_is_504(apis: Apis) -> None:
    response = apis.call("/slow")

    assert response.status_code == 504
    assert response.json() == {"message": "Endpoint request timed out"}


def test_http_proxy_connection_failure_is_502(apis: Apis) -> None:
    response = apis.call("/down")

    assert response.status_code == 502
    assert response.json() == {"message": "Internal server error"}


def test_cors_preflight_is_answered_by_the_mock_options_method(apis: Apis) -> None:
    response = apis.call("/cors", method="OPTIONS")

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["access-control-allow-methods"] == "GET,OPTIONS"


def test_stage_access_log_format_is_written_per_request(apis: Apis) -> None:
    apigw = apis.gateway.client("apigateway")
    marker = unique("access")
    apigw.update_stage(
        restApiId=apis.api_id, stageName="dev",
        patchOperations=[
            {"op": "replace", "path": "/accessLogSettings/destinationArn",
             "value": "arn:aws:logs:us-east-1:000000000000:log-group:access"},
            {"op": "replace", "path": "/accessLogSettings/format",
             "value": f"{marker} $context.httpMethod $context.resourcePath $context.status"},
        ],
    )  # fmt: skip

    apis.call("/vtl/5")

    log_path = apis.gateway.server.log_path
    assert log_path is not None
    assert f"{marker} GET /vtl/{{id}} 200" in log_path.read_text()


def test_payload_over_10_mb_is_413(apis: Apis) -> None:
    response = apis.call("/proxy/big", method="POST", content=b"x" * (10 * 1024 * 1024 + 1))

    assert response.status_code == 413
