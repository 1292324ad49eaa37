"""Shared by TOKEN and REQUEST authorizers: calling the function, reading and caching its policy.

https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from cognigate.apigw.model import Authorizer
from cognigate.gateway.authorizers.policy import Decision, evaluate
from cognigate.gateway.context import AuthorizerOutcome, Invocation
from cognigate.gateway.errors import AccessDenied, AuthorizerConfigurationError, Unauthorized
from cognigate.gateway.parameters import with_stage_variables
from cognigate.gateway.ports import FunctionError, FunctionNotFound
from cognigate.gateway.runtime import Runtime

logger = logging.getLogger(__name__)

DEFAULT_TTL = 300
EXPLICIT_DENY = "User is not authorized to access this resource with an explicit deny"
NOT_ALLOWED = "User is not authorized to access this resource"


@dataclass(frozen=True, slots=True)
class LambdaAuthorization:
    """What a Lambda authorizer returned, validated."""

    principal_id: str
    policy: Mapping[str, object]
    context: Mapping[str, object] = field(default_factory=dict)
    usage_identifier_key: str | None = None
    raw: str = ""


def _invalid(why: str) -> AuthorizerConfigurationError:
    return AuthorizerConfigurationError(log=f"Execution failed due to configuration error: {why}")


def parse_output(output: object) -> LambdaAuthorization:
    """:raises AuthorizerConfigurationError: missing principalId/policyDocument, bad context."""
    if not isinstance(output, Mapping):
        raise _invalid("Invalid JSON in response")
    principal = output.get("principalId")
    policy = output.get("policyDocument")
    if not isinstance(principal, str | int) or not isinstance(policy, Mapping):
        raise _invalid("Invalid JSON in response")
    context = output.get("context") or {}
    if not isinstance(context, Mapping) or any(
        isinstance(v, Mapping | list) for v in context.values()
    ):
        raise _invalid("Invalid context in authorizer response")
    key = output.get("usageIdentifierKey")
    return LambdaAuthorization(
        principal_id=str(principal),
        policy=dict(policy),
        context=dict(context),
        usage_identifier_key=key if isinstance(key, str) else None,
        raw=json.dumps(output, default=str),
    )


async def call(
    runtime: Runtime,
    authorizer: Authorizer,
    event: Mapping[str, object],
    stage_variables: Mapping[str, str],
) -> LambdaAuthorization:
    """Run the authorizer function.

    :raises Unauthorized: the function failed with the message ``Unauthorized``.
    :raises AuthorizerConfigurationError: any other failure or invalid output.
    """
    try:
        target = with_stage_variables(authorizer.authorizer_uri or "", stage_variables)
        output = await runtime.functions.invoke(target, event)
    except FunctionError as exc:
        if exc.message == "Unauthorized":
            raise Unauthorized(log="Unauthorized request") from exc
        logger.info("authorizer %s failed: %s", authorizer.id, exc.message)
        raise _invalid(f"Lambda function failed: {exc.message}") from exc
    except FunctionNotFound as exc:
        raise _invalid("Lambda function not found") from exc
    return parse_output(output)


def decide(inv: Invocation, result: LambdaAuthorization) -> AuthorizerOutcome:
    """Allow, or raise :class:`AccessDenied` for an explicit or implicit deny."""
    decision = evaluate(result.policy, inv.method_arn())
    if decision is Decision.DENY:
        raise AccessDenied(EXPLICIT_DENY, log="Authorizer denied the request")
    if decision is Decision.NO_MATCH:
        raise AccessDenied(NOT_ALLOWED, log="Authorizer policy does not allow the request")
    return AuthorizerOutcome(
        principal_id=result.principal_id,
        context=result.context,
        usage_identifier_key=result.usage_identifier_key,
    )


async def cached_call(
    inv: Invocation,
    authorizer: Authorizer,
    runtime: Runtime,
    identity: str,
    event: Mapping[str, object],
) -> LambdaAuthorization:
    """The function's answer for ``identity``, reusing a cached one within the TTL."""
    ttl = authorizer.authorizer_result_ttl_in_seconds
    ttl = DEFAULT_TTL if ttl is None else ttl
    key = (inv.api_id, authorizer.id, identity)
    if ttl > 0:
        cached = runtime.authorizer_results.get(key)
        if isinstance(cached, LambdaAuthorization):
            return cached
    result = await call(runtime, authorizer, event, inv.stage_variables)
    if ttl > 0:
        runtime.authorizer_results.put(key, result, ttl)
    return result
