"""What MFA a user has set up (kept in ``User.state["mfa"]``) and which factors a pool offers.

TOTP secrets are kept sealed with a key derived from the installation secret, never in plain.
https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace

from cryptography.fernet import Fernet

from cognigate.identity.model import User, UserPool

SMS = "SMS_MFA"
TOTP = "SOFTWARE_TOKEN_MFA"
EMAIL = "EMAIL_OTP"
#: the order factors are listed in (UserMFASettingList, MFAS_CAN_CHOOSE)
FACTORS = (SMS, TOTP, EMAIL)
#: the attribute a factor delivers its code to
DESTINATION = {SMS: "phone_number", EMAIL: "email"}

_STATE_KEY = "mfa"
CHALLENGE_KEY = "mfa_challenge"


@dataclass(frozen=True, slots=True)
class UserMfa:
    """A user's MFA settings."""

    enabled: tuple[str, ...] = ()
    preferred: str | None = None
    #: the sealed TOTP secret VerifySoftwareToken confirmed
    totp_secret: str | None = None
    #: a sealed secret from AssociateSoftwareToken, not yet verified
    pending_secret: str | None = None
    device_name: str | None = None
    #: the last TOTP time step accepted (a code is good once)
    last_step: int | None = None

    @property
    def totp_verified(self) -> bool:
        return self.totp_secret is not None


def _text(raw: Mapping[str, object], key: str) -> str | None:
    value = raw.get(key)
    return value if isinstance(value, str) else None


def read(user: User) -> UserMfa:
    """The user's MFA settings (defaults when none were ever set)."""
    raw = user.state.get(_STATE_KEY)
    if not isinstance(raw, Mapping):
        return UserMfa()
    enabled = raw.get("enabled")
    step = raw.get("last_step")
    return UserMfa(
        enabled=tuple(f for f in FACTORS if isinstance(enabled, list) and f in enabled),
        preferred=_text(raw, "preferred"),
        totp_secret=_text(raw, "totp_secret"),
        pending_secret=_text(raw, "pending_secret"),
        device_name=_text(raw, "device_name"),
        last_step=step if isinstance(step, int) else None,
    )


def write(user: User, mfa: UserMfa) -> User:
    """The user with ``mfa`` as its settings (not yet saved)."""
    raw = {
        "enabled": list(mfa.enabled),
        "preferred": mfa.preferred,
        "totp_secret": mfa.totp_secret,
        "pending_secret": mfa.pending_secret,
        "device_name": mfa.device_name,
        "last_step": mfa.last_step,
    }
    return replace(user, state={**user.state, _STATE_KEY: raw})


def with_challenge(user: User, record: Mapping[str, object] | None) -> User:
    """The user with its pending sign-in challenge set (``None`` clears it)."""
    state = {k: v for k, v in user.state.items() if k != CHALLENGE_KEY}
    if record is not None:
        state[CHALLENGE_KEY] = dict(record)
    return replace(user, state=state)


def pending_challenge(user: User) -> Mapping[str, object] | None:
    raw = user.state.get(CHALLENGE_KEY)
    return raw if isinstance(raw, Mapping) else None


def can_receive(user: User, factor: str) -> bool:
    """Whether the user has what ``factor`` needs (a phone, an email, a verified token)."""
    if factor == TOTP:
        return read(user).totp_verified
    return bool(user.attribute(DESTINATION[factor]))


def summary(user: User) -> tuple[str | None, list[str]]:
    """``(PreferredMfaSetting, UserMFASettingList)`` as AdminGetUser and GetUser report them."""
    mfa = read(user)
    return mfa.preferred, list(mfa.enabled)


def _has(extras: Mapping[str, object], key: str) -> bool:
    return isinstance(extras.get(key), Mapping)


def explicitly_configured(pool: UserPool) -> bool:
    """Whether SetUserPoolMfaConfig has set the pool's factors."""
    return _has(pool.config.extras, "SoftwareTokenMfaConfiguration")


def pool_factors(pool: UserPool) -> frozenset[str]:
    """The MFA factors the pool offers (none when MfaConfiguration is OFF)."""
    if pool.config.mfa_configuration == "OFF":
        return frozenset()
    extras = pool.config.extras
    if not explicitly_configured(pool):
        # Deviation: a pool given only MfaConfiguration at creation offers TOTP too, so that
        # MFA works locally without SetUserPoolMfaConfig; SMS as AWS does, with SmsConfiguration.
        return frozenset({TOTP, SMS} if _has(extras, "SmsConfiguration") else {TOTP})
    totp = extras.get("SoftwareTokenMfaConfiguration")
    found = set()
    if isinstance(totp, Mapping) and totp.get("Enabled") is True:
        found.add(TOTP)
    if _has(extras, "SmsMfaConfiguration"):
        found.add(SMS)
    if _has(extras, "EmailMfaConfiguration"):
        found.add(EMAIL)
    return frozenset(found)


class SecretBox:
    """Seals TOTP secrets with a key derived from the installation secret."""

    def __init__(self, secret: bytes) -> None:
        key = hashlib.sha256(b"cognigate/totp-secret\x00" + secret).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(key))

    def seal(self, value: str) -> str:
        return self._fernet.encrypt(value.encode()).decode()

    def open(self, sealed: str) -> str:
        return self._fernet.decrypt(sealed.encode()).decode()
