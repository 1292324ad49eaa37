"""The Lambda proxy event as AWS builds it: header spelling, forwarding headers, raw path values.

Reference: ``aws-recordings/apigateway/test_apigateway_lambda.snapshot.json``
(``test_lambda_aws_proxy_integration``).
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tests.e2e.gateway.conftest import Gateway, add_path, deploy

ECHO = """
import json

def handler(event, context):
    return {"statusCode": 200, "body": json.dumps(event)}
"""


@pytest.fixture(scope="module")
def echo_api(gateway_server: Gateway) -> str:
    apigw = gateway_server.client("apigateway")
    arn = gateway_server.deploy_function("echo", ECHO)
    api_id: str = apigw.create_rest_api(name="proxy-event")["id"]
    resource = add_path(apigw, api_id, "/{proxy+}")
    apigw.put_method(
        restApiId=api_id, resourceId=resource, httpMethod="ANY", authorizationType="NONE"
    )
    uri = f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{arn}/invocations"
    apigw.put_integration(
        restApiId=api_id, resourceId=resource, httpMethod="ANY", type="AWS_PROXY",
        integrationHttpMethod="POST", uri=uri,
    )  # fmt: skip
    deploy(apigw, api_id)
    return api_id


def _event(gateway: Gateway, api_id: str, path: str, **kw: Any) -> tuple[httpx.Response, Any]:
    response = gateway.invoke(api_id, path, **kw)
    assert response.status_code == 200, response.text
    return response, response.json()


def test_header_names_keep_the_client_spelling(gateway_server: Gateway, echo_api: str) -> None:
    sent = {"Authorization": "random-value", "tEsT-HEADeR": "aValUE", "x-lower": "v"}

    _, event = _event(gateway_server, echo_api, "/proxy-value", headers=sent)

    assert {k: event["headers"].get(k) for k in sent} == sent
    assert {k: event["multiValueHeaders"].get(k) for k in sent} == {k: [v] for k, v in sent.items()}
    assert event["headers"]["Host"].startswith("127.0.0.1:")
    assert "authorization" not in event["headers"]


def test_forwarding_headers_are_added_and_hop_by_hop_headers_dropped(
    gateway_server: Gateway, echo_api: str
) -> None:
    response, event = _event(
        gateway_server, echo_api, "/proxy-value", method="POST", json={"a": 1},
        headers={"Connection": "keep-alive"},
    )  # fmt: skip

    headers = event["headers"]
    assert headers["X-Forwarded-For"] == "127.0.0.1"
    assert headers["X-Forwarded-Port"] == str(gateway_server.server.port)
    assert headers["X-Forwarded-Proto"] == "http"
    assert re.fullmatch(r"Root=1-[0-9a-f]{8}-[0-9a-f]{24}", headers["X-Amzn-Trace-Id"])
    assert response.headers["x-amzn-trace-id"] == headers["X-Amzn-Trace-Id"]
    assert headers["Content-Type"] == "application/json"
    assert {"connection", "content-length"}.isdisjoint(name.lower() for name in headers)
    assert event["multiValueHeaders"]["X-Forwarded-Proto"] == ["http"]


def test_a_client_x_forwarded_for_chain_is_kept(gateway_server: Gateway, echo_api: str) -> None:
    # uvicorn trusts a loopback proxy: the chain's last address becomes the client address
    sent = {"X-Forwarded-For": "198.51.100.1, 203.0.113.7"}

    _, event = _event(gateway_server, echo_api, "/p", headers=sent)

    assert event["headers"]["X-Forwarded-For"] == "198.51.100.1, 203.0.113.7"
    assert event["requestContext"]["identity"]["sourceIp"] == "203.0.113.7"


@pytest.mark.parametrize(
    ("path", "proxy"),
    [
        ("/proxy-value", "proxy-value"),
        ("/proxy-value/", "proxy-value"),
        ("/proxy-value//double-slash", "proxy-value//double-slash"),
        (
            "/proxy-value/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com",
            "proxy-value/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com",
        ),
    ],
)
def test_path_and_greedy_path_parameter_are_the_raw_path(
    gateway_server: Gateway, echo_api: str, path: str, proxy: str
) -> None:
    _, event = _event(gateway_server, echo_api, path)

    assert event["pathParameters"] == {"proxy": proxy}
    assert event["path"] == path
    assert event["requestContext"]["path"] == f"/dev{path}"
    assert event["resource"] == "/{proxy+}"
