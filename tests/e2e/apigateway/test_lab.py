"""The lab on ``cognigate serve --lab``: the Mock API, then Task 3.2/3.3/3.4 control-plane steps.

Requests are the ones `shared/spec/lab-walkthrough.md` §3 says the console sends; assertions
are what AWS returns for them.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from botocore.exceptions import ClientError

from tests.e2e.apigateway.conftest import error_of
from tests.support import Server

MOCK_BODY = '{"confidential": "Secure, Me!!"}'


def _lab_api(client: Any) -> dict[str, Any]:
    apis: list[dict[str, Any]] = [
        a for a in client.get_rest_apis(limit=500)["items"] if a["name"] == "Mock API"
    ]
    assert len(apis) == 1
    return apis[0]


def _mock_resource(client: Any, api_id: str) -> dict[str, Any]:
    items: list[dict[str, Any]] = client.get_resources(restApiId=api_id, embed=["methods"])["items"]
    return next(r for r in items if r["path"] == "/mock")


def test_lab_mock_api_exists_with_get_mock_deployed_to_dev(lab_server: Server) -> None:
    client = lab_server.client("apigateway")

    api = _lab_api(client)
    mock = _mock_resource(client, api["id"])
    stages = client.get_stages(restApiId=api["id"])["item"]

    method = mock["resourceMethods"]["GET"]
    assert method["authorizationType"] == "NONE"
    assert "authorizerId" not in method
    integration = method["methodIntegration"]
    assert integration["type"] == "MOCK"
    assert integration["integrationResponses"]["200"]["responseTemplates"] == {
        "application/json": MOCK_BODY
    }
    assert [s["stageName"] for s in stages] == ["dev"]
    deployment = client.get_deployment(restApiId=api["id"], deploymentId=stages[0]["deploymentId"])
    assert deployment["id"] == stages[0]["deploymentId"]


def _lab_pool(lab_server: Server) -> dict[str, Any]:
    cognito = lab_server.client("cognito-idp")
    pool: dict[str, Any] = cognito.create_user_pool(PoolName="cognito-lab-pool")["UserPool"]
    return pool


def test_lab_tasks_3_2_to_3_4_read_back_as_aws_returns_them(lab_server: Server) -> None:
    client = lab_server.client("apigateway")
    pool = _lab_pool(lab_server)
    api = _lab_api(client)
    mock = _mock_resource(client, api["id"])
    old_deployment = client.get_stage(restApiId=api["id"], stageName="dev")["deploymentId"]

    authorizer = client.create_authorizer(
        restApiId=api["id"],
        name="lab-api-cognito-authorizer",
        type="COGNITO_USER_POOLS",
        providerARNs=[pool["Arn"]],
        identitySource="method.request.header.auth-token",
    )
    method = client.update_method(
        restApiId=api["id"],
        resourceId=mock["id"],
        httpMethod="GET",
        patchOperations=[
            {"op": "replace", "path": "/authorizationType", "value": "COGNITO_USER_POOLS"},
            {"op": "replace", "path": "/authorizerId", "value": authorizer["id"]},
        ],
    )
    deployment = client.create_deployment(
        restApiId=api["id"], stageName="dev", description="testing api authentication"
    )

    assert authorizer["ResponseMetadata"]["HTTPStatusCode"] == 201
    body = {k: v for k, v in authorizer.items() if k != "ResponseMetadata"}
    assert body == {
        "id": authorizer["id"],
        "name": "lab-api-cognito-authorizer",
        "type": "COGNITO_USER_POOLS",
        "providerARNs": [pool["Arn"]],
        "identitySource": "method.request.header.auth-token",
    }
    assert method["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert method["authorizationType"] == "COGNITO_USER_POOLS"
    assert method["authorizerId"] == authorizer["id"]
    assert "authorizationScopes" not in method
    assert deployment["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert deployment["description"] == "testing api authentication"
    assert set(deployment) == {"id", "description", "createdDate", "ResponseMetadata"}
    stage = client.get_stage(restApiId=api["id"], stageName="dev")
    assert stage["deploymentId"] == deployment["id"] != old_deployment
    got = client.get_authorizer(restApiId=api["id"], authorizerId=authorizer["id"])
    assert {k: v for k, v in got.items() if k != "ResponseMetadata"} == body


def test_authorizer_for_a_pool_that_does_not_exist_is_rejected(lab_server: Server) -> None:
    client = lab_server.client("apigateway")
    api = _lab_api(client)
    arn = "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_NoSuchPool"
    before = client.get_authorizers(restApiId=api["id"])["items"]

    with pytest.raises(ClientError) as raised:
        client.create_authorizer(
            restApiId=api["id"],
            name="bad",
            type="COGNITO_USER_POOLS",
            providerARNs=[arn],
            identitySource="method.request.header.auth-token",
        )

    status, code, message = error_of(raised)
    assert (status, code) == (400, "BadRequestException")
    assert arn in message
    assert client.get_authorizers(restApiId=api["id"])["items"] == before


def test_restart_with_lab_keeps_changes_and_does_not_duplicate(lab_server: Server) -> None:
    client = lab_server.client("apigateway")
    pool = _lab_pool(lab_server)
    api = _lab_api(client)
    mock = _mock_resource(client, api["id"])
    deployments = client.get_deployments(restApiId=api["id"])["items"]
    authorizer = client.create_authorizer(
        restApiId=api["id"],
        name="lab-api-cognito-authorizer",
        type="COGNITO_USER_POOLS",
        providerARNs=[pool["Arn"]],
        identitySource="method.request.header.auth-token",
    )
    client.update_method(
        restApiId=api["id"],
        resourceId=mock["id"],
        httpMethod="GET",
        patchOperations=[
            {"op": "replace", "path": "/authorizationType", "value": "COGNITO_USER_POOLS"},
            {"op": "replace", "path": "/authorizerId", "value": authorizer["id"]},
        ],
    )

    lab_server.stop()
    lab_server.start(timeout=120)
    client = lab_server.client("apigateway")

    again = _lab_api(client)
    assert again["id"] == api["id"]
    method = _mock_resource(client, api["id"])["resourceMethods"]["GET"]
    assert (method["authorizationType"], method["authorizerId"]) == (
        "COGNITO_USER_POOLS",
        authorizer["id"],
    )
    assert client.get_deployments(restApiId=api["id"])["items"] == deployments


def test_lab_server_leaves_invoke_paths_to_the_data_plane(lab_server: Server) -> None:
    api = _lab_api(lab_server.client("apigateway"))

    response = httpx.get(f"{lab_server.url}/restapis/{api['id']}/dev/_user_request_/mock")

    assert response.status_code != 200 or response.json() == {"confidential": "Secure, Me!!"}
    assert "x-amzn-errortype" not in {k.lower() for k in response.headers} or (
        response.headers.get("x-amzn-errortype") != "UnknownOperationException"
    )
