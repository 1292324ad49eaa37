"""A pool's ``Policies.SignInPolicy``: the first factors choice-based sign-in (USER_AUTH) may
offer, and which of them a user can use.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignInPolicyType.html
https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cognigate.identity.mfa_state import summary
from cognigate.identity.model import User, UserPool

SIGN_IN_POLICY = "SignInPolicy"
PASSWORD = "PASSWORD"
PASSWORD_SRP = "PASSWORD_SRP"
EMAIL_OTP = "EMAIL_OTP"
SMS_OTP = "SMS_OTP"
WEB_AUTHN = "WEB_AUTHN"
#: AllowedFirstAuthFactors of a pool that never set it
DEFAULT = (PASSWORD,)
#: the challenges each first factor can be signed in with
_CHALLENGES = {PASSWORD: (PASSWORD, PASSWORD_SRP), EMAIL_OTP: (EMAIL_OTP,), SMS_OTP: (SMS_OTP,)}
#: the verified attribute a one-time password goes to
_VERIFIED = {EMAIL_OTP: "email_verified", SMS_OTP: "phone_number_verified"}


def first_factors(pool: UserPool) -> tuple[str, ...]:
    """The pool's AllowedFirstAuthFactors."""
    policy = pool.config.extras.get(SIGN_IN_POLICY)
    factors = policy.get("AllowedFirstAuthFactors") if isinstance(policy, Mapping) else None
    return tuple(str(f) for f in factors) if isinstance(factors, list) and factors else DEFAULT


def _passwordless(pool: UserPool) -> bool:
    """One-time passwords as a first factor need the Essentials or Plus feature plan."""
    return pool.config.extras.get("UserPoolTier", "ESSENTIALS") != "LITE"


def user_factors(pool: UserPool, user: User | None) -> list[str]:
    """The first factors ``user`` has and the pool allows (ConfiguredUserAuthFactors).

    Passwords need a password; one-time passwords a verified email address or phone number.
    ``None`` (an unknown user the client may not learn about) looks like a password user.
    """
    allowed = first_factors(pool)
    found = []
    if PASSWORD in allowed and (user is None or user.password is not None):
        found.append(PASSWORD)
    # Deviation: passkeys (WEB_AUTHN) are not implemented; no user has one to offer
    if user is None or not _passwordless(pool):
        return found
    return found + [
        f for f, flag in _VERIFIED.items() if f in allowed and user.attribute(flag) == "true"
    ]


def available_challenges(pool: UserPool, user: User | None) -> list[str]:
    """AvailableChallenges of a SELECT_CHALLENGE: PASSWORD and PASSWORD_SRP for a password."""
    return [c for f in user_factors(pool, user) for c in _CHALLENGES[f]]


@dataclass(frozen=True, slots=True)
class AuthFactors:
    """GetUserAuthFactors: the user's MFA settings and USER_AUTH first factors."""

    username: str
    preferred_mfa: str | None
    mfa_settings: tuple[str, ...]
    first_factors: tuple[str, ...]


def auth_factors(pool: UserPool, user: User) -> AuthFactors:
    preferred, enabled = summary(user)
    return AuthFactors(user.username, preferred, tuple(enabled), tuple(user_factors(pool, user)))
