"""TOKEN Lambda authorizers: the function gets the header value and the method ARN.

https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
"""

from __future__ import annotations

import re

from cognigate.apigw.model import Authorizer
from cognigate.gateway.authorizers.identity_source import values
from cognigate.gateway.authorizers.lambda_function import cached_call, decide
from cognigate.gateway.context import AuthorizerOutcome, Invocation
from cognigate.gateway.errors import Unauthorized
from cognigate.gateway.runtime import Runtime


def token_event(inv: Invocation, authorizer: Authorizer) -> tuple[str, dict[str, object]]:
    """(token, event); :raises Unauthorized: token missing or failing the validation regex."""
    found = values(inv, authorizer.identity_source)
    token = found[0] if found else None
    if not token:
        raise Unauthorized(log="Unauthorized request: missing identity")
    pattern = authorizer.identity_validation_expression
    if pattern and re.fullmatch(pattern, token) is None:
        raise Unauthorized(log="Unauthorized request: identity does not match the expression")
    event: dict[str, object] = {
        "type": "TOKEN",
        "methodArn": inv.method_arn(),
        "authorizationToken": token,
    }
    return token, event


async def authorize(inv: Invocation, authorizer: Authorizer, runtime: Runtime) -> AuthorizerOutcome:
    token, event = token_event(inv, authorizer)
    result = await cached_call(inv, authorizer, runtime, token, event)
    return decide(inv, result)
