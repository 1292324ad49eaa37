"""API keys and usage plans: 403 without a valid key, 429 past the throttle or the quota;
customised gateway responses; request validation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.e2e.gateway.conftest import MOCK_BODY, Gateway, add_path, mock_method
from tests.support import unique


@dataclass(frozen=True)
class KeyedApi:
    gateway: Gateway
    api_id: str
    key: str
    throttled_key: str
    quota_key: str
    disabled_key: str

    def get(self, path: str, key: str | None = None, **kw: Any) -> Any:
        headers = kw.pop("headers", {})
        if key is not None:
            headers["x-api-key"] = key
        return self.gateway.invoke(self.api_id, path, headers=headers, **kw)


def _plan(apigw: Any, api_id: str, key_id: str, **limits: Any) -> None:
    plan = apigw.create_usage_plan(
        name=unique("plan"), apiStages=[{"apiId": api_id, "stage": "dev"}], **limits
    )
    apigw.create_usage_plan_key(usagePlanId=plan["id"], keyId=key_id, keyType="API_KEY")


def _key(apigw: Any, enabled: bool = True) -> tuple[str, str]:
    key = apigw.create_api_key(name=unique("key"), enabled=enabled)
    return key["id"], key["value"]


@pytest.fixture(scope="module")
def keyed(gateway_server: Gateway) -> KeyedApi:
    apigw = gateway_server.client("apigateway")
    api_id = apigw.create_rest_api(name=unique("keyed"))["id"]
    mock_method(apigw, api_id, add_path(apigw, api_id, "/keyed"), apiKeyRequired=True)
    validator = apigw.create_request_validator(
        restApiId=api_id, name="params", validateRequestParameters=True
    )["id"]
    mock_method(
        apigw, api_id, add_path(apigw, api_id, "/validated"), requestValidatorId=validator,
        requestParameters={"method.request.querystring.name": True},
    )  # fmt: skip
    apigw.put_gateway_response(
        restApiId=api_id, responseType="MISSING_AUTHENTICATION_TOKEN", statusCode="404",
        responseTemplates={"application/json": '{"error": "no route", "type": '
                                               '"$context.error.responseType"}'},
        responseParameters={"gatewayresponse.header.x-custom": "'yes'"},
    )  # fmt: skip
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    keys = [_key(apigw) for _ in range(3)]
    _plan(apigw, api_id, keys[0][0])
    _plan(apigw, api_id, keys[1][0], throttle={"rateLimit": 0.001, "burstLimit": 2})
    _plan(apigw, api_id, keys[2][0], quota={"limit": 3, "period": "DAY"})
    disabled = _key(apigw, enabled=False)
    _plan(apigw, api_id, disabled[0])
    return KeyedApi(
        gateway_server, api_id, keys[0][1], keys[1][1], keys[2][1], disabled[1]
    )


def test_valid_key_in_a_plan_of_the_stage_gets_the_body(keyed: KeyedApi) -> None:
    response = keyed.get("/keyed", keyed.key)

    assert response.status_code == 200
    assert response.text == MOCK_BODY


@pytest.mark.parametrize("key", [None, "", "not-a-key"])
def test_missing_or_unknown_key_is_403_forbidden(keyed: KeyedApi, key: str | None) -> None:
    response = keyed.get("/keyed", key)

    assert response.status_code == 403
    assert response.json() == {"message": "Forbidden"}


def test_disabled_key_is_403(keyed: KeyedApi) -> None:
    assert keyed.get("/keyed", keyed.disabled_key).status_code == 403


def test_requests_past_the_burst_are_429_too_many_requests(keyed: KeyedApi) -> None:
    statuses = [keyed.get("/keyed", keyed.throttled_key).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    assert keyed.get("/keyed", keyed.throttled_key).json() == {"message": "Too Many Requests"}


def test_requests_past_the_quota_are_429_limit_exceeded(keyed: KeyedApi) -> None:
    statuses = [keyed.get("/keyed", keyed.quota_key).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    assert keyed.get("/keyed", keyed.quota_key).json() == {"message": "Limit Exceeded"}


def test_customised_gateway_response_applies_to_unknown_routes(keyed: KeyedApi) -> None:
    response = keyed.get("/nowhere")

    assert response.status_code == 404
    assert response.json() == {"error": "no route", "type": "MISSING_AUTHENTICATION_TOKEN"}
    assert response.headers["x-custom"] == "yes"


def test_missing_required_query_parameter_is_400(keyed: KeyedApi) -> None:
    response = keyed.get("/validated")

    assert response.status_code == 400
    assert response.json() == {"message": "Missing required request parameters: [name]"}


def test_required_query_parameter_present_passes_validation(keyed: KeyedApi) -> None:
    assert keyed.get("/validated", params={"name": "x"}).status_code == 200
