"""Gateway responses inherit a customised DEFAULT_4XX / DEFAULT_5XX (recorded against AWS)."""

from __future__ import annotations

from typing import Any

from tests.e2e.apigateway.conftest import ApiFactory

_TEMPLATE = '{"message": $context.error.messageString, "type": "$context.error.responseType"}'
_HEADER = {"gatewayresponse.header.x-request-header": "method.request.header.Accept"}


def _customise_5xx(apigateway: Any, api_id: str) -> None:
    apigateway.put_gateway_response(
        restApiId=api_id, responseType="DEFAULT_5XX", statusCode="599",
        responseParameters=_HEADER, responseTemplates={"application/json": _TEMPLATE},
    )  # fmt: skip


def test_untouched_5xx_types_list_the_customised_default_5xx(
    apigateway: Any, make_api: ApiFactory
) -> None:
    api_id = make_api()["id"]
    _customise_5xx(apigateway, api_id)

    items = {
        i["responseType"]: i for i in apigateway.get_gateway_responses(restApiId=api_id)["items"]
    }

    assert items["INTEGRATION_TIMEOUT"] == {
        "responseType": "INTEGRATION_TIMEOUT",
        "statusCode": "599",
        "responseParameters": _HEADER,
        "responseTemplates": {"application/json": _TEMPLATE},
        "defaultResponse": True,
    }


def test_a_customised_type_keeps_its_own_definition(apigateway: Any, make_api: ApiFactory) -> None:
    api_id = make_api()["id"]
    apigateway.put_gateway_response(
        restApiId=api_id, responseType="AUTHORIZER_FAILURE",
        responseParameters={"gatewayresponse.header.foo": "'bar'"},
    )  # fmt: skip
    _customise_5xx(apigateway, api_id)

    found = apigateway.get_gateway_response(restApiId=api_id, responseType="AUTHORIZER_FAILURE")

    assert (found["statusCode"], found["responseParameters"]) == (
        "500",
        {"gatewayresponse.header.foo": "'bar'"},
    )


def test_4xx_types_are_untouched_by_a_customised_default_5xx(
    apigateway: Any, make_api: ApiFactory
) -> None:
    api_id = make_api()["id"]
    _customise_5xx(apigateway, api_id)

    found = apigateway.get_gateway_response(restApiId=api_id, responseType="UNAUTHORIZED")

    assert (found["statusCode"], found["responseParameters"]) == ("401", {})


def test_a_default_4xx_without_status_keeps_each_types_own_status(
    apigateway: Any, make_api: ApiFactory
) -> None:
    api_id = make_api()["id"]
    apigateway.put_gateway_response(
        restApiId=api_id, responseType="DEFAULT_4XX", responseParameters=_HEADER
    )

    found = apigateway.get_gateway_response(restApiId=api_id, responseType="THROTTLED")

    assert (found["statusCode"], found["responseParameters"]) == ("429", _HEADER)
