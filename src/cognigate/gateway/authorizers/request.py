"""REQUEST Lambda authorizers: the function gets the request's headers, query, path and context.

https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
"""

from __future__ import annotations

from cognigate.apigw.model import Authorizer
from cognigate.gateway.authorizers.identity_source import values
from cognigate.gateway.authorizers.lambda_function import DEFAULT_TTL, cached_call, decide
from cognigate.gateway.context import AuthorizerOutcome, Invocation
from cognigate.gateway.errors import Unauthorized
from cognigate.gateway.events import request_parts
from cognigate.gateway.runtime import Runtime


def request_event(inv: Invocation, authorizer: Authorizer) -> tuple[str, dict[str, object]]:
    """(cache key, event); :raises Unauthorized: an identity source is missing while caching."""
    found = values(inv, authorizer.identity_source)
    ttl = authorizer.authorizer_result_ttl_in_seconds
    caching = (DEFAULT_TTL if ttl is None else ttl) > 0
    if caching and (not found or any(v is None for v in found)):
        raise Unauthorized(log="Unauthorized request: missing identity source")
    event: dict[str, object] = {"type": "REQUEST", "methodArn": inv.method_arn()}
    event.update(request_parts(inv))
    return "\x1f".join(v or "" for v in found), event


async def authorize(inv: Invocation, authorizer: Authorizer, runtime: Runtime) -> AuthorizerOutcome:
    identity, event = request_event(inv, authorizer)
    result = await cached_call(inv, authorizer, runtime, identity, event)
    return decide(inv, result)
