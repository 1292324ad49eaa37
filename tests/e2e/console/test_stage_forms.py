"""Stage variables and stage settings edited in the console land in GetStage; AWS's error for
bad input is shown and the stage stays as it was."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.e2e.console.forms import form_fields, submit
from tests.support import Server, unique


@pytest.fixture
def api_id(apigateway: Any) -> str:
    """An API with a MOCK ``GET /`` deployed to stage ``dev``."""
    api = apigateway.create_rest_api(name=unique("console-stage"))["id"]
    root = apigateway.get_resources(restApiId=api)["items"][0]["id"]
    apigateway.put_method(
        restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE"
    )
    apigateway.put_integration(
        restApiId=api,
        resourceId=root,
        httpMethod="GET",
        type="MOCK",
        requestTemplates={"application/json": '{"statusCode": 200}'},
    )
    apigateway.create_deployment(restApiId=api, stageName="dev")
    return str(api)


def _page(api_id: str) -> str:
    return f"/console/apis/{api_id}/stages/dev"


def _variable(server: Server, api_id: str, **fields: str) -> httpx.Response:
    return submit(server, _page(api_id), _page(api_id) + "/variables", fields)


def _settings(server: Server, api_id: str, **changes: str) -> httpx.Response:
    """Submit the settings form as shown, with ``changes`` typed in."""
    shown = httpx.get(server.url + _page(api_id), timeout=30).text
    fields = {**form_fields(shown, _page(api_id) + "/settings"), **changes}
    return submit(server, _page(api_id), _page(api_id) + "/settings", fields)


def test_adding_a_stage_variable_shows_it_in_get_stage(
    server: Server, apigateway: Any, api_id: str
) -> None:
    response = _variable(
        server, api_id, name="backend", value="https://example.com/v1", action="save"
    )

    assert response.status_code == 303
    stage = apigateway.get_stage(restApiId=api_id, stageName="dev")
    assert stage["variables"] == {"backend": "https://example.com/v1"}


def test_editing_a_stage_variable_replaces_its_value(
    server: Server, apigateway: Any, api_id: str
) -> None:
    apigateway.update_stage(
        restApiId=api_id,
        stageName="dev",
        patchOperations=[{"op": "replace", "path": "/variables/color", "value": "red"}],
    )

    _variable(server, api_id, name="color", value="blue", action="save")

    assert apigateway.get_stage(restApiId=api_id, stageName="dev")["variables"] == {"color": "blue"}


def test_deleting_a_stage_variable_removes_it(server: Server, apigateway: Any, api_id: str) -> None:
    apigateway.update_stage(
        restApiId=api_id,
        stageName="dev",
        patchOperations=[
            {"op": "replace", "path": "/variables/keep", "value": "1"},
            {"op": "replace", "path": "/variables/drop", "value": "2"},
        ],
    )

    _variable(server, api_id, name="drop", action="delete")

    assert apigateway.get_stage(restApiId=api_id, stageName="dev")["variables"] == {"keep": "1"}


def test_stage_page_lists_variables_in_labelled_inputs(
    server: Server, apigateway: Any, api_id: str
) -> None:
    apigateway.update_stage(
        restApiId=api_id,
        stageName="dev",
        patchOperations=[{"op": "replace", "path": "/variables/shade", "value": "teal"}],
    )

    html = httpx.get(server.url + _page(api_id), timeout=30).text

    assert (
        '<label for="var-1">Value of shade</label><input id="var-1" name="value" value="teal">'
        in html
    )


def test_a_stage_variable_name_with_a_slash_shows_the_aws_error_and_changes_nothing(
    server: Server, apigateway: Any, api_id: str
) -> None:
    response = _variable(server, api_id, name="a/b", value="x", action="save")

    assert response.status_code == 400
    assert "BadRequestException: Invalid method setting path: /variables/a/b" in response.text
    assert "variables" not in apigateway.get_stage(restApiId=api_id, stageName="dev")


def test_stage_settings_save_throttling_description_and_access_logging(
    server: Server, apigateway: Any, api_id: str
) -> None:
    destination = "arn:aws:logs:us-east-1:000000000000:log-group:access"

    response = _settings(
        server,
        api_id,
        description="Lab stage",
        rate_limit="50",
        burst_limit="20",
        access_log_destination=destination,
        access_log_format="$context.requestId",
        tracing_enabled="on",
    )

    assert response.status_code == 303
    stage = apigateway.get_stage(restApiId=api_id, stageName="dev")
    assert stage["description"] == "Lab stage"
    assert stage["methodSettings"]["*/*"]["throttlingRateLimit"] == 50.0
    assert stage["methodSettings"]["*/*"]["throttlingBurstLimit"] == 20
    assert stage["accessLogSettings"] == {
        "destinationArn": destination,
        "format": "$context.requestId",
    }
    assert stage["tracingEnabled"] is True


def test_stage_settings_unchanged_form_sends_no_patch(
    server: Server, apigateway: Any, api_id: str
) -> None:
    before = apigateway.get_stage(restApiId=api_id, stageName="dev")

    response = _settings(server, api_id)

    after = apigateway.get_stage(restApiId=api_id, stageName="dev")
    assert response.status_code == 303
    assert after["methodSettings"] == {}
    assert after["lastUpdatedDate"] == before["lastUpdatedDate"]


def test_clearing_the_access_log_fields_turns_access_logging_off(
    server: Server, apigateway: Any, api_id: str
) -> None:
    arn = "arn:aws:logs:us-east-1:000000000000:log-group:gone"
    apigateway.update_stage(
        restApiId=api_id,
        stageName="dev",
        patchOperations=[
            {"op": "replace", "path": "/accessLogSettings/destinationArn", "value": arn},
            {"op": "replace", "path": "/accessLogSettings/format", "value": "$context.requestId"},
        ],
    )

    _settings(server, api_id, access_log_destination="", access_log_format="")

    assert "accessLogSettings" not in apigateway.get_stage(restApiId=api_id, stageName="dev")


def test_a_non_numeric_rate_shows_the_aws_error_and_changes_nothing(
    server: Server, apigateway: Any, api_id: str
) -> None:
    response = _settings(server, api_id, description="not saved", rate_limit="fast")

    assert response.status_code == 400
    assert "BadRequestException: Invalid value for /*/*/throttling/rateLimit: fast" in response.text
    stage = apigateway.get_stage(restApiId=api_id, stageName="dev")
    assert "description" not in stage
    assert stage["methodSettings"] == {}
