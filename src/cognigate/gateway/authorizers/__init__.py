"""Authorizer types, keyed by AWS's ``AuthorizerType``; each authorizes one invocation.

https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from cognigate.apigw.model import Authorizer
from cognigate.gateway.authorizers import cognito, request, token
from cognigate.gateway.context import AuthorizerOutcome, Invocation
from cognigate.gateway.errors import AuthorizerConfigurationError, MissingAuthenticationToken
from cognigate.gateway.runtime import Runtime

Authorize = Callable[[Invocation, Authorizer, Runtime], Awaitable[AuthorizerOutcome]]

AUTHORIZERS: dict[str, Authorize] = {
    "COGNITO_USER_POOLS": cognito.authorize,
    "TOKEN": token.authorize,
    "REQUEST": request.authorize,
}


async def authorize_step(inv: Invocation, runtime: Runtime) -> None:
    """Run the method's authorizer (COGNITO_USER_POOLS or CUSTOM); AWS_IAM needs a signature.

    :raises GatewayError: the authorizer's verdict (401, 403 or 500).
    """
    method = inv.match.method if inv.match else None
    kind = method.authorization_type if method else "NONE"
    if method is None or kind == "NONE":
        return
    if kind == "AWS_IAM":
        header = inv.request.header("authorization") or ""
        # Deviation: the SigV4 signature is not verified, only required.
        if not header.startswith("AWS4-HMAC-SHA256"):
            raise MissingAuthenticationToken(log="Missing SigV4 signature")
        return
    authorizer = inv.api.authorizers.get(method.authorizer_id or "")
    run = AUTHORIZERS.get(authorizer.type) if authorizer else None
    if authorizer is None or run is None:
        raise AuthorizerConfigurationError(log="Invalid authorizer configuration")
    inv.authorizer = await run(inv, authorizer, runtime)
