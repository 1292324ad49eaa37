"""Ending sessions: GlobalSignOut, AdminUserGlobalSignOut and RevokeToken.

Revoking a refresh token also revokes the access and ID tokens minted from it (their
``origin_jti``); a global sign-out revokes every refresh token of the user.
https://docs.aws.amazon.com/cognito/latest/developerguide/token-revocation.html
"""

from __future__ import annotations

import hmac
import math
from dataclasses import replace

from cognigate.identity.account import signed_in
from cognigate.identity.client_auth import client_pool
from cognigate.identity.context import Deps, require_pool
from cognigate.identity.errors import (
    UnauthorizedException,
    UnsupportedOperationException,
    UnsupportedTokenTypeException,
)
from cognigate.identity.model import User, UserPool
from cognigate.identity.ports import IdentityStore
from cognigate.identity.tokens import refresh_token_hash
from cognigate.identity.user_store import require_user, save_user


def sign_out_everywhere(store: IdentityStore, pool: UserPool, user: User, now: float) -> None:
    """Revoke all of the user's refresh tokens and every token issued before now."""
    if user.pk is not None:
        store.refresh_tokens.revoke_user(user.pk)
    # Tokens carry a whole-second ``iat``: marking the previous second keeps a sign-in made
    # right after the sign-out valid; tokens of the sign-out second itself are revoked through
    # their refresh token (``origin_jti``).
    state = {**user.state, "signed_out_at": math.floor(now) - 1}
    save_user(store, pool, replace(user, state=state))


def _is_jwt(token: str) -> bool:
    """ID and access tokens are three-segment JWTs; refresh tokens are five-segment JWEs."""
    return token.count(".") == 2


class SignOutOperations:
    """Global sign-out and refresh-token revocation."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def global_sign_out(self, access_token: str) -> None:
        """Sign the caller out of every device.

        :raises NotAuthorizedException: invalid, expired or revoked token.
        """
        with signed_in(self._deps, access_token, write=True) as session:
            sign_out_everywhere(
                session.store, session.caller.pool, session.user, self._deps.clock.now()
            )

    def admin_user_global_sign_out(self, pool_id: str, username: str) -> None:
        """:raises ResourceNotFoundException, UserNotFoundException:"""
        with self._deps.uow(write=True) as store:
            pool = require_pool(store, pool_id)
            user = require_user(store, pool, username)
            sign_out_everywhere(store, pool, user, self._deps.clock.now())

    def revoke_token(self, token: str, client_id: str, client_secret: str | None = None) -> None:
        """Revoke a refresh token of this client (unknown tokens are ignored, as AWS does).

        :raises ResourceNotFoundException: unknown client.
        :raises UnauthorizedException: the client has a secret and it was not sent correctly.
        :raises UnsupportedOperationException: token revocation is off for the client.
        :raises UnsupportedTokenTypeException: an ID or access token was given.
        """
        with self._deps.uow(write=True) as store:
            _pool, client = client_pool(store, client_id)
            if client.secret is not None and not hmac.compare_digest(
                client.secret.encode(), (client_secret or "").encode()
            ):
                raise UnauthorizedException("Invalid client secret")
            if not client.config.enable_token_revocation:
                raise UnsupportedOperationException(
                    "Token revocation is not enabled for this client."
                )
            if _is_jwt(token):
                raise UnsupportedTokenTypeException("Unsupported token type")
            record = store.refresh_tokens.get(refresh_token_hash(token))
            if record is not None and record.client_id == client.id:
                store.refresh_tokens.revoke(record.token_hash)
