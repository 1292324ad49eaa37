"""Device tracking inside a sign-in: which device the sign-in names, whether it replaces the MFA
step, and the DEVICE_SRP_AUTH challenge a confirmed device must answer before tokens.

https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from cognigate.identity.auth.context import AuthCall
from cognigate.identity.auth.result import AuthResult
from cognigate.identity.auth.sessions import SessionCodec
from cognigate.identity.device_tracking import require_device, tracking_enabled
from cognigate.identity.errors import NotAuthorizedException
from cognigate.identity.model import Device, User

DEVICE_SRP_AUTH = "DEVICE_SRP_AUTH"
DEVICE_PASSWORD_VERIFIER = "DEVICE_PASSWORD_VERIFIER"
DEVICE_KEY = "DEVICE_KEY"


def requested_device_key(
    codec: SessionCodec, session: str | None, answers: Mapping[str, str | None]
) -> str | None:
    """The DEVICE_KEY a RespondToAuthChallenge names: its own, else the one its Session (or
    SECRET_BLOCK) carries from the sign-in's earlier steps.

    An explicit ``DEVICE_KEY: null`` drops the device (amazon-cognito-identity-js retries that
    way after "Device does not exist.").
    """
    if DEVICE_KEY in answers:
        return answers[DEVICE_KEY] or None
    try:
        if session:
            sealed = codec.open(session, now=0.0, validity=math.inf)
        elif answers.get("PASSWORD_CLAIM_SECRET_BLOCK"):
            block = answers.get("PASSWORD_CLAIM_SECRET_BLOCK")
            sealed = codec.open_block(block, now=0.0, validity=math.inf)
        else:
            return None
    except NotAuthorizedException:
        return None
    key = sealed.data.get("dk")
    return key if isinstance(key, str) and key else None


def named_device(call: AuthCall, user: User) -> Device | None:
    """The user's device this sign-in names, when the pool tracks devices.

    :raises ResourceNotFoundException: "Device does not exist." (unknown or another user's).
    """
    if call.device_key is None or not tracking_enabled(call.pool):
        return None
    return require_device(call.store, call.pool, user, call.device_key)


def device_challenge(
    call: AuthCall, user: User, device: Device, auth_time: float, source: str
) -> AuthResult:
    """DEVICE_SRP_AUTH: the confirmed device proves its secret before the tokens."""
    session = call.seal(
        user.username,
        DEVICE_SRP_AUTH,
        auth_time=auth_time,
        data={"dk": device.key, "src": source},
    )
    return AuthResult(
        challenge=DEVICE_SRP_AUTH, session=session, parameters={"USERNAME": user.username}
    )
