"""Multi-factor sign-in: which MFA challenge follows a proven password, and issuing it.

MfaConfiguration ON: the user's preferred or only factor, SELECT_MFA_TYPE when several are
enabled, MFA_SETUP when none is; OPTIONAL: only users who enabled a factor are asked.
https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping, Sequence

from cognigate.identity import messages
from cognigate.identity.auth.context import AuthCall
from cognigate.identity.auth.result import AuthResult
from cognigate.identity.auth.sessions import INVALID_SESSION, AuthSession
from cognigate.identity.errors import NotAuthorizedException
from cognigate.identity.mfa_state import (
    EMAIL,
    FACTORS,
    SMS,
    TOTP,
    can_receive,
    pending_challenge,
    pool_factors,
    read,
    with_challenge,
)
from cognigate.identity.model import User
from cognigate.identity.user_store import code_state, find_user, save_user

#: USER_AUTH's first-factor code by SMS (its EMAIL_OTP is the MFA factor's own challenge)
SMS_OTP = "SMS_OTP"
#: the attribute and medium a code challenge is delivered to
CODE_DELIVERY = {
    SMS: ("phone_number", "SMS"),
    SMS_OTP: ("phone_number", "SMS"),
    EMAIL: ("email", "EMAIL"),
}
SELECT = "SELECT_MFA_TYPE"
SETUP = "MFA_SETUP"
MFA_CODE = "mfa_code"
DEFAULT_MESSAGE = "Your authentication code is {####}."
DEFAULT_SUBJECT = "Your authentication code"


def active_factors(call: AuthCall, user: User) -> list[str]:
    """The factors this sign-in may use: enabled by the user and deliverable."""
    offered = pool_factors(call.pool)
    enabled = read(user).enabled
    # AWS parity: a verified TOTP keeps working after the pool stops offering TOTP.
    return [
        f for f in FACTORS if f in enabled and (f in offered or f == TOTP) and can_receive(user, f)
    ]


def _required_factors(call: AuthCall, user: User) -> list[str]:
    """MFA ON and nothing enabled: a verified token still counts (TOTP can't be turned off
    when MFA is required); else AWS texts users with a phone number when SMS MFA is on."""
    if can_receive(user, TOTP):
        return [TOTP]
    offered = pool_factors(call.pool)
    return [SMS] if SMS in offered and can_receive(user, SMS) else []


def mfa_step(call: AuthCall, user: User, auth_time: float) -> AuthResult | None:
    """The MFA challenge this sign-in needs, or ``None`` to issue tokens."""
    mode = call.pool.config.mfa_configuration
    if mode not in ("ON", "OPTIONAL"):
        return None
    factors = active_factors(call, user)
    if not factors and mode == "ON":
        factors = _required_factors(call, user)
        if not factors:
            return setup_challenge(call, user, auth_time)
    if not factors:
        return None
    preferred = read(user).preferred
    if preferred in factors:
        return challenge(call, user, str(preferred), auth_time)
    if len(factors) == 1:
        return challenge(call, user, factors[0], auth_time)
    return _begin(call, user, SELECT, auth_time, {"MFAS_CAN_CHOOSE": json.dumps(factors)})


def setup_challenge(call: AuthCall, user: User, auth_time: float) -> AuthResult:
    """MFA_SETUP: the user must associate and verify a software token first."""
    offered = pool_factors(call.pool)
    can_setup = [f for f in FACTORS if f in offered] or [TOTP]
    return _begin(call, user, SETUP, auth_time, {"MFAS_CAN_SETUP": json.dumps(can_setup)})


def challenge(call: AuthCall, user: User, factor: str, auth_time: float) -> AuthResult:
    """SOFTWARE_TOKEN_MFA, or SMS_MFA / EMAIL_OTP / SMS_OTP with a fresh code sent to the
    outbox."""
    if factor == TOTP:
        return _begin(call, user, TOTP, auth_time, {})
    code, stored = code_state(call.now)
    attribute, medium = CODE_DELIVERY[factor]
    destination = user.attribute(attribute) or ""
    for message in messages.compose(user, _delivery(call, code), (medium,), call.now):
        call.store.outbox.append(message)
    parameters = {
        "CODE_DELIVERY_DELIVERY_MEDIUM": medium,
        "CODE_DELIVERY_DESTINATION": mask(destination, medium),
    }
    return _begin(call, user, factor, auth_time, parameters, code_hash=str(stored["sha256"]))


def _delivery(call: AuthCall, code: str) -> messages.Delivery:
    extras = call.pool.config.extras
    sms = extras.get("SmsMfaConfiguration")
    email = extras.get("EmailMfaConfiguration")
    sms_text = sms.get("SmsAuthenticationMessage") if isinstance(sms, Mapping) else None
    sms_text = sms_text or extras.get("SmsAuthenticationMessage")
    email_text = email.get("Message") if isinstance(email, Mapping) else None
    subject = email.get("Subject") if isinstance(email, Mapping) else None
    template = messages.Template(
        email_subject=str(subject or DEFAULT_SUBJECT),
        email_message=str(email_text or DEFAULT_MESSAGE),
        sms_message=str(sms_text or DEFAULT_MESSAGE),
    )
    return messages.Delivery(MFA_CODE, template, code)


def mask(destination: str, medium: str) -> str:
    """``+*******0100`` / ``a***@e***``, as Cognito shows where a code went."""
    if medium == "SMS":
        return "+" + "*" * max(len(destination) - 5, 0) + destination[-4:]
    local, _, domain = destination.partition("@")
    return f"{local[:1]}***@{domain[:1]}***"


def _begin(
    call: AuthCall,
    user: User,
    name: str,
    auth_time: float,
    parameters: Mapping[str, str],
    *,
    code_hash: str | None = None,
) -> AuthResult:
    """Remember the challenge on the user and seal a Session that refers to it."""
    nonce = secrets.token_urlsafe(16)
    record: dict[str, object] = {"nonce": nonce, "name": name, "issued": call.now, "failures": 0}
    if code_hash is not None:
        record["sha256"] = code_hash
    if name == SELECT:
        record["choices"] = json.loads(parameters["MFAS_CAN_CHOOSE"])
    save_user(call.store, call.pool, with_challenge(user, record))
    session = call.seal(user.username, name, auth_time=auth_time, data={"n": nonce})
    return AuthResult(challenge=name, session=session, parameters=dict(parameters))


def pending(
    call: AuthCall, token: str | None, name: str
) -> tuple[AuthSession, User, Mapping[str, object]]:
    """The session, user and challenge record a response refers to.

    :raises NotAuthorizedException: forged, expired, foreign or already answered session.
    """
    session = call.open(token, name)
    user = find_user(call.store, call.pool, session.username)
    record = pending_challenge(user) if user is not None else None
    if user is None or record is None or record.get("nonce") != session.data.get("n"):
        raise NotAuthorizedException(INVALID_SESSION)
    return session, user, record


def choices(record: Mapping[str, object]) -> Sequence[str]:
    raw = record.get("choices")
    return [str(c) for c in raw] if isinstance(raw, list) else []


__all__ = [
    "CODE_DELIVERY",
    "EMAIL",
    "SELECT",
    "SETUP",
    "SMS_OTP",
    "active_factors",
    "challenge",
    "mfa_step",
    "pending",
]
