"""USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH (legacy ADMIN_NO_SRP_AUTH): the password is
checked server-side against the stored SRP verifier."""

from __future__ import annotations

from collections.abc import Mapping

from cognigate.identity import srp
from cognigate.identity.auth.context import AuthCall, check_secret_hash, require_param
from cognigate.identity.auth.result import AuthResult
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
from cognigate.identity.errors import NotAuthorizedException


def password_flow(call: AuthCall, params: Mapping[str, str], mfa: MfaStep | None) -> AuthResult:
    """Prove the password; then forced change, MFA or tokens."""
    username = require_param(params, "USERNAME")
    password = require_param(params, "PASSWORD")
    user = lookup(call, username, password)
    if user is None:
        check_secret_hash(call, params, username)
        fake = srp.fake_srp_user(call.deps.secret, call.pool.id, username)
        srp.check_password(
            call.pool.id, fake.user_id_for_srp, password, fake.salt_hex, fake.verifier_hex
        )
        raise NotAuthorizedException(WRONG_PASSWORD)
    check_secret_hash(call, params, username, user.username, user.sub)
    if is_locked(user, call.now):
        raise NotAuthorizedException(LOCKED_OUT)
    check_state(user)
    record = user.password
    if record is None or not srp.check_password(
        call.pool.id, user.username, password, record.salt, record.verifier
    ):
        record_failure(call, user)
        return AuthResult(failure=NotAuthorizedException(WRONG_PASSWORD))
    return finish(call, record_success(call, user), call.now, mfa)
