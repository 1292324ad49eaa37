"""Token issuance for a signed-in user: the pool's keys, claims, validity and refresh records."""

from __future__ import annotations

from dataclasses import dataclass

from cognigate.identity.auth.lambda_triggers import (
    TOKEN_AUTHENTICATION,
    TokenCustomisation,
    customise_tokens,
)
from cognigate.identity.auth.signed_in import NewDevice
from cognigate.identity.client_rules import validity_seconds
from cognigate.identity.context import Deps
from cognigate.identity.keys import KeyPurpose, SigningKey, generate_pool_keys
from cognigate.identity.model import AppClient, User, UserPool
from cognigate.identity.ports import DuplicateKey, IdentityStore, RefreshRecord
from cognigate.identity.tokens import (
    ADMIN_SCOPE,
    IssuedTokens,
    TokenRequest,
    issue_tokens,
    new_refresh_token,
    new_token_id,
    refresh_token_hash,
)

DEFAULT_REFRESH_SECONDS = 30 * 86400


@dataclass(frozen=True, slots=True)
class Grant:
    """Tokens handed to a client after a successful sign-in, refresh or OAuth exchange."""

    access_token: str
    id_token: str | None
    refresh_token: str | None
    expires_in: int
    token_type: str = "Bearer"
    #: NewDeviceMetadata: a device key issued by this sign-in (device tracking)
    new_device: NewDevice | None = None


def pool_keys(store: IdentityStore, pool_id: str, now: float) -> dict[KeyPurpose, SigningKey]:
    """The pool's signing keys, created on first use (two instances may race: one wins)."""
    keys = store.signing_keys.for_pool(pool_id)
    if len(keys) < 2:
        for key in generate_pool_keys(created=now):
            if key.purpose not in {k.purpose for k in keys}:
                try:
                    store.signing_keys.add(pool_id, key)
                except DuplicateKey:
                    continue
        keys = store.signing_keys.for_pool(pool_id)
    return {key.purpose: key for key in keys}


def readable_attributes(client: AppClient, user: User) -> dict[str, str]:
    """The user's attributes this client may read (all of them unless ReadAttributes is set)."""
    allowed = client.config.read_attributes
    return {
        name: value
        for name, value in user.attributes
        if allowed is None or name in allowed or name == "sub"
    }


@dataclass(frozen=True, slots=True)
class Issuance:
    """One issuance's facts beyond the user and client."""

    auth_time: float
    with_refresh: bool = True
    origin_jti: str | None = None
    scope: str = ADMIN_SCOPE
    oauth: bool = False
    nonce: str | None = None
    include_id_token: bool = True
    #: PreTokenGeneration's ``triggerSource`` (``TokenGeneration_*``)
    trigger_source: str = TOKEN_AUTHENTICATION
    #: the device the tokens are bound to (``device_key`` claim; refresh needs it)
    device_key: str | None = None


def client_validity(client: AppClient) -> tuple[int, int, int]:
    """(ID, access, refresh) lifetimes in seconds from the client's settings."""
    config = client.config
    units = dict(config.token_validity_units or {})
    id_s = validity_seconds("IdToken", config.id_token_validity, units) or 3600
    access_s = validity_seconds("AccessToken", config.access_token_validity, units) or 3600
    refresh_s = (
        validity_seconds("RefreshToken", config.refresh_token_validity or None, units)
        or DEFAULT_REFRESH_SECONDS
    )
    return id_s, access_s, refresh_s


def issue(
    deps: Deps,
    store: IdentityStore,
    *,
    pool: UserPool,
    client: AppClient,
    user: User,
    issuance: Issuance,
    custom: TokenCustomisation | None = None,
) -> tuple[Grant, IssuedTokens]:
    """Sign ID and access tokens (and record a new refresh token when asked).

    :param custom: PreTokenGeneration's outcome when the caller ran it before opening
        ``store``'s transaction; ``None`` runs the trigger here, inside that transaction.
    """
    now = deps.clock.now()
    id_s, access_s, refresh_s = client_validity(client)
    origin = issuance.origin_jti
    refresh: str | None = None
    if issuance.with_refresh:
        refresh, origin = new_refresh_token(), new_token_id()
        if user.pk is None:
            raise ValueError("issuing a refresh token needs a stored user")
        store.refresh_tokens.add(
            RefreshRecord(
                token_hash=refresh_token_hash(refresh),
                pool_id=pool.id,
                client_id=client.id,
                user_pk=user.pk,
                origin_jti=origin,
                auth_time=issuance.auth_time,
                issued=now,
                expires=now + refresh_s,
                # only OAuth grants keep their scope: it marks the lineage as OAuth-issued
                scope=issuance.scope if issuance.oauth else "",
                device_key=issuance.device_key,
            )
        )
    if custom is None:
        custom = customise_tokens(
            deps,
            pool,
            user,
            store.groups.groups_of(user),
            client_id=client.id,
            source=issuance.trigger_source,
            scope=issuance.scope,
        )
    request = TokenRequest(
        issuer=deps.issuer(pool.id),
        client_id=client.id,
        sub=user.sub,
        username=user.username,
        auth_time=int(issuance.auth_time),
        issued_at=int(now),
        origin_jti=origin,
        groups=custom.groups,
        roles=custom.roles,
        preferred_role=custom.preferred_role,
        attributes=readable_attributes(client, user),
        scope=issuance.scope,
        oauth=issuance.oauth,
        nonce=issuance.nonce,
        device_key=issuance.device_key,
        id_validity=id_s,
        access_validity=access_s,
    )
    keys = pool_keys(store, pool.id, now)
    tokens = issue_tokens(
        request,
        id_key=keys[KeyPurpose.ID],
        access_key=keys[KeyPurpose.ACCESS],
        include_id_token=issuance.include_id_token,
        id_overrides=custom.id_overrides,
        access_overrides=custom.access_overrides,
    )
    grant = Grant(tokens.access_token, tokens.id_token, refresh, access_s)
    return grant, tokens
