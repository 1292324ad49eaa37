"""Handlers of the access-token operations (GetUser, UpdateUserAttributes, DeleteUser,
ChangePassword, ...), GlobalSignOut, AdminUserGlobalSignOut and RevokeToken."""

from __future__ import annotations

from cognigate.identity.service import IdentityService
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.json11 import Handler
from cognigate.providers.cognito_idp.mfa import mfa_out
from cognigate.providers.cognito_idp.signup import delivery_out
from cognigate.providers.cognito_idp.wire import attributes_in, attributes_out


class AccountHandlers:
    """The signed-in user's own account and the end of their sessions."""

    def __init__(self, service: IdentityService) -> None:
        self._account = service.account
        self._verification = service.attribute_verification
        self._sign_out = service.sign_out
        self._auth_events = service.auth_events

    def get_user(self, params: Wire, _: CallContext) -> Wire:
        user = self._account.get_user(params["AccessToken"])
        return {
            "Username": user.username,
            "UserAttributes": attributes_out(user.attributes),
            **mfa_out(user),
        }

    def update_user_attributes(self, params: Wire, _: CallContext) -> Wire:
        sent = self._account.update_user_attributes(
            params["AccessToken"],
            tuple(attributes_in(params["UserAttributes"])),
            client_metadata=params.get("ClientMetadata"),
        )
        return {"CodeDeliveryDetailsList": [delivery_out(d) for d in sent]} if sent else {}

    def delete_user_attributes(self, params: Wire, _: CallContext) -> Wire:
        self._account.delete_user_attributes(
            params["AccessToken"], tuple(params["UserAttributeNames"])
        )
        return {}

    def delete_user(self, params: Wire, _: CallContext) -> Wire:
        self._account.delete_user(params["AccessToken"])
        return {}

    def change_password(self, params: Wire, _: CallContext) -> Wire:
        self._account.change_password(
            params["AccessToken"], params.get("PreviousPassword"), params["ProposedPassword"]
        )
        return {}

    def get_user_attribute_verification_code(self, params: Wire, _: CallContext) -> Wire:
        delivery = self._verification.get_user_attribute_verification_code(
            params["AccessToken"], params["AttributeName"]
        )
        return {"CodeDeliveryDetails": delivery_out(delivery)}

    def verify_user_attribute(self, params: Wire, _: CallContext) -> Wire:
        self._verification.verify_user_attribute(
            params["AccessToken"], params["AttributeName"], params["Code"]
        )
        return {}

    def global_sign_out(self, params: Wire, _: CallContext) -> Wire:
        self._sign_out.global_sign_out(params["AccessToken"])
        return {}

    def admin_user_global_sign_out(self, params: Wire, _: CallContext) -> Wire:
        self._sign_out.admin_user_global_sign_out(params["UserPoolId"], params["Username"])
        return {}

    def admin_list_user_auth_events(self, params: Wire, _: CallContext) -> Wire:
        events = self._auth_events.admin_list_user_auth_events(
            params["UserPoolId"], params["Username"]
        )
        return {"AuthEvents": events}

    def revoke_token(self, params: Wire, _: CallContext) -> Wire:
        self._sign_out.revoke_token(params["Token"], params["ClientId"], params.get("ClientSecret"))
        return {}


def handlers(service: IdentityService) -> dict[str, Handler]:
    handler = AccountHandlers(service)
    return {
        "GetUser": handler.get_user,
        "UpdateUserAttributes": handler.update_user_attributes,
        "DeleteUserAttributes": handler.delete_user_attributes,
        "DeleteUser": handler.delete_user,
        "ChangePassword": handler.change_password,
        "GetUserAttributeVerificationCode": handler.get_user_attribute_verification_code,
        "VerifyUserAttribute": handler.verify_user_attribute,
        "GlobalSignOut": handler.global_sign_out,
        "AdminUserGlobalSignOut": handler.admin_user_global_sign_out,
        "RevokeToken": handler.revoke_token,
        "AdminListUserAuthEvents": handler.admin_list_user_auth_events,
    }
