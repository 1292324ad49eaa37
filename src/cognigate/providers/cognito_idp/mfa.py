"""Handlers of AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference,
AdminSetUserMFAPreference, SetUserSettings, AdminSetUserSettings, GetUserPoolMfaConfig and
SetUserPoolMfaConfig."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cognigate.identity.mfa import Credential, FactorSetting, PoolMfaChange, PoolMfaView
from cognigate.identity.mfa_state import SMS, summary
from cognigate.identity.model import User
from cognigate.identity.service import IdentityService
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.json11 import Handler
from cognigate.providers.cognito_idp.wire import drop_none

#: request member -> factor
_SETTINGS = {
    "SMSMfaSettings": "SMS_MFA",
    "SoftwareTokenMfaSettings": "SOFTWARE_TOKEN_MFA",
    "EmailMfaSettings": "EMAIL_OTP",
}


def settings_in(params: Mapping[str, Any]) -> dict[str, FactorSetting]:
    """The ``*MfaSettings`` members given, keyed by factor."""
    found: dict[str, FactorSetting] = {}
    for member, factor in _SETTINGS.items():
        given = params.get(member)
        if isinstance(given, Mapping):
            found[factor] = FactorSetting(given.get("Enabled"), given.get("PreferredMfa"))
    return found


def mfa_out(user: User) -> Wire:
    """The MFA members of AdminGetUser and GetUser (absent when the user has no MFA).

    ``MFAOptions`` is the legacy view: it lists SMS MFA only, to the phone number.
    """
    preferred, enabled = summary(user)
    legacy = [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]
    return drop_none(
        {
            "MFAOptions": legacy if SMS in enabled else None,
            "PreferredMfaSetting": preferred,
            "UserMFASettingList": enabled or None,
        }
    )


def options_in(params: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``MFAOptions`` as ``(DeliveryMedium, AttributeName)`` pairs."""
    return [
        (str(o.get("DeliveryMedium", "")), str(o.get("AttributeName", "")))
        for o in params.get("MFAOptions") or ()
    ]


def view_out(view: PoolMfaView) -> Wire:
    return drop_none(
        {
            "SmsMfaConfiguration": dict(view.sms) if view.sms is not None else None,
            "SoftwareTokenMfaConfiguration": {"Enabled": view.totp_enabled},
            "EmailMfaConfiguration": dict(view.email) if view.email is not None else None,
            "MfaConfiguration": view.mode,
        }
    )


def change_in(params: Mapping[str, Any]) -> PoolMfaChange:
    totp = params.get("SoftwareTokenMfaConfiguration") or {}
    return PoolMfaChange(
        mode=params.get("MfaConfiguration"),
        totp_enabled=bool(totp.get("Enabled", False)),
        sms=params.get("SmsMfaConfiguration"),
        email=params.get("EmailMfaConfiguration"),
    )


def _credential(params: Mapping[str, Any]) -> Credential:
    return Credential(access_token=params.get("AccessToken"), session=params.get("Session"))


def handlers(service: IdentityService) -> dict[str, Handler]:
    mfa = service.mfa

    def associate_software_token(params: Wire, _: CallContext) -> Wire:
        secret, session = mfa.associate_software_token(_credential(params))
        return drop_none({"SecretCode": secret, "Session": session})

    def verify_software_token(params: Wire, _: CallContext) -> Wire:
        status, session = mfa.verify_software_token(
            _credential(params), params["UserCode"], params.get("FriendlyDeviceName")
        )
        return drop_none({"Status": status, "Session": session})

    def set_user_mfa_preference(params: Wire, _: CallContext) -> Wire:
        mfa.set_user_mfa_preference(params["AccessToken"], settings_in(params))
        return {}

    def admin_set_user_mfa_preference(params: Wire, _: CallContext) -> Wire:
        mfa.admin_set_user_mfa_preference(
            params["UserPoolId"], params["Username"], settings_in(params)
        )
        return {}

    def set_user_settings(params: Wire, _: CallContext) -> Wire:
        mfa.set_user_settings(params["AccessToken"], options_in(params))
        return {}

    def admin_set_user_settings(params: Wire, _: CallContext) -> Wire:
        mfa.admin_set_user_settings(params["UserPoolId"], params["Username"], options_in(params))
        return {}

    def get_user_pool_mfa_config(params: Wire, _: CallContext) -> Wire:
        return view_out(mfa.get_pool_config(params["UserPoolId"]))

    def set_user_pool_mfa_config(params: Wire, _: CallContext) -> Wire:
        return view_out(mfa.set_pool_config(params["UserPoolId"], change_in(params)))

    return {
        "AssociateSoftwareToken": associate_software_token,
        "VerifySoftwareToken": verify_software_token,
        "SetUserMFAPreference": set_user_mfa_preference,
        "AdminSetUserMFAPreference": admin_set_user_mfa_preference,
        "SetUserSettings": set_user_settings,
        "AdminSetUserSettings": admin_set_user_settings,
        "GetUserPoolMfaConfig": get_user_pool_mfa_config,
        "SetUserPoolMfaConfig": set_user_pool_mfa_config,
    }
