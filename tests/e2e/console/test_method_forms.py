"""Method execution in the console: method request settings, integration request and
integration responses land in GetMethod / GetIntegration / GetIntegrationResponse; AWS's error
for bad input is shown and nothing changes."""

from __future__ import annotations

from dataclasses import dataclass
from html import unescape
from typing import Any

import httpx
import pytest
from botocore.exceptions import ClientError

from tests.e2e.console.forms import csrf_of
from tests.support import Server, unique

JSON_TEMPLATE = '{"statusCode": 200}'


@dataclass(frozen=True)
class Target:
    api_id: str
    resource_id: str

    @property
    def page(self) -> str:
        return f"/console/apis/{self.api_id}/resources/{self.resource_id}/methods/GET"

    @property
    def ids(self) -> dict[str, str]:
        return {"restApiId": self.api_id, "resourceId": self.resource_id, "httpMethod": "GET"}


@pytest.fixture
def target(apigateway: Any) -> Target:
    """``GET /`` with a MOCK integration and a default 200 integration response."""
    api_id = apigateway.create_rest_api(name=unique("console-method"))["id"]
    root = apigateway.get_resources(restApiId=api_id)["items"][0]["id"]
    found = Target(api_id, root)
    apigateway.put_method(**found.ids, authorizationType="NONE")
    apigateway.put_integration(
        **found.ids, type="MOCK", requestTemplates={"application/json": JSON_TEMPLATE}
    )
    apigateway.put_method_response(**found.ids, statusCode="200")
    apigateway.put_integration_response(
        **found.ids, statusCode="200", responseTemplates={"application/json": '{"ok": true}'}
    )
    return found


def _post(server: Server, target: Target, action: str, data: dict[str, Any]) -> httpx.Response:
    """POST a method-execution form (CSRF from the page) and follow the redirect back."""
    with httpx.Client(base_url=server.url, timeout=30, follow_redirects=True) as client:
        token = csrf_of(client.get(target.page + "?tab=request&edit=1").text)
        return client.post(target.page + action, data={"csrf": token, **data})


def test_integration_request_edits_passthrough_templates_and_parameters(
    server: Server, apigateway: Any, target: Target
) -> None:
    response = _post(
        server,
        target,
        "/integration",
        {
            "passthrough": "NEVER",
            "timeout": "29000",
            "parameters": "integration.request.header.x-trace = method.request.header.x-trace",
            "template_type": ["application/json", "text/plain"],
            "template_body": ['{"statusCode": 201}', '{"statusCode": 200}'],
        },
    )

    assert "has been updated" in response.text
    integration = apigateway.get_integration(**target.ids)
    assert integration["passthroughBehavior"] == "NEVER"
    assert integration["requestTemplates"] == {
        "application/json": '{"statusCode": 201}',
        "text/plain": '{"statusCode": 200}',
    }
    assert integration["requestParameters"] == {
        "integration.request.header.x-trace": "method.request.header.x-trace"
    }


def test_emptying_a_mapping_template_removes_it(
    server: Server, apigateway: Any, target: Target
) -> None:
    apigateway.update_integration(
        **target.ids,
        patchOperations=[{"op": "add", "path": "/requestTemplates/text~1plain", "value": "{}"}],
    )

    _post(
        server,
        target,
        "/integration",
        {"template_type": ["application/json", "text/plain"], "template_body": ["", "{}"]},
    )

    assert apigateway.get_integration(**target.ids)["requestTemplates"] == {"text/plain": "{}"}


def test_an_out_of_range_timeout_shows_the_aws_error_and_changes_nothing(
    server: Server, apigateway: Any, target: Target
) -> None:
    response = _post(
        server,
        target,
        "/integration",
        {
            "passthrough": "NEVER",
            "timeout": "10",
            "template_type": ["application/json"],
            "template_body": ["changed"],
        },
    )

    assert "BadRequestException: Timeout should be between 50 ms and 29000 ms" in response.text
    integration = apigateway.get_integration(**target.ids)
    assert integration["passthroughBehavior"] == "WHEN_NO_MATCH"
    assert integration["requestTemplates"] == {"application/json": JSON_TEMPLATE}


