"""Rules of SetUserMFAPreference (per user) and SetUserPoolMfaConfig (per pool).

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserPoolMfaConfig.html
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from cognigate.identity.errors import InvalidParameterException, SoftwareTokenMFANotFoundException
from cognigate.identity.mfa_state import (
    EMAIL,
    FACTORS,
    SMS,
    TOTP,
    can_receive,
    pool_factors,
    read,
    write,
)
from cognigate.identity.model import User, UserPool

NO_TOKEN = "User has not set up software token mfa"
OFF_WITH_FACTOR = (
    "Invalid MFA configuration given, can't turn off MFA and configure an MFA together."
)
NO_FACTOR = (
    "Invalid MFA configuration given, can't disable all MFAs with a required or optional "
    "configuration."
)


@dataclass(frozen=True, slots=True)
class FactorSetting:
    """One ``*MfaSettings`` member: ``None`` leaves that part unchanged."""

    enabled: bool | None = None
    preferred: bool | None = None


def _check_can_enable(user: User, factor: str) -> None:
    if can_receive(user, factor):
        return
    if factor == TOTP:
        raise SoftwareTokenMFANotFoundException(NO_TOKEN)
    raise InvalidParameterException(f"User does not have delivery config set to turn on {factor}")


def apply_preferences(pool: UserPool, user: User, settings: Mapping[str, FactorSetting]) -> User:
    """The user with the factors of ``settings`` enabled, disabled and preferred.

    :raises SoftwareTokenMFANotFoundException: TOTP enabled before VerifySoftwareToken.
    :raises InvalidParameterException: SMS/email without a phone/email, a disabled factor
        preferred, or more than one factor preferred.
    """
    del pool
    mfa = read(user)
    enabled = set(mfa.enabled)
    preferred = mfa.preferred
    wanted = [f for f, s in settings.items() if s.preferred]
    if len(wanted) > 1:
        raise InvalidParameterException("Only one MFA method can be preferred.")
    for factor, setting in settings.items():
        if setting.enabled:
            _check_can_enable(user, factor)
            enabled.add(factor)
        elif setting.enabled is False:
            enabled.discard(factor)
        if (setting.enabled is False or setting.preferred is False) and preferred == factor:
            preferred = None
    if wanted:
        if wanted[0] not in enabled:
            raise InvalidParameterException("A preferred MFA method must be enabled.")
        preferred = wanted[0]
    if preferred not in enabled:
        preferred = None
    ordered = tuple(f for f in FACTORS if f in enabled)
    return write(user, replace(mfa, enabled=ordered, preferred=preferred))


#: the only legacy ``MFAOptionType`` AWS still accepts (SetUserSettings, AdminSetUserSettings)
LEGACY_SMS_OPTION = ("SMS", "phone_number")


def apply_legacy_options(pool: UserPool, user: User, options: Sequence[tuple[str, str]]) -> User:
    """The user after (Admin)SetUserSettings: any SMS option turns SMS MFA on, none turns it off.

    ``options`` are ``(DeliveryMedium, AttributeName)`` pairs. The result is the same state
    SetUserMFAPreference writes, so both views of the user agree.

    :raises InvalidParameterException: an option other than SMS to ``phone_number``, or SMS
        for a user without a phone number.
    """
    for option in options:
        if option != LEGACY_SMS_OPTION:
            # AWS parity: these operations configure SMS MFA only.
            raise InvalidParameterException(
                "Only SMS MFA with the phone_number attribute can be set with MFAOptions."
            )
    return apply_preferences(pool, user, {SMS: FactorSetting(enabled=bool(options))})


@dataclass(frozen=True, slots=True)
class PoolMfaView:
    """What GetUserPoolMfaConfig reports; the factor settings keep AWS's member names."""

    mode: str
    totp_enabled: bool
    sms: Mapping[str, object] | None
    email: Mapping[str, object] | None


def _mapping(value: object) -> Mapping[str, object] | None:
    return value if isinstance(value, Mapping) else None


def pool_view(pool: UserPool) -> PoolMfaView:
    """The pool's MFA configuration, including factors implied at CreateUserPool."""
    factors = pool_factors(pool)
    extras = pool.config.extras
    sms = _mapping(extras.get("SmsMfaConfiguration"))
    if sms is None and SMS in factors:
        sms = {
            k: extras[k] for k in ("SmsAuthenticationMessage", "SmsConfiguration") if k in extras
        }
    return PoolMfaView(
        mode=pool.config.mfa_configuration,
        totp_enabled=TOTP in factors,
        sms=sms if SMS in factors else None,
        email=_mapping(extras.get("EmailMfaConfiguration")) if EMAIL in factors else None,
    )


@dataclass(frozen=True, slots=True)
class PoolMfaChange:
    """SetUserPoolMfaConfig's input; a factor left out is turned off, as AWS does."""

    mode: str | None = None
    totp_enabled: bool = False
    sms: Mapping[str, object] | None = None
    email: Mapping[str, object] | None = None

    def applied_to(self, pool: UserPool, now: float) -> UserPool:
        """The pool with this configuration. :raises InvalidParameterException: bad combination."""
        mode = self.mode or pool.config.mfa_configuration
        any_factor = self.totp_enabled or self.sms is not None or self.email is not None
        if mode == "OFF" and any_factor:
            raise InvalidParameterException(OFF_WITH_FACTOR)
        if mode != "OFF" and not any_factor:
            raise InvalidParameterException(NO_FACTOR)
        extras = {
            k: v
            for k, v in pool.config.extras.items()
            if k not in ("SmsMfaConfiguration", "EmailMfaConfiguration")
        }
        extras["SoftwareTokenMfaConfiguration"] = {"Enabled": self.totp_enabled}
        if self.sms is not None:
            extras["SmsMfaConfiguration"] = dict(self.sms)
            for key in ("SmsAuthenticationMessage", "SmsConfiguration"):
                if key in self.sms:
                    extras[key] = self.sms[key]
        if self.email is not None:
            # Deviation: AWS also needs the ESSENTIALS tier and SES (DEVELOPER) email sending.
            extras["EmailMfaConfiguration"] = dict(self.email)
        config = replace(pool.config, mfa_configuration=mode, extras=extras)
        return replace(pool, config=config, modified=now)
