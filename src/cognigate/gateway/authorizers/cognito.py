"""COGNITO_USER_POOLS authorizers: an ID token (or, with scopes, an access token) of a listed pool.

https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cognigate.apigw.authorizers import pool_id_of
from cognigate.apigw.model import Authorizer
from cognigate.gateway.authorizers.claims import stringified
from cognigate.gateway.authorizers.identity_source import values
from cognigate.gateway.context import AuthorizerOutcome, Invocation
from cognigate.gateway.errors import Unauthorized
from cognigate.gateway.runtime import Runtime
from cognigate.identity.tokens import (
    ExpiredToken,
    InvalidTokenSignature,
    MalformedToken,
    decode_and_verify,
)

EXPIRED = "The incoming token has expired"
DEFAULT_TTL = 300
_BEARER = re.compile(r"^bearer ", re.IGNORECASE)
Claims = dict[str, object]


def _unverified_issuer(token: str) -> str | None:
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (ValueError, binascii.Error):
        return None
    issuer = payload.get("iss") if isinstance(payload, dict) else None
    return issuer if isinstance(issuer, str) else None


def _pool_for(authorizer: Authorizer, issuer: str) -> str | None:
    pool_id = issuer.rstrip("/").rsplit("/", 1)[-1]
    listed = {pool_id_of(arn) for arn in authorizer.provider_arns or ()}
    return pool_id if pool_id in listed else None


def verify(runtime: Runtime, authorizer: Authorizer, token: str) -> Claims:
    """The verified claims of ``token`` for this authorizer's pools.

    :raises Unauthorized: anything wrong, with the expired message when only ``exp`` is.
    """
    issuer = _unverified_issuer(token)
    pool_id = _pool_for(authorizer, issuer) if issuer else None
    key_set = runtime.keys_for(pool_id) if pool_id else None
    if key_set is None or key_set.issuer != issuer:
        raise Unauthorized(log="Unauthorized request: token is not from a listed user pool")
    try:
        return decode_and_verify(
            token, key_set.keys, issuer=key_set.issuer, now=runtime.clock.now(), expected_use=None
        )
    except ExpiredToken as exc:
        raise Unauthorized(EXPIRED, log=EXPIRED) from exc
    except (MalformedToken, InvalidTokenSignature) as exc:
        raise Unauthorized(log=f"Unauthorized request: {exc}") from exc


def check_use(claims: Mapping[str, object], scopes: Sequence[str] | None) -> None:
    """No scopes: an ID token. Scopes: an access token carrying at least one of them.

    :raises Unauthorized: the other kind of token, or no scope in common.
    """
    use = claims.get("token_use")
    if not scopes:
        if use != "id":
            raise Unauthorized(log="Unauthorized request: an ID token is required")
        return
    granted = str(claims.get("scope") or "").split()
    if use != "access" or not set(granted) & set(scopes):
        raise Unauthorized(log="Unauthorized request: no matching scope in the access token")


def check_audience(authorizer: Authorizer, claims: Mapping[str, object]) -> None:
    """``identityValidationExpression`` must match the token's ``aud``."""
    pattern = authorizer.identity_validation_expression
    if not pattern:
        return
    audience = claims.get("aud")
    if not isinstance(audience, str) or re.fullmatch(pattern, audience) is None:
        raise Unauthorized(log="Unauthorized request: audience does not match")


def token_of(inv: Invocation, authorizer: Authorizer) -> str:
    """The token from the identity source, ``Bearer `` stripped.

    :raises Unauthorized: missing or empty.
    """
    found = values(inv, authorizer.identity_source)
    raw = (found[0] if found else None) or ""
    token = _BEARER.sub("", raw.strip(), count=1).strip()
    if not token:
        raise Unauthorized(log="Unauthorized request: missing token")
    return token


@dataclass(frozen=True, slots=True)
class Verified:
    """A token's verified claims, raw and as API Gateway passes them on."""

    claims: Claims
    strings: Mapping[str, str]


def verified_claims(inv: Invocation, authorizer: Authorizer, runtime: Runtime) -> Verified:
    """Verified claims of the request's token; results are cached per token for the TTL."""
    token = token_of(inv, authorizer)
    key = (inv.api_id, authorizer.id, token)
    cached = runtime.authorizer_results.get(key)
    if isinstance(cached, Verified):
        exp = cached.claims.get("exp")
        if isinstance(exp, int) and runtime.clock.now() >= exp:
            raise Unauthorized(EXPIRED, log=EXPIRED)
        return cached
    claims = verify(runtime, authorizer, token)
    found = Verified(claims, stringified(claims))
    ttl = authorizer.authorizer_result_ttl_in_seconds
    ttl = DEFAULT_TTL if ttl is None else ttl
    if ttl > 0:
        runtime.authorizer_results.put(key, found, ttl)
    return found


async def authorize(inv: Invocation, authorizer: Authorizer, runtime: Runtime) -> AuthorizerOutcome:
    """The COGNITO_USER_POOLS step for a live request."""
    verified = verified_claims(inv, authorizer, runtime)
    scopes = inv.match.method.authorization_scopes if inv.match else None
    check_use(verified.claims, scopes)
    check_audience(authorizer, verified.claims)
    return AuthorizerOutcome(claims=verified.strings)
