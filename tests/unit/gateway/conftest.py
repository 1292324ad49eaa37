"""Building invocations of small in-memory API definitions for the data-plane unit tests."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest

from cognigate.apigw.model import ApiDefinition, GatewayResponse, Method, Resource, RestApi
from cognigate.core.clock import FixedClock
from cognigate.gateway.context import Invocation
from cognigate.gateway.execution_log import ExecutionLog
from cognigate.gateway.messages import GatewayRequest
from cognigate.gateway.router import RouteMatch

InvocationFactory = Callable[..., Invocation]


def definition(
    method: Method | None = None,
    gateway_responses: Mapping[str, GatewayResponse] | None = None,
    path: str = "/items/{id}",
) -> ApiDefinition:
    resource = Resource(
        id="res1", path=path, resource_methods={"GET": method or Method(http_method="GET")}
    )
    api = RestApi(id="abc123defg", name="unit", created_date=0.0, root_resource_id="res1")
    return ApiDefinition(api, {"res1": resource}, gateway_responses=dict(gateway_responses or {}))


@pytest.fixture
def make_invocation() -> InvocationFactory:
    """``make_invocation(api=..., request=..., **Invocation fields)``."""

    def factory(
        api: ApiDefinition | None = None, request: GatewayRequest | None = None, **extra: Any
    ) -> Invocation:
        api = api or definition()
        resource = api.resources["res1"]
        method = (resource.resource_methods or {})["GET"]
        clock = FixedClock()
        fields: dict[str, Any] = {
            "request": request or GatewayRequest("GET", "/items/7"),
            "api": api,
            "stage": "dev",
            "stage_variables": {"env": "unit"},
            "request_id": "req-1",
            "started": clock.now(),
            "account_id": "000000000000",
            "region": "us-east-1",
            "log": ExecutionLog(clock, "req-1", enabled=True),
            "match": RouteMatch(resource, method, {"id": "7"}, {"id": "7"}),
            **extra,
        }
        return Invocation(**fields)

    return factory
