"""Answering an authorization request for a signed-in user: an authorization code (kept as a
hash, single use, five minutes) or, for the implicit grant, tokens in the URL fragment.

https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
RFC 6749 §4.1.2 and §4.2.2; OIDC Core §3.1.3.6 (at_hash), RFC 7636 (PKCE).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import uuid
from dataclasses import replace
from urllib.parse import urlencode

from cognigate.identity.auth.issuance import Grant, Issuance, issue
from cognigate.identity.auth.lambda_triggers import TOKEN_HOSTED_AUTH
from cognigate.identity.context import Deps
from cognigate.identity.model import AppClient, User, UserPool
from cognigate.identity.oauth_errors import InvalidGrant
from cognigate.identity.oauth_requests import AuthorizationRequest
from cognigate.identity.ports import AuthorizationCodeRecord, IdentityStore

CODE_SECONDS = 300
PROFILE_CLAIMS = frozenset(
    {"name", "family_name", "given_name", "middle_name", "nickname", "preferred_username",
     "profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale",
     "updated_at", "address"}
)  # fmt: skip
SCOPE_CLAIMS = {
    "email": frozenset({"email", "email_verified"}),
    "phone": frozenset({"phone_number", "phone_number_verified"}),
    "profile": PROFILE_CLAIMS,
}


def scoped_attributes(user: User, scopes: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The attributes the granted OIDC scopes release (``profile`` includes custom ones)."""
    if "openid" not in scopes:
        return tuple((k, v) for k, v in user.attributes if k == "sub")
    # AWS parity: a federated user's ID token always names its identities
    names: set[str] = {"sub", "identities"}
    for scope in scopes:
        names |= SCOPE_CLAIMS.get(scope, frozenset())
    custom = "profile" in scopes
    return tuple(
        (k, v) for k, v in user.attributes if k in names or (custom and k.startswith("custom:"))
    )


def issue_oauth(
    deps: Deps,
    store: IdentityStore,
    *,
    pool: UserPool,
    client: AppClient,
    user: User,
    issuance: Issuance,
) -> Grant:
    """Tokens with ``version: 2``/``at_hash`` whose ID token carries only scoped claims."""
    scopes = tuple(issuance.scope.split())
    shown = replace(user, attributes=scoped_attributes(user, scopes))
    grant, _ = issue(
        deps,
        store,
        pool=pool,
        client=client,
        user=shown,
        issuance=replace(issuance, oauth=True, include_id_token="openid" in scopes),
    )
    return grant


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode("utf-8", "surrogatepass")).hexdigest()


def pkce_s256(verifier: str) -> str:
    """BASE64URL(SHA256(code_verifier)) without padding (RFC 7636 §4.2)."""
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def check_pkce(record: AuthorizationCodeRecord, verifier: str | None) -> None:
    """:raises InvalidGrant: verifier missing, unexpected or not matching the challenge."""
    if record.code_challenge is None:
        if verifier:
            raise InvalidGrant("code_verifier given but no code_challenge was used")
        return
    if not verifier or not hmac.compare_digest(pkce_s256(verifier), record.code_challenge):
        raise InvalidGrant("code_verifier does not match the code_challenge")


def _new_code(deps: Deps, store: IdentityStore, request: AuthorizationRequest, user: User,
              auth_time: float) -> str:  # fmt: skip
    code = str(uuid.UUID(bytes=secrets.token_bytes(16), version=4))
    now = deps.clock.now()
    if user.pk is None:
        raise ValueError("a code needs a stored user")
    store.authorization_codes.add(
        AuthorizationCodeRecord(
            code_hash=code_hash(code),
            pool_id=request.pool.id,
            client_id=request.client.id,
            user_pk=user.pk,
            redirect_uri=request.redirect_uri,
            scope=request.scope,
            auth_time=auth_time,
            issued=now,
            expires=now + CODE_SECONDS,
            nonce=request.nonce,
            code_challenge=request.code_challenge,
        )
    )
    return code


def _with_state(pairs: list[tuple[str, str]], state: str | None) -> str:
    if state is not None:
        pairs.append(("state", state))
    return urlencode(pairs)


def grant_redirect(
    deps: Deps, store: IdentityStore, request: AuthorizationRequest, user: User, auth_time: float
) -> str:
    """Where the browser goes with the grant: ``?code=`` or ``#id_token=...&access_token=``."""
    if request.response_type == "code":
        code = _new_code(deps, store, request, user, auth_time)
        sep = "&" if "?" in request.redirect_uri else "?"
        return f"{request.redirect_uri}{sep}{_with_state([('code', code)], request.state)}"
    grant = issue_oauth(
        deps,
        store,
        pool=request.pool,
        client=request.client,
        user=user,
        issuance=Issuance(
            auth_time,
            with_refresh=False,
            scope=request.scope,
            nonce=request.nonce,
            trigger_source=TOKEN_HOSTED_AUTH,
        ),
    )
    pairs = [("id_token", grant.id_token)] if grant.id_token else []
    pairs += [
        ("access_token", grant.access_token),
        ("expires_in", str(grant.expires_in)),
        ("token_type", grant.token_type),
    ]
    return f"{request.redirect_uri}#{_with_state(pairs, request.state)}"


def error_redirect(redirect_uri: str, error: str, description: str | None,
                   state: str | None) -> str:  # fmt: skip
    """The redirect URI carrying ``error``, ``error_description`` and ``state`` in the query."""
    pairs = [("error", error)]
    if description:
        pairs.append(("error_description", description))
    sep = "&" if "?" in redirect_uri else "?"
    return f"{redirect_uri}{sep}{_with_state(pairs, state)}"
