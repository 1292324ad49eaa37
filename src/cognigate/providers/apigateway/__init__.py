"""Handlers of the ``apigateway`` operations, one module per AWS noun."""

from __future__ import annotations

from cognigate.apigw.service import ApiGatewayService
from cognigate.protocol.restjson import Handler
from cognigate.providers.apigateway import (
    authorizers,
    documentation,
    gateway_responses,
    integrations,
    methods,
    models,
    openapi,
    resources,
    rest_apis,
    stages,
    tags,
    test_invoke,
    usage,
)
from cognigate.providers.apigateway.test_invoke import TestInvoker


def handlers(
    service: ApiGatewayService, test_invoker: TestInvoker | None = None
) -> dict[str, Handler]:
    """Every implemented operation, keyed by its AWS name."""
    table: dict[str, Handler] = {}
    for module in (
        rest_apis,
        resources,
        methods,
        integrations,
        authorizers,
        models,
        openapi,
        gateway_responses,
        stages,
        usage,
        tags,
        documentation,
    ):
        table.update(module.handlers(service))
    if test_invoker is not None:
        table.update(test_invoke.handlers(test_invoker))
    return table
