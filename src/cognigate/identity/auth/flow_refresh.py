"""REFRESH_TOKEN_AUTH / REFRESH_TOKEN and GetTokensFromRefreshToken: new ID and access tokens
for a stored, unrevoked refresh token (rotation when the client enables it).

With device tracking, a refresh token works only on the confirmed device it was issued to
(``DEVICE_KEY``), and stops working when that device is forgotten.
https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from cognigate.identity.auth.context import AuthCall, check_secret_hash, require_param
from cognigate.identity.auth.issuance import Grant, Issuance, issue
from cognigate.identity.auth.lambda_triggers import TOKEN_REFRESH
from cognigate.identity.auth.result import AuthResult
from cognigate.identity.auth.signin import MfaStep
from cognigate.identity.device_tracking import tracking_enabled
from cognigate.identity.errors import NotAuthorizedException
from cognigate.identity.model import User
from cognigate.identity.ports import RefreshRecord
from cognigate.identity.tokens import ADMIN_SCOPE, refresh_token_hash

INVALID = "Invalid Refresh Token"


def redeem(call: AuthCall, token: str) -> tuple[RefreshRecord, User]:
    """The live record and user behind a refresh token of this client.

    :raises NotAuthorizedException: unknown, other client, revoked, expired, user gone/disabled.
    """
    record = call.store.refresh_tokens.get(refresh_token_hash(token))
    if record is None or record.client_id != call.client.id or record.pool_id != call.pool.id:
        raise NotAuthorizedException(INVALID)
    if record.revoked:
        raise NotAuthorizedException("Refresh Token has been revoked")
    if call.now >= record.expires:
        raise NotAuthorizedException("Refresh Token has expired")
    user = call.store.users.get_by_pk(record.user_pk)
    if user is None:
        raise NotAuthorizedException("User does not exist.")
    if not user.enabled:
        raise NotAuthorizedException("User is disabled.")
    return record, user


def check_device(call: AuthCall, record: RefreshRecord, device_key: str | None) -> None:
    """A refresh token bound to a device needs that device's key, and the device confirmed.

    :raises NotAuthorizedException: "Invalid Refresh Token" (no, another or a forgotten or
        unconfirmed device).
    """
    if record.device_key is None or not tracking_enabled(call.pool):
        return
    device = call.store.devices.get(call.pool.id, record.device_key)
    # AWS parity: tokens of a device that was never confirmed cannot be refreshed
    if device_key != record.device_key or device is None or not device.confirmed:
        raise NotAuthorizedException(INVALID)


def rotation_enabled(call: AuthCall) -> bool:
    rotation = call.client.config.extras.get("RefreshTokenRotation")
    return isinstance(rotation, dict) and rotation.get("Feature") == "ENABLED"


def retry_grace_seconds(call: AuthCall) -> int:
    """RefreshTokenRotation.RetryGracePeriodSeconds: how long (0-60 s) a rotated-out refresh
    token keeps working, for client retries; 0 (the default) ends it at once."""
    rotation = call.client.config.extras.get("RefreshTokenRotation")
    grace = rotation.get("RetryGracePeriodSeconds", 0) if isinstance(rotation, dict) else 0
    return grace if isinstance(grace, int) and grace > 0 else 0


def refresh(call: AuthCall, token: str, *, rotate: bool, device_key: str | None = None) -> Grant:
    """Tokens from a refresh token; ``rotate`` also replaces the refresh token itself."""
    record, user = redeem(call, token)
    check_device(call, record, device_key)
    issuance = Issuance(
        auth_time=record.auth_time,
        with_refresh=rotate,
        origin_jti=record.origin_jti,
        scope=record.scope or ADMIN_SCOPE,
        oauth=bool(record.scope),
        trigger_source=TOKEN_REFRESH,
        device_key=record.device_key,
    )
    if rotate:
        grace = retry_grace_seconds(call)
        if grace:
            call.store.refresh_tokens.expire(record.token_hash, call.now + grace)
        else:
            call.store.refresh_tokens.revoke(record.token_hash)
        issuance = replace(issuance, origin_jti=None)
    grant, _ = issue(
        call.deps, call.store, pool=call.pool, client=call.client, user=user, issuance=issuance
    )
    return grant


def refresh_flow(call: AuthCall, params: Mapping[str, str], _mfa: MfaStep | None) -> AuthResult:
    """REFRESH_TOKEN_AUTH: SECRET_HASH (secret clients) uses the user's username or sub."""
    token = require_param(params, "REFRESH_TOKEN")
    _record, user = redeem(call, token)
    check_secret_hash(call, params, params.get("USERNAME", ""), user.username, user.sub)
    device_key = params.get("DEVICE_KEY") or None
    return AuthResult(grant=refresh(call, token, rotate=False, device_key=device_key))
