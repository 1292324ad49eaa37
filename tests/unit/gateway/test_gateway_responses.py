"""Gateway responses: defaults, per-type and DEFAULT_4XX/5XX customisations, header mappings."""

from __future__ import annotations

import json

from cognigate.apigw.model import GatewayResponse
from cognigate.gateway.errors import AccessDenied, IntegrationFailure, MissingAuthenticationToken
from cognigate.gateway.gateway_responses import render_error
from cognigate.gateway.messages import GatewayRequest
from tests.unit.gateway.conftest import InvocationFactory, definition


def test_default_response_has_the_aws_body_and_error_type(
    make_invocation: InvocationFactory,
) -> None:
    response = render_error(make_invocation(), MissingAuthenticationToken())

    assert response.status == 403
    assert response.body == b'{"message":"Missing Authentication Token"}'
    assert response.header("x-amzn-ErrorType") == "MissingAuthenticationTokenException"


def test_access_denied_uses_a_capital_m(make_invocation: InvocationFactory) -> None:
    response = render_error(make_invocation(), AccessDenied())

    assert json.loads(response.body) == {
        "Message": "User is not authorized to access this resource"
    }


def test_bad_backend_keeps_its_502_status(make_invocation: InvocationFactory) -> None:
    assert render_error(make_invocation(), IntegrationFailure()).status == 502


def test_customised_type_wins_with_status_headers_and_template(
    make_invocation: InvocationFactory,
) -> None:
    custom = GatewayResponse(
        response_type="MISSING_AUTHENTICATION_TOKEN",
        status_code="404",
        response_parameters={
            "gatewayresponse.header.x-from": "method.request.header.x-in",
            "gatewayresponse.header.x-stage": "stageVariables.env",
        },
        response_templates={"application/json": '{"m": $context.error.messageString}'},
    )
    inv = make_invocation(
        api=definition(gateway_responses={"MISSING_AUTHENTICATION_TOKEN": custom}),
        request=GatewayRequest("GET", "/x", headers=(("x-in", "v"),)),
    )

    response = render_error(inv, MissingAuthenticationToken())

    assert response.status == 404
    assert json.loads(response.body) == {"m": "Missing Authentication Token"}
    assert (response.header("x-from"), response.header("x-stage")) == ("v", "unit")


def test_default_4xx_customisation_applies_to_unconfigured_4xx_types(
    make_invocation: InvocationFactory,
) -> None:
    family = GatewayResponse(
        response_type="DEFAULT_4XX",
        response_templates={"application/json": '{"oops": "$context.error.responseType"}'},
    )
    inv = make_invocation(api=definition(gateway_responses={"DEFAULT_4XX": family}))

    response = render_error(inv, MissingAuthenticationToken())

    assert response.status == 403
    assert json.loads(response.body) == {"oops": "MISSING_AUTHENTICATION_TOKEN"}


def test_default_4xx_does_not_touch_5xx_types(make_invocation: InvocationFactory) -> None:
    family = GatewayResponse(response_type="DEFAULT_4XX", status_code="499")
    inv = make_invocation(api=definition(gateway_responses={"DEFAULT_4XX": family}))

    assert render_error(inv, IntegrationFailure()).status == 502
