"""204 No Content answers: no body, so a kept-alive connection stays usable for the next call."""

from __future__ import annotations

from typing import Any

import httpx

from tests.support import Server


def _method_with_integration(client: Any, api_id: str, resource_id: str) -> None:
    where = {"restApiId": api_id, "resourceId": resource_id, "httpMethod": "GET"}
    client.put_method(**where, authorizationType="NONE")
    client.put_method_response(**where, statusCode="200")
    client.put_integration(**where, type="MOCK", requestTemplates={"application/json": "{}"})
    client.put_integration_response(**where, statusCode="200")


def test_deletes_in_a_row_on_one_client_answer_204_without_breaking_the_connection(
    server: Server, mock_api: dict[str, str]
) -> None:
    client = server.client("apigateway")  # retries disabled: a dropped connection fails
    api_id = mock_api["api_id"]
    resource_id = client.create_resource(restApiId=api_id, parentId=mock_api["root_id"],
                                         pathPart="gone")["id"]  # fmt: skip
    _method_with_integration(client, api_id, resource_id)
    where = {"restApiId": api_id, "resourceId": resource_id, "httpMethod": "GET"}
    arn = f"arn:aws:apigateway:us-east-1::/restapis/{api_id}"

    statuses = [
        client.delete_integration_response(**where, statusCode="200"),
        client.delete_integration(**where),
        client.delete_method_response(**where, statusCode="200"),
        client.delete_method(**where),
        client.tag_resource(resourceArn=arn, tags={"k": "v"}),
        client.untag_resource(resourceArn=arn, tagKeys=["k"]),
    ]
    client.delete_resource(restApiId=api_id, resourceId=resource_id)

    assert [s["ResponseMetadata"]["HTTPStatusCode"] for s in statuses] == [204] * 6
    assert client.get_tags(resourceArn=arn)["tags"] == {}


def test_a_204_carries_no_body_and_keeps_the_connection_alive(
    server: Server, mock_api: dict[str, str]
) -> None:
    api_id, resource_id = mock_api["api_id"], mock_api["mock_id"]
    base = f"{server.url}/restapis/{api_id}/resources/{resource_id}/methods/GET"

    with httpx.Client(timeout=10) as http:
        deleted = http.delete(f"{base}/integration")
        after = http.get(base)

    assert (deleted.status_code, deleted.content) == (204, b"")
    assert "content-length" not in deleted.headers or deleted.headers["content-length"] == "0"
    assert after.status_code == 200
    assert "methodIntegration" not in after.json()
