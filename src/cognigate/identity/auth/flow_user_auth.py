"""USER_AUTH, choice-based sign-in: the user starts with the first factor they prefer (a
password, SRP, or a one-time password by email or SMS) among those the pool's SignInPolicy
allows and they have, or picks one from SELECT_CHALLENGE's AvailableChallenges.

Each factor reuses the step of its own flow: USER_PASSWORD_AUTH's password check, SRP's
PASSWORD_VERIFIER, the EMAIL_OTP/SMS code challenges.
https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from cognigate.identity.auth import flow_password, flow_srp
from cognigate.identity.auth.context import AuthCall, check_secret_hash, require_param
from cognigate.identity.auth.lambda_triggers import pre_authentication
from cognigate.identity.auth.mfa import challenge
from cognigate.identity.auth.result import AuthResult
from cognigate.identity.auth.sessions import AuthSession
from cognigate.identity.auth.sign_in_policy import (
    EMAIL_OTP,
    PASSWORD,
    PASSWORD_SRP,
    SMS_OTP,
    available_challenges,
)
from cognigate.identity.auth.signin import (
    LOCKED_OUT,
    WRONG_PASSWORD,
    MfaStep,
    check_state,
    is_locked,
    lookup,
)
from cognigate.identity.errors import InvalidParameterException, NotAuthorizedException
from cognigate.identity.model import User
from cognigate.identity.user_store import find_user

SELECT_CHALLENGE = "SELECT_CHALLENGE"

StartFn = Callable[[AuthCall, str, User | None, str, Mapping[str, str], MfaStep | None], AuthResult]


def user_auth_flow(call: AuthCall, params: Mapping[str, str], mfa: MfaStep | None) -> AuthResult:
    """InitiateAuth USER_AUTH: PREFERRED_CHALLENGE when the user can use it, else SELECT_CHALLENGE.

    :raises UserNotFoundException, UserNotConfirmedException, NotAuthorizedException,
        PasswordResetRequiredException: as the password flows find.
    """
    username = require_param(params, "USERNAME")
    user = lookup(call, username)
    check_secret_hash(call, params, username, *((user.username, user.sub) if user else ()))
    if user is not None:
        check_state(user)
    offered = available_challenges(call.pool, user)
    preferred = params.get("PREFERRED_CHALLENGE")
    if preferred in offered:
        return STARTS[str(preferred)](call, username, user, str(preferred), params, mfa)
    return _select(call, username, offered)


def _select(call: AuthCall, username: str, offered: list[str]) -> AuthResult:
    """SELECT_CHALLENGE: the Session remembers what was offered."""
    if not offered:
        raise NotAuthorizedException(WRONG_PASSWORD)
    session = call.seal(username, SELECT_CHALLENGE, data={"c": offered})
    return AuthResult(challenge=SELECT_CHALLENGE, session=session, available=tuple(offered))


def _ask(call: AuthCall, username: str, name: str) -> AuthResult:
    """The challenge of a factor chosen without its answer (PASSWORD or PASSWORD_SRP)."""
    return AuthResult(challenge=name, session=call.seal(username, name))


def _password(
    call: AuthCall,
    username: str,
    _user: User | None,
    _name: str,
    answers: Mapping[str, str],
    mfa: MfaStep | None,
) -> AuthResult:
    """PASSWORD: USER_PASSWORD_AUTH's check; then a forced change, MFA or the tokens."""
    if not answers.get("PASSWORD"):
        return _ask(call, username, PASSWORD)
    return flow_password.password_flow(call, {**answers, "USERNAME": username}, mfa)


def _password_srp(
    call: AuthCall,
    username: str,
    _user: User | None,
    _name: str,
    answers: Mapping[str, str],
    _mfa: MfaStep | None,
) -> AuthResult:
    """PASSWORD_SRP: SRP_A answered with USER_SRP_AUTH's PASSWORD_VERIFIER challenge."""
    if not answers.get("SRP_A"):
        return _ask(call, username, PASSWORD_SRP)
    return flow_srp.start(call, {**answers, "USERNAME": username})


def _one_time_password(
    call: AuthCall,
    _username: str,
    user: User | None,
    name: str,
    _answers: Mapping[str, str],
    _mfa: MfaStep | None,
) -> AuthResult:
    """EMAIL_OTP / SMS_OTP: a code to the verified email address or phone number; answering it
    signs the user in (no MFA follows a passwordless first factor)."""
    if user is None:
        raise NotAuthorizedException(WRONG_PASSWORD)
    if is_locked(user, call.now):
        raise NotAuthorizedException(LOCKED_OUT)
    pre_authentication(call, user)
    return challenge(call, user, name, call.now)


STARTS: Mapping[str, StartFn] = {
    PASSWORD: _password,
    PASSWORD_SRP: _password_srp,
    EMAIL_OTP: _one_time_password,
    SMS_OTP: _one_time_password,
}


def _resume(
    call: AuthCall, session: AuthSession, name: str, answers: Mapping[str, str], mfa: MfaStep | None
) -> AuthResult:
    """Go on with factor ``name`` for the session's user (the caller's SECRET_HASH checked)."""
    require_param(answers, "USERNAME")
    user = find_user(call.store, call.pool, session.username)
    known = (user.username, user.sub) if user is not None else ()
    check_secret_hash(call, answers, answers.get("USERNAME", ""), session.username, *known)
    return STARTS[name](call, session.username, user, name, answers, mfa)


def select_challenge(
    call: AuthCall, token: str | None, answers: Mapping[str, str], mfa: MfaStep | None
) -> AuthResult:
    """SELECT_CHALLENGE: ANSWER names one of AvailableChallenges, with that factor's answer
    (PASSWORD, SRP_A) when it has one.

    :raises InvalidParameterException: ANSWER is not one of the challenges offered.
    """
    session = call.open(token, SELECT_CHALLENGE)
    choice = require_param(answers, "ANSWER")
    offered = session.data.get("c")
    if not isinstance(offered, list) or choice not in offered:
        raise InvalidParameterException(f"Invalid value for ANSWER: {choice}")
    return _resume(call, session, choice, answers, mfa)


def password_challenge(
    call: AuthCall, token: str | None, answers: Mapping[str, str], mfa: MfaStep | None
) -> AuthResult:
    """PASSWORD: answered with PASSWORD."""
    session = call.open(token, PASSWORD)
    require_param(answers, "PASSWORD")
    return _resume(call, session, PASSWORD, answers, mfa)


def password_srp_challenge(
    call: AuthCall, token: str | None, answers: Mapping[str, str], mfa: MfaStep | None
) -> AuthResult:
    """PASSWORD_SRP: answered with SRP_A; PASSWORD_VERIFIER follows."""
    session = call.open(token, PASSWORD_SRP)
    require_param(answers, "SRP_A")
    return _resume(call, session, PASSWORD_SRP, answers, mfa)


USER_AUTH_CHALLENGES = {
    SELECT_CHALLENGE: select_challenge,
    PASSWORD: password_challenge,
    PASSWORD_SRP: password_srp_challenge,
}