def test_editing_an_integration_response_sets_pattern_and_templates(
    server: Server, apigateway: Any, target: Target
) -> None:
    _post(
        server,
        target,
        "/responses/200",
        {
            "action": "save",
            "selection_pattern": "2\\d{2}",
            "template_type": ["application/json", "text/html"],
            "template_body": ['{"ok": false}', "<p>ok</p>"],
        },
    )

    found = apigateway.get_integration_response(**target.ids, statusCode="200")
    assert found["selectionPattern"] == "2\\d{2}"
    assert found["responseTemplates"] == {
        "application/json": '{"ok": false}',
        "text/html": "<p>ok</p>",
    }


def test_creating_an_integration_response_puts_it(
    server: Server, apigateway: Any, target: Target
) -> None:
    apigateway.put_method_response(**target.ids, statusCode="400")

    _post(
        server,
        target,
        "/responses",
        {
            "status_code": "400",
            "selection_pattern": "Bad.*",
            "parameters": "method.response.header.x-error = 'yes'",
            "template_type": "application/json",
            "template_body": '{"error": true}',
        },
    )

    found = apigateway.get_integration_response(**target.ids, statusCode="400")
    assert found["selectionPattern"] == "Bad.*"
    assert found["responseParameters"] == {"method.response.header.x-error": "'yes'"}
    assert found["responseTemplates"] == {"application/json": '{"error": true}'}


def test_deleting_an_integration_response_removes_it(
    server: Server, apigateway: Any, target: Target
) -> None:
    _post(server, target, "/responses/200", {"action": "delete"})

    assert "integrationResponses" not in apigateway.get_integration(**target.ids)


def test_an_empty_header_mapping_value_shows_the_aws_error_and_creates_nothing(
    server: Server, apigateway: Any, target: Target
) -> None:
    response = _post(
        server,
        target,
        "/responses",
        {"status_code": "500", "parameters": "method.response.header.x-error ="},
    )

    assert "BadRequestException: Invalid null or empty value in responseParameters" in response.text
    assert set(apigateway.get_integration(**target.ids)["integrationResponses"]) == {"200"}


def test_method_request_saves_api_key_and_request_validator(
    server: Server, apigateway: Any, target: Target
) -> None:
    validator = apigateway.create_request_validator(
        restApiId=target.api_id, name="body", validateRequestBody=True
    )["id"]

    _post(
        server,
        target,
        "/request",
        {"authorization": "NONE", "settings": "1", "api_key": "on", "request_validator": validator},
    )

    method = apigateway.get_method(**target.ids)
    assert method["apiKeyRequired"] is True
    assert method["requestValidatorId"] == validator


def test_an_unknown_request_validator_shows_the_aws_error_and_changes_nothing(
    server: Server, apigateway: Any, target: Target
) -> None:
    response = _post(
        server,
        target,
        "/request",
        {"authorization": "NONE", "settings": "1", "api_key": "on", "request_validator": "nope"},
    )

    assert "BadRequestException: Invalid Request Validator identifier specified" in response.text
    method = apigateway.get_method(**target.ids)
    assert method["apiKeyRequired"] is False
    assert "requestValidatorId" not in method


def test_a_status_code_aws_refuses_shows_its_message_and_creates_nothing(
    server: Server, apigateway: Any, target: Target
) -> None:
    with pytest.raises(ClientError) as raised:
        apigateway.put_integration_response(**target.ids, statusCode="abc")
    expected = raised.value.response["Error"]["Message"]

    response = _post(server, target, "/responses", {"status_code": "abc"})

    assert expected in unescape(response.text)
    assert set(apigateway.get_integration(**target.ids)["integrationResponses"]) == {"200"}
