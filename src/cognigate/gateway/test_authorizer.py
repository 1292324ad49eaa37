"""TestInvokeAuthorizer: one authorizer of the current definition against a described request.

https://docs.aws.amazon.com/apigateway/latest/api/API_TestInvokeAuthorizer.html
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping

from cognigate.apigw.errors import NotFoundException
from cognigate.apigw.model import Authorizer
from cognigate.gateway.authorizers import cognito
from cognigate.gateway.authorizers.claims import stringified
from cognigate.gateway.authorizers.lambda_function import LambdaAuthorization, call
from cognigate.gateway.authorizers.policy import Decision, evaluate
from cognigate.gateway.authorizers.request import request_event
from cognigate.gateway.authorizers.token import token_event
from cognigate.gateway.context import Invocation, context_value
from cognigate.gateway.errors import GatewayError
from cognigate.gateway.pipeline import Gateway
from cognigate.gateway.ports import lambda_endpoint
from cognigate.gateway.test_invoke import current, test_invocation, test_request

Params = Mapping[str, object]
TEST_STAGE = "ESTestInvoke-stage"
_STATUS = {"UNAUTHORIZED": 401, "ACCESS_DENIED": 403}


async def _cognito(inv: Invocation, authorizer: Authorizer, gateway: Gateway) -> dict[str, object]:
    token = cognito.token_of(inv, authorizer)
    claims = cognito.verify(gateway.runtime, authorizer, token)
    cognito.check_use(claims, None)
    cognito.check_audience(authorizer, claims)
    return {"clientStatus": 200, "claims": stringified(claims)}


def _masked(identity: str) -> str:
    return "*" * max(len(identity) - 6, 0) + identity[-6:]


async def _lambda(inv: Invocation, authorizer: Authorizer, gateway: Gateway) -> dict[str, object]:
    inv.log.add(f"Starting authorizer: {authorizer.id} for request: {inv.request_id}")
    build = token_event if authorizer.type == "TOKEN" else request_event
    identity, event = build(inv, authorizer)
    url = lambda_endpoint(gateway.runtime.region, authorizer.authorizer_uri or "")
    inv.log.add(f"Incoming identity: {_masked(identity)}")
    inv.log.add(f"Endpoint request URI: {url}")
    inv.log.add(f"Endpoint request body after transformations: {json.dumps(event)}")
    inv.log.add(f"Sending request to {url}")
    result: LambdaAuthorization = await call(
        gateway.runtime, authorizer, event, inv.stage_variables
    )
    inv.log.add(f"Authorizer result body before parsing: {result.raw}")
    decision = evaluate(result.policy, inv.method_arn())
    inv.log.add(f"Using valid authorizer policy for principal: {result.principal_id}")
    inv.log.add("Successfully completed authorizer execution")
    return {
        "clientStatus": 403 if decision is Decision.DENY else 200,
        "principalId": result.principal_id,
        "policy": json.dumps(result.policy),
        "authorization": {k: [context_value(v)] for k, v in result.context.items()},
    }


def _authorizer(inv: Invocation, authorizer_id: str) -> Authorizer:
    found = inv.api.authorizers.get(authorizer_id)
    if found is None:
        raise NotFoundException("Invalid Authorizer identifier specified")
    return found


async def test_invoke_authorizer(
    gateway: Gateway, api_id: str, authorizer_id: str, params: Params
) -> dict[str, object]:
    """``clientStatus`` (200 / 401 / 403 / 500), ``claims`` or ``principalId``/``policy``, log."""
    started = time.monotonic()
    compiled = current(gateway, api_id)
    inv = test_invocation(gateway, compiled, test_request(params, "GET", "/"), params)
    inv.stage = TEST_STAGE
    authorizer = _authorizer(inv, authorizer_id)
    run = _cognito if authorizer.type == "COGNITO_USER_POOLS" else _lambda
    try:
        result = await run(inv, authorizer, gateway)
    except GatewayError as error:
        inv.log.add(error.log or f"Unauthorized request: {inv.request_id}")
        result = {"clientStatus": _STATUS.get(error.response_type, 500)}
    result["log"] = inv.log.text()
    result["latency"] = int((time.monotonic() - started) * 1000)
    return result
