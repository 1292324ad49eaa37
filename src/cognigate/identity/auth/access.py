"""Access-token authentication for the user's own operations (GetUser, ChangePassword, ...).

https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from cognigate.identity.context import Deps
from cognigate.identity.errors import NotAuthorizedException, UserNotFoundException
from cognigate.identity.model import User, UserPool
from cognigate.identity.ports import IdentityStore
from cognigate.identity.tokens import (
    ADMIN_SCOPE,
    Claims,
    ExpiredToken,
    TokenError,
    decode_and_verify,
)

INVALID = "Invalid Access Token"
EXPIRED = "Access Token has expired"
REVOKED = "Access Token has been revoked"


@dataclass(frozen=True, slots=True)
class Caller:
    """Who an access token speaks for."""

    pool: UserPool
    user: User
    claims: Claims

    @property
    def client_id(self) -> str:
        return str(self.claims.get("client_id", ""))


def unverified_pool_id(token: str) -> str:
    """The pool id at the end of the token's ``iss`` (not yet trusted)."""
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return str(claims["iss"]).rstrip("/").rsplit("/", 1)[-1]
    except (IndexError, KeyError, ValueError, TypeError, binascii.Error) as error:
        raise NotAuthorizedException(INVALID) from error


def verified_claims(
    deps: Deps, store: IdentityStore, token: str, use: str
) -> tuple[UserPool, Claims]:
    """The pool and claims of a token this installation signed.

    :raises NotAuthorizedException: malformed, forged, foreign or expired.
    """
    pool_id = unverified_pool_id(token)
    pool = store.pools.get(pool_id)
    if pool is None:
        raise NotAuthorizedException(INVALID)
    keys = {key.kid: key for key in store.signing_keys.for_pool(pool_id)}
    try:
        claims = decode_and_verify(
            token, keys, issuer=deps.issuer(pool_id), now=deps.clock.now(), expected_use=use
        )
    except ExpiredToken as error:
        raise NotAuthorizedException(EXPIRED) from error
    except TokenError as error:
        raise NotAuthorizedException(INVALID) from error
    return pool, claims


def is_revoked(store: IdentityStore, user: User, claims: Claims) -> bool:
    """Revoked through its refresh token (``origin_jti``) or by a later global sign-out."""
    origin = claims.get("origin_jti")
    if isinstance(origin, str):
        record = store.refresh_tokens.by_origin(origin)
        if record is not None and record.revoked:
            return True
    signed_out = user.state.get("signed_out_at")
    issued = claims.get("iat")
    return isinstance(signed_out, int | float) and isinstance(issued, int) and issued <= signed_out


def authenticate(
    deps: Deps, store: IdentityStore, token: str, *, scope: str = ADMIN_SCOPE
) -> Caller:
    """The user an access token belongs to, if it is valid for self-service calls.

    :raises NotAuthorizedException: invalid, expired, revoked, wrong scope, user disabled.
    :raises UserNotFoundException: the user was deleted.
    """
    pool, claims = verified_claims(deps, store, token, "access")
    if scope not in str(claims.get("scope", "")).split():
        raise NotAuthorizedException("Access Token does not have required scopes")
    user = store.users.get_by_sub(pool.id, str(claims.get("sub", "")))
    if user is None:
        raise UserNotFoundException("User does not exist.")
    if is_revoked(store, user, claims):
        raise NotAuthorizedException(REVOKED)
    if not user.enabled:
        raise NotAuthorizedException("User is disabled.")
    return Caller(pool=pool, user=user, claims=claims)
