"""RespondToAuthChallenge for DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER: a confirmed device
proves, by SRP over the verifier ConfirmDevice stored, that it holds its device secret.

The device's SRP uses the device group key where user SRP uses the pool suffix and the device
key as the user name; the server's SRP state travels sealed in ``SECRET_BLOCK``, which the
``Session`` binds by its digest.
https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import replace

from cognigate.identity import srp
from cognigate.identity.auth.context import AuthCall, check_secret_hash, require_param
from cognigate.identity.auth.device_signin import (
    DEVICE_KEY,
    DEVICE_PASSWORD_VERIFIER,
    DEVICE_SRP_AUTH,
)
from cognigate.identity.auth.lambda_triggers import TOKEN_AUTHENTICATION
from cognigate.identity.auth.result import AuthResult
from cognigate.identity.auth.sessions import INVALID_SESSION, AuthSession
from cognigate.identity.auth.signin import WRONG_PASSWORD, MfaStep, check_state, signed_in
from cognigate.identity.device_tracking import require_device
from cognigate.identity.errors import InvalidParameterException, NotAuthorizedException
from cognigate.identity.model import Device, User
from cognigate.identity.user_store import find_user


def _digest(block: str) -> str:
    return hashlib.sha256(block.encode()).hexdigest()


def _step(
    call: AuthCall, token: str | None, name: str, answers: Mapping[str, str]
) -> tuple[AuthSession, User, Device]:
    """The session, user and confirmed device a device challenge answer refers to.

    :raises NotAuthorizedException: forged, expired or foreign session; another device.
    :raises ResourceNotFoundException: the device was forgotten meanwhile.
    """
    session = call.open(token, name)
    user = find_user(call.store, call.pool, session.username)
    if user is None:
        raise NotAuthorizedException(INVALID_SESSION)
    require_param(answers, "USERNAME")
    check_secret_hash(call, answers, answers.get("USERNAME", ""), user.username, user.sub)
    if require_param(answers, DEVICE_KEY) != session.data.get("dk"):
        raise NotAuthorizedException(INVALID_SESSION)
    device = require_device(call.store, call.pool, user, str(session.data["dk"]))
    if device.verifier is None:
        raise NotAuthorizedException(INVALID_SESSION)
    return session, user, device


def device_srp_auth(
    call: AuthCall, token: str | None, answers: Mapping[str, str], _mfa: MfaStep | None
) -> AuthResult:
    """DEVICE_SRP_AUTH: answer the device's SRP_A with SALT, SRP_B and a SECRET_BLOCK."""
    session, user, device = _step(call, token, DEVICE_SRP_AUTH, answers)
    a_hex = require_param(answers, "SRP_A")
    try:
        challenge = srp.start(str(device.verifier), a_hex)
    except ValueError as error:
        raise InvalidParameterException("SRP_A is invalid.") from error
    srp_state = {"a": a_hex, "b": format(challenge.b, "x"), "B": challenge.B_hex}
    block = call.codec.seal_block(
        AuthSession(
            pool_id=call.pool.id,
            client_id=call.client.id,
            username=user.username,
            challenge=DEVICE_PASSWORD_VERIFIER,
            issued=call.now,
            data=srp_state,
        )
    )
    state = {
        "dk": device.key,
        "src": session.data.get("src", TOKEN_AUTHENTICATION),
        "h": _digest(block),
    }
    sealed = call.seal(
        user.username, DEVICE_PASSWORD_VERIFIER, auth_time=session.auth_time, data=state
    )
    return AuthResult(
        challenge=DEVICE_PASSWORD_VERIFIER,
        session=sealed,
        parameters={
            DEVICE_KEY: device.key,
            "USERNAME": user.username,
            "SALT": str(device.salt),
            "SRP_B": challenge.B_hex,
            "SECRET_BLOCK": block,
        },
    )


def device_password_verifier(
    call: AuthCall, token: str | None, answers: Mapping[str, str], _mfa: MfaStep | None
) -> AuthResult:
    """DEVICE_PASSWORD_VERIFIER: check the device's claim signature; then the tokens.

    :raises NotAuthorizedException: wrong signature or stale TIMESTAMP, another SECRET_BLOCK.
    """
    session, user, device = _step(call, token, DEVICE_PASSWORD_VERIFIER, answers)
    block = answers.get("PASSWORD_CLAIM_SECRET_BLOCK", "")
    if not hmac.compare_digest(_digest(block), str(session.data.get("h", ""))):
        raise NotAuthorizedException(INVALID_SESSION)
    state = call.codec.open_block(block, now=call.now, validity=call.session_validity).data
    proven = srp.verify_device_claim(
        device.group_key,
        device.key,
        str(device.verifier),
        srp.ServerChallenge(int(str(state["b"]), 16), str(state["B"])),
        str(state["a"]),
        secret_block=block,
        timestamp=answers.get("TIMESTAMP", ""),
        signature=answers.get("PASSWORD_CLAIM_SIGNATURE", ""),
        now=call.now,
    )
    if not proven:
        # returned, not raised: the spent SECRET_BLOCK and Session must be recorded
        return AuthResult(failure=NotAuthorizedException(WRONG_PASSWORD))
    check_state(user)
    used = replace(device, last_authenticated=call.now)
    call.store.devices.save(used)
    source = str(session.data.get("src", TOKEN_AUTHENTICATION))
    return signed_in(call, user, session.auth_time or call.now, source, used)


DEVICE_CHALLENGES = {
    DEVICE_SRP_AUTH: device_srp_auth,
    DEVICE_PASSWORD_VERIFIER: device_password_verifier,
}
