"""RespondToAuthChallenge for the MFA challenges: SOFTWARE_TOKEN_MFA, SMS_MFA, EMAIL_OTP,
SELECT_MFA_TYPE and MFA_SETUP.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Mapping
from dataclasses import replace

from cognigate.identity import attributes as attrs
from cognigate.identity import totp
from cognigate.identity.auth.context import AuthCall, check_secret_hash, require_param
from cognigate.identity.auth.mfa import (
    CODE_DELIVERY,
    SELECT,
    SETUP,
    SMS_OTP,
    challenge,
    choices,
    pending,
)
from cognigate.identity.auth.result import AuthResult
from cognigate.identity.auth.sessions import INVALID_SESSION, AuthSession
from cognigate.identity.auth.signin import MfaStep, grant
from cognigate.identity.errors import (
    CodeMismatchException,
    InvalidParameterException,
    NotAuthorizedException,
)
from cognigate.identity.mfa_state import (
    EMAIL,
    SMS,
    TOTP,
    SecretBox,
    read,
    with_challenge,
    write,
)
from cognigate.identity.model import User
from cognigate.identity.user_store import save_user

WRONG_CODE = "Invalid code received for user"
# AWS parity: a wrong SMS (and email) code gets a different text than a wrong TOTP code
WRONG_DELIVERED_CODE = "Invalid code or auth state for the user."
#: wrong codes one challenge tolerates before its session is spent
MAX_FAILURES = 5
_CODE_FIELD = {
    SMS: "SMS_MFA_CODE",
    SMS_OTP: "SMS_OTP_CODE",
    EMAIL: "EMAIL_OTP_CODE",
    TOTP: "SOFTWARE_TOKEN_MFA_CODE",
}

ChallengeFn = Callable[[AuthCall, str | None, Mapping[str, str], MfaStep | None], AuthResult]


def _check_caller(call: AuthCall, user: User, answers: Mapping[str, str]) -> None:
    require_param(answers, "USERNAME")
    check_secret_hash(call, answers, answers.get("USERNAME", ""), user.username, user.sub)


def _complete(call: AuthCall, user: User, session: AuthSession) -> AuthResult:
    """The challenge is answered: forget it and issue tokens."""
    done = save_user(call.store, call.pool, with_challenge(user, None))
    return grant(call, done, session.auth_time or call.now)


def _mismatch(
    call: AuthCall, user: User, record: Mapping[str, object], message: str = WRONG_CODE
) -> AuthResult:
    """Count a wrong code (committed); the session is spent after MAX_FAILURES."""
    failures = record.get("failures", 0)
    count = (failures if isinstance(failures, int) else 0) + 1
    kept = {**record, "failures": count} if count < MAX_FAILURES else None
    save_user(call.store, call.pool, with_challenge(user, kept))
    # AWS parity: the user may type the code again with the same Session (until it is spent)
    return AuthResult(failure=CodeMismatchException(message), retry=kept is not None)


def _totp_step(call: AuthCall, user: User, code: str) -> int | None:
    """The time step ``code`` belongs to, if new; ``None`` for a wrong or replayed code."""
    mfa = read(user)
    if mfa.totp_secret is None:
        return None
    secret = SecretBox(call.deps.secret).open(mfa.totp_secret)
    step = totp.matching_step(secret, code, now=call.now)
    if step is None or (mfa.last_step is not None and step <= mfa.last_step):
        return None
    return step


def software_token_mfa(
    call: AuthCall, token: str | None, answers: Mapping[str, str], _mfa: MfaStep | None
) -> AuthResult:
    """SOFTWARE_TOKEN_MFA: a TOTP code from the user's authenticator app."""
    session, user, record = pending(call, token, TOTP)
    _check_caller(call, user, answers)
    step = _totp_step(call, user, require_param(answers, _CODE_FIELD[TOTP]))
    if step is None:
        return _mismatch(call, user, record)
    used = write(user, replace(read(user), last_step=step))
    return _complete(call, used, session)


def _code_challenge(name: str) -> ChallengeFn:
    def respond(
        call: AuthCall, token: str | None, answers: Mapping[str, str], _mfa: MfaStep | None
    ) -> AuthResult:
        session, user, record = pending(call, token, name)
        _check_caller(call, user, answers)
        given = require_param(answers, _CODE_FIELD[name])
        digest = hashlib.sha256(given.encode()).hexdigest()
        if not hmac.compare_digest(digest, str(record.get("sha256", ""))):
            return _mismatch(call, user, record, WRONG_DELIVERED_CODE)
        # AWS parity: a code that arrived proves the phone number (or email) it was sent to.
        flag = (f"{CODE_DELIVERY[name][0]}_verified", "true")
        return _complete(
            call, replace(user, attributes=attrs.merge(user.attributes, [flag])), session
        )

    respond.__doc__ = f"{name}: the code sent to the user's {CODE_DELIVERY[name][0]}."
    return respond


def select_mfa_type(
    call: AuthCall, token: str | None, answers: Mapping[str, str], _mfa: MfaStep | None
) -> AuthResult:
    """SELECT_MFA_TYPE: ANSWER names one of MFAS_CAN_CHOOSE; that factor's challenge follows."""
    session, user, record = pending(call, token, SELECT)
    _check_caller(call, user, answers)
    answer = require_param(answers, "ANSWER")
    if answer not in choices(record):
        raise InvalidParameterException(f"Invalid value for ANSWER: {answer}")
    return challenge(call, user, answer, session.auth_time or call.now)


def mfa_setup(
    call: AuthCall, token: str | None, answers: Mapping[str, str], _mfa: MfaStep | None
) -> AuthResult:
    """MFA_SETUP: answered with the Session VerifySoftwareToken returned."""
    session, user, _record = pending(call, token, SETUP)
    _check_caller(call, user, answers)
    if session.data.get("stage") != "verified" or not read(user).totp_verified:
        raise NotAuthorizedException(INVALID_SESSION)
    return _complete(call, user, session)


MFA_CHALLENGES: dict[str, ChallengeFn] = {
    TOTP: software_token_mfa,
    SMS: _code_challenge(SMS),
    EMAIL: _code_challenge(EMAIL),
    SMS_OTP: _code_challenge(SMS_OTP),
    SELECT: select_mfa_type,
    SETUP: mfa_setup,
}
