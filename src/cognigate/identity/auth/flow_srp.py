"""USER_SRP_AUTH: Cognito's SRP-6a; the PASSWORD_VERIFIER challenge carries no Session, its
server state travels sealed in SECRET_BLOCK."""

from __future__ import annotations

from collections.abc import Mapping

from cognigate.identity import srp
from cognigate.identity.auth.context import AuthCall, check_secret_hash, require_param
from cognigate.identity.auth.result import AuthResult
from cognigate.identity.auth.sessions import AuthSession
from cognigate.identity.auth.signin import (
    LOCKED_OUT,
    WRONG_PASSWORD,
    MfaStep,
    check_state,
    finish,
    is_locked,
    lookup,
    record_failure,
    record_success,
)
from cognigate.identity.errors import InvalidParameterException, NotAuthorizedException
from cognigate.identity.model import User

CHALLENGE = "PASSWORD_VERIFIER"
#: how long a PASSWORD_VERIFIER answer may take
BLOCK_VALIDITY = 300.0


def srp_flow(call: AuthCall, params: Mapping[str, str], _mfa: MfaStep | None) -> AuthResult:
    """Answer SRP_A with SALT, SRP_B and a sealed SECRET_BLOCK."""
    return start(call, params)


def start(call: AuthCall, params: Mapping[str, str], *, custom: bool = False) -> AuthResult:
    """The PASSWORD_VERIFIER challenge for SRP_A; ``custom``: a step of CUSTOM_AUTH, whose
    SECRET_BLOCK is good only with that flow's Session (the custom challenges still follow)."""
    username = require_param(params, "USERNAME")
    a_hex = require_param(params, "SRP_A")
    user = lookup(call, username)
    if user is None:
        check_secret_hash(call, params, username)
        fake = srp.fake_srp_user(call.deps.secret, call.pool.id, username)
        user_id, salt, verifier, known = (
            fake.user_id_for_srp,
            fake.salt_hex,
            fake.verifier_hex,
            False,
        )
    else:
        check_secret_hash(call, params, username, user.username, user.sub)
        if user.status.value == "UNCONFIRMED":
            check_state(user)
        if user.password is None:
            raise NotAuthorizedException(WRONG_PASSWORD)
        user_id, salt, verifier, known = (
            user.username,
            user.password.salt,
            user.password.verifier,
            True,
        )
    try:
        challenge = srp.start(verifier, a_hex)
    except ValueError as error:
        raise InvalidParameterException("SRP_A is invalid.") from error
    block = call.codec.seal_block(
        AuthSession(
            pool_id=call.pool.id,
            client_id=call.client.id,
            username=user_id,
            challenge=CHALLENGE,
            issued=call.now,
            data=call.carry(
                {
                    "a": a_hex,
                    "b": format(challenge.b, "x"),
                    "B": challenge.B_hex,
                    "known": known,
                    "custom": custom,
                }
            ),
        )
    )
    return AuthResult(
        challenge=CHALLENGE,
        parameters={
            "SALT": salt,
            "SRP_B": challenge.B_hex,
            "SECRET_BLOCK": block,
            "USERNAME": user_id,
            "USER_ID_FOR_SRP": user_id,
        },
    )


def password_verifier(
    call: AuthCall, _session: str | None, answers: Mapping[str, str], mfa: MfaStep | None
) -> AuthResult:
    """Check PASSWORD_CLAIM_SIGNATURE over the sealed state; then forced change, MFA, tokens."""
    proven = prove_password(call, answers)
    if isinstance(proven, AuthResult):
        return proven
    return finish(call, proven, call.now, mfa)


def prove_password(
    call: AuthCall, answers: Mapping[str, str], *, custom: bool = False
) -> User | AuthResult:
    """The user whose PASSWORD_CLAIM_SIGNATURE is right, or the failure to report.

    :raises NotAuthorizedException: forged or foreign block (or one of the other flow, plain
        SRP vs CUSTOM_AUTH), unknown user, locked out.
    """
    state = call.codec.open_block(
        answers.get("PASSWORD_CLAIM_SECRET_BLOCK"), now=call.now, validity=BLOCK_VALIDITY
    )
    if (state.pool_id, state.client_id, state.challenge) != (
        call.pool.id,
        call.client.id,
        CHALLENGE,
    ) or bool(state.data.get("custom")) != custom:
        raise NotAuthorizedException("Invalid session for the user.")
    user = lookup(call, state.username) if state.data.get("known") else None
    if user is None:
        raise NotAuthorizedException(WRONG_PASSWORD)
    check_secret_hash(call, answers, answers.get("USERNAME", ""), user.username, user.sub)
    if is_locked(user, call.now):
        raise NotAuthorizedException(LOCKED_OUT)
    check_state(user)
    if user.password is None or not srp.verify_claim(
        call.pool.id,
        user.username,
        user.password.verifier,
        srp.ServerChallenge(int(str(state.data["b"]), 16), str(state.data["B"])),
        str(state.data["a"]),
        secret_block=answers.get("PASSWORD_CLAIM_SECRET_BLOCK", ""),
        timestamp=answers.get("TIMESTAMP", ""),
        signature=answers.get("PASSWORD_CLAIM_SIGNATURE", ""),
        now=call.now,
    ):
        record_failure(call, user)
        return AuthResult(failure=NotAuthorizedException(WRONG_PASSWORD))
    return record_success(call, user)
