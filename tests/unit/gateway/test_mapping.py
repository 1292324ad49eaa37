"""Integration mapping: passthrough behaviours, selection patterns, response overrides, the
Lambda proxy output contract, access-log lines and execution-log maps."""

from __future__ import annotations

import pytest

from cognigate.apigw.model import Integration, IntegrationResponse
from cognigate.gateway.access_log import format_line
from cognigate.gateway.errors import ApiConfigurationError, IntegrationFailure, UnsupportedMediaType
from cognigate.gateway.execution_log import java_map
from cognigate.gateway.integrations.aws_proxy import proxy_response
from cognigate.gateway.integrations.mapping import method_response, request_body, select_response
from cognigate.gateway.messages import GatewayRequest
from tests.unit.gateway.conftest import InvocationFactory

XML = (("content-type", "application/xml"),)


def _integration(behavior: str, templates: dict[str, str | None] | None) -> Integration:
    return Integration(type="MOCK", passthrough_behavior=behavior, request_templates=templates)


@pytest.mark.parametrize(
    ("behavior", "templates"),
    [("NEVER", {}), ("NEVER", {"application/json": "{}"}),
     ("WHEN_NO_TEMPLATES", {"application/json": "{}"})],
)  # fmt: skip
def test_unmatched_content_type_is_415_when_passthrough_is_not_allowed(
    make_invocation: InvocationFactory, behavior: str, templates: dict[str, str | None]
) -> None:
    inv = make_invocation(request=GatewayRequest("POST", "/i", headers=XML, body=b"<a/>"))

    with pytest.raises(UnsupportedMediaType):
        request_body(inv, _integration(behavior, templates))


@pytest.mark.parametrize(
    ("behavior", "templates"),
    [("WHEN_NO_MATCH", {"application/json": "{}"}), ("WHEN_NO_TEMPLATES", {})],
)
def test_unmatched_content_type_passes_through_when_allowed(
    make_invocation: InvocationFactory, behavior: str, templates: dict[str, str | None]
) -> None:
    inv = make_invocation(request=GatewayRequest("POST", "/i", headers=XML, body=b"<a/>"))

    assert request_body(inv, _integration(behavior, templates)) == "<a/>"


def _responses(*items: IntegrationResponse) -> Integration:
    return Integration(type="HTTP", integration_responses={r.status_code: r for r in items})


def test_selection_pattern_is_a_full_match_and_the_default_catches_the_rest() -> None:
    integration = _responses(
        IntegrationResponse("200"), IntegrationResponse("400", selection_pattern="4\\d\\d")
    )

    assert select_response(integration, "404").status_code == "400"
    assert select_response(integration, "1404").status_code == "200"


def test_no_match_and_no_default_is_a_configuration_error() -> None:
    integration = _responses(IntegrationResponse("400", selection_pattern="4\\d\\d"))

    with pytest.raises(ApiConfigurationError):
        select_response(integration, "200")


def test_response_override_sets_the_status(make_invocation: InvocationFactory) -> None:
    chosen = IntegrationResponse(
        "200",
        response_templates={
            "application/json": '#set($context.responseOverride.status = 418){"ok": true}'
        },
    )

    response = method_response(make_invocation(), chosen, "")

    assert (response.status, response.body) == (418, b'{"ok": true}')


def test_response_parameters_map_static_and_endpoint_headers(
    make_invocation: InvocationFactory,
) -> None:
    chosen = IntegrationResponse(
        "200",
        response_parameters={
            "method.response.header.X-Static": "'fixed'",
            "method.response.header.X-Up": "integration.response.header.x-backend",
        },
    )

    response = method_response(make_invocation(), chosen, "{}", {"X-Backend": "b"})

    assert (response.header("X-Static"), response.header("X-Up")) == ("fixed", "b")


def test_proxy_output_gives_status_headers_and_base64_body() -> None:
    response = proxy_response(
        {"statusCode": 202, "headers": {"a": "1"}, "body": "aGk=", "isBase64Encoded": True}
    )

    assert (response.status, response.header("a"), response.body) == (202, "1", b"hi")


@pytest.mark.parametrize(
    "output",
    [None, "not json", [], {"body": "x"}, {"statusCode": True}, {"statusCode": 200, "body": 5},
     {"statusCode": 200, "headers": []}, {"statusCode": 999}],
)  # fmt: skip
def test_malformed_proxy_output_is_an_integration_failure(output: object) -> None:
    with pytest.raises(IntegrationFailure):
        proxy_response(output)


def test_access_log_format_fills_context_variables(make_invocation: InvocationFactory) -> None:
    line = format_line(
        "$context.requestId $context.httpMethod $context.resourcePath $context.stage "
        "$context.identity.sourceIp $context.authorizer.principalId",
        make_invocation(),
    )

    assert line == "req-1 GET /items/{id} dev 127.0.0.1 -"


def test_java_map_joins_multi_values_and_truncates() -> None:
    assert java_map({"a": "1", "b": ["x", "y"]}) == "{a=1, b=x,y}"
    assert java_map({"k": "v" * 2000}).endswith(" [TRUNCATED]")
