"""The token, userInfo and revocation endpoints' rules: client authentication and the grants
(``authorization_code``, ``refresh_token``, ``client_credentials``), one function each.

https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
https://docs.aws.amazon.com/cognito/latest/developerguide/userinfo-endpoint.html
https://docs.aws.amazon.com/cognito/latest/developerguide/revocation-endpoint.html
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from cognigate.identity.auth import flow_refresh
from cognigate.identity.auth.context import AuthCall
from cognigate.identity.auth.issuance import Grant, Issuance, client_validity, issue, pool_keys
from cognigate.identity.auth.lambda_triggers import TOKEN_HOSTED_AUTH, TOKEN_REFRESH
from cognigate.identity.auth.sessions import SessionCodec
from cognigate.identity.context import Deps
from cognigate.identity.errors import NotAuthorizedException
from cognigate.identity.keys import KeyPurpose
from cognigate.identity.model import AppClient, UserPool
from cognigate.identity.oauth_errors import (
    InvalidClient,
    InvalidGrant,
    InvalidRequest,
    InvalidScope,
    UnauthorizedClient,
    UnsupportedGrantType,
)
from cognigate.identity.oauth_grants import check_pkce, code_hash, issue_oauth
from cognigate.identity.ports import AuthorizationCodeRecord, IdentityStore
from cognigate.identity.tokens import ADMIN_SCOPE, client_credentials_claims, refresh_token_hash
from cognigate.identity.tokens import sign as sign_token

TokenBody = dict[str, object]


@dataclass(frozen=True, slots=True)
class ClientAuth:
    """The client credentials of a request: from HTTP Basic and/or the form body."""

    basic: tuple[str, str] | None
    form_id: str | None
    form_secret: str | None

    def credentials(self) -> tuple[str, str | None]:
        """(client_id, secret); :raises InvalidRequest/InvalidClient: missing or conflicting."""
        if self.basic is not None:
            if self.form_id and self.form_id != self.basic[0]:
                raise InvalidRequest("client_id does not match the Authorization header")
            return self.basic
        if not self.form_id:
            raise InvalidClient("client_id is required")
        return self.form_id, self.form_secret


def authenticate_client(store: IdentityStore, pool: UserPool, auth: ClientAuth) -> AppClient:
    """The client of this pool whose credentials are right.

    :raises InvalidClient: unknown client, wrong/missing secret, secret for a public client.
    """
    client_id, secret = auth.credentials()
    client = store.clients.get(pool.id, client_id)
    if client is None:
        raise InvalidClient("invalid_client")
    if client.secret is None:
        if secret:
            raise InvalidClient("invalid_client")
        return client
    if not secret or not hmac.compare_digest(secret.encode(), client.secret.encode()):
        raise InvalidClient("invalid_client")
    return client


@dataclass(frozen=True, slots=True)
class TokenCall:
    deps: Deps
    store: IdentityStore
    pool: UserPool
    client: AppClient

    @property
    def now(self) -> float:
        return self.deps.clock.now()


def _body(grant: Grant) -> TokenBody:
    body: TokenBody = {"access_token": grant.access_token}
    if grant.id_token is not None:
        body["id_token"] = grant.id_token
    if grant.refresh_token is not None:
        body["refresh_token"] = grant.refresh_token
    body |= {"token_type": grant.token_type, "expires_in": grant.expires_in}
    return body


def _require(form: Mapping[str, str], name: str) -> str:
    value = form.get(name)
    if not value:
        raise InvalidRequest(f"{name} is required")
    return value


def _require_flow(client: AppClient, flow: str) -> None:
    config = client.config
    if not config.allowed_oauth_flows_user_pool_client or flow not in (
        config.allowed_oauth_flows or ()
    ):
        raise UnauthorizedClient("unauthorized_client")


def _revoke_lineage(call: TokenCall, origin_jti: str | None) -> None:
    """A replayed code: revoke the refresh token (and its tokens) the code was exchanged for."""
    record = call.store.refresh_tokens.by_origin(origin_jti) if origin_jti else None
    if record is not None:
        call.store.refresh_tokens.revoke(record.token_hash)


def _usable_code(call: TokenCall, form: Mapping[str, str]) -> AuthorizationCodeRecord:
    hashed = code_hash(_require(form, "code"))
    record = call.store.authorization_codes.get(hashed)
    if record is None or (record.pool_id, record.client_id) != (call.pool.id, call.client.id):
        raise InvalidGrant("invalid_grant")
    if not call.store.authorization_codes.mark_used(hashed):
        _revoke_lineage(call, record.origin_jti)
        raise InvalidGrant("invalid_grant")
    if call.now >= record.expires or form.get("redirect_uri") != record.redirect_uri:
        raise InvalidGrant("invalid_grant")
    check_pkce(record, form.get("code_verifier"))
    return record


def authorization_code(call: TokenCall, form: Mapping[str, str]) -> TokenBody:
    """Exchange a code (single use, bound to client, redirect_uri and PKCE challenge)."""
    _require_flow(call.client, "code")
    record = _usable_code(call, form)
    user = call.store.users.get_by_pk(record.user_pk)
    if user is None or not user.enabled:
        raise InvalidGrant("invalid_grant")
    issuance = Issuance(
        record.auth_time, scope=record.scope, nonce=record.nonce, trigger_source=TOKEN_HOSTED_AUTH
    )
    grant = issue_oauth(
        call.deps, call.store, pool=call.pool, client=call.client, user=user, issuance=issuance
    )
    refresh = call.store.refresh_tokens.get(refresh_token_hash(grant.refresh_token or ""))
    if refresh is not None:
        call.store.authorization_codes.set_origin(record.code_hash, refresh.origin_jti)
    return _body(grant)


def refresh_token(call: TokenCall, form: Mapping[str, str]) -> TokenBody:
    """New ID and access tokens (and a new refresh token if the client rotates them).

    A refresh token bound to a device (device tracking) needs that device's ``device_key``, as
    REFRESH_TOKEN_AUTH does; the new tokens stay bound to it.
    """
    token = _require(form, "refresh_token")
    auth = AuthCall(call.deps, SessionCodec(call.deps.secret), call.store, call.pool, call.client)
    try:
        record, user = flow_refresh.redeem(auth, token)
        flow_refresh.check_device(auth, record, form.get("device_key") or None)
    except NotAuthorizedException as error:
        raise InvalidGrant("invalid_grant") from error
    rotate = flow_refresh.rotation_enabled(auth)
    if rotate:
        call.store.refresh_tokens.revoke(record.token_hash)
    issuance = Issuance(
        record.auth_time,
        with_refresh=rotate,
        origin_jti=None if rotate else record.origin_jti,
        scope=record.scope or ADMIN_SCOPE,
        trigger_source=TOKEN_REFRESH,
        device_key=record.device_key,
    )
    if record.scope:
        grant = issue_oauth(
            call.deps, call.store, pool=call.pool, client=call.client, user=user, issuance=issuance
        )
    else:
        grant, _ = issue(
            call.deps, call.store, pool=call.pool, client=call.client, user=user, issuance=issuance
        )
    return _body(grant)


def _custom_scopes(client: AppClient, requested: str | None) -> str:
    allowed = [s for s in client.config.allowed_oauth_scopes or () if "/" in s]
    wanted = (requested or "").split()
    if any(s not in allowed for s in wanted):
        raise InvalidScope("invalid_scope")
    scopes = wanted or allowed
    if not scopes:
        raise InvalidScope("invalid_scope")
    return " ".join(scopes)


def client_credentials(call: TokenCall, form: Mapping[str, str]) -> TokenBody:
    """An access token for a confidential client itself, with resource-server scopes."""
    if call.client.secret is None:
        raise InvalidClient("invalid_client")
    _require_flow(call.client, "client_credentials")
    scope = _custom_scopes(call.client, form.get("scope"))
    _, access_s, _ = client_validity(call.client)
    claims = client_credentials_claims(
        issuer=call.deps.issuer(call.pool.id),
        client_id=call.client.id,
        scope=scope,
        issued_at=int(call.now),
        validity=access_s,
    )
    key = pool_keys(call.store, call.pool.id, call.now)[KeyPurpose.ACCESS]
    return {"access_token": sign_token(claims, key), "token_type": "Bearer", "expires_in": access_s}


GRANTS: Mapping[str, Callable[[TokenCall, Mapping[str, str]], TokenBody]] = {
    "authorization_code": authorization_code,
    "refresh_token": refresh_token,
    "client_credentials": client_credentials,
}


def grant_for(grant_type: str | None) -> Callable[[TokenCall, Mapping[str, str]], TokenBody]:
    """:raises InvalidRequest/UnsupportedGrantType: missing or unknown ``grant_type``."""
    if not grant_type:
        raise InvalidRequest("grant_type is required")
    handler = GRANTS.get(grant_type)
    if handler is None:
        raise UnsupportedGrantType("unsupported_grant_type")
    return handler
