"""``/oauth2/userInfo`` and ``/oauth2/revoke``: what a bearer token may read, and revocation.

https://docs.aws.amazon.com/cognito/latest/developerguide/userinfo-endpoint.html
https://docs.aws.amazon.com/cognito/latest/developerguide/revocation-endpoint.html (RFC 7009)
"""

from __future__ import annotations

from cognigate.identity.auth.access import is_revoked, verified_claims
from cognigate.identity.context import Deps
from cognigate.identity.errors import NotAuthorizedException
from cognigate.identity.model import AppClient, UserPool
from cognigate.identity.oauth_errors import InvalidRequest, InvalidToken, UnsupportedTokenType
from cognigate.identity.oauth_grants import scoped_attributes
from cognigate.identity.ports import IdentityStore
from cognigate.identity.tokens import refresh_token_hash

TOKEN_GONE = "Access token is expired, disabled, or deleted, or the user has globally signed out."
_VERIFIED = frozenset({"email_verified", "phone_number_verified"})


def user_info(deps: Deps, store: IdentityStore, pool: UserPool, token: str) -> dict[str, str]:
    """``sub``, the attributes the token's scopes release, and ``username``.

    :raises InvalidToken: not an OAuth access token of this pool with ``openid``, expired,
        revoked, or its user is gone or disabled.
    """
    try:
        token_pool, claims = verified_claims(deps, store, token, "access")
    except NotAuthorizedException as error:
        raise InvalidToken(TOKEN_GONE) from error
    scopes = tuple(str(claims.get("scope", "")).split())
    if token_pool.id != pool.id or "openid" not in scopes:
        raise InvalidToken(TOKEN_GONE)
    user = store.users.get_by_sub(pool.id, str(claims.get("sub", "")))
    if user is None or not user.enabled or is_revoked(store, user, claims):
        raise InvalidToken(TOKEN_GONE)
    body = {"sub": user.sub}
    for name, value in scoped_attributes(user, scopes):
        if name != "sub":
            # AWS parity: userInfo reports *_verified as strings
            body[name] = value.lower() if name in _VERIFIED else value
    body["username"] = user.username
    return body


def revoke(store: IdentityStore, client: AppClient, token: str | None) -> None:
    """Revoke a refresh token of this client and every token issued from it.

    Unknown or already revoked tokens are not an error (RFC 7009 §2.2).

    :raises InvalidRequest: no token, or revocation is disabled for the client.
    :raises UnsupportedTokenType: an access or ID token was given.
    """
    if not token:
        raise InvalidRequest("token is required")
    if not client.config.enable_token_revocation:
        raise InvalidRequest("Token revocation is not enabled for this client")
    if token.count(".") == 2:
        raise UnsupportedTokenType("Only refresh tokens can be revoked")
    record = store.refresh_tokens.get(refresh_token_hash(token))
    if record is not None and record.client_id == client.id:
        store.refresh_tokens.revoke(record.token_hash)
