"""Handlers of the access-token operations (GetUser, UpdateUserAttributes, DeleteUser,
ChangePassword, ...), GlobalSignOut, AdminUserGlobalSignOut and RevokeToken."""

from __future__ import annotations

from cognigate.identity.service import IdentityService
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.json11 import Handler
from cognigate.providers.cognito_idp.mfa import mfa_out
from cognigate.providers.cognito_idp.signup import delivery_out
from cognigate.providers.cognito_idp.wire import attributes_in, attributes_out


def handlers(service: IdentityService) -> dict[str, Handler]:  # noqa: C901 - one closure per operation
    account, verification, sign_out = (
        service.account,
        service.attribute_verification,
        service.sign_out,
    )

    def get_user(params: Wire, _: CallContext) -> Wire:
        user = account.get_user(params["AccessToken"])
        return {
            "Username": user.username,
            "UserAttributes": attributes_out(user.attributes),
            **mfa_out(user),
        }

    def update_user_attributes(params: Wire, _: CallContext) -> Wire:
        sent = account.update_user_attributes(
            params["AccessToken"], tuple(attributes_in(params["UserAttributes"]))
        )
        return {"CodeDeliveryDetailsList": [delivery_out(d) for d in sent]} if sent else {}

    def delete_user_attributes(params: Wire, _: CallContext) -> Wire:
        account.delete_user_attributes(params["AccessToken"], tuple(params["UserAttributeNames"]))
        return {}

    def delete_user(params: Wire, _: CallContext) -> Wire:
        account.delete_user(params["AccessToken"])
        return {}

    def change_password(params: Wire, _: CallContext) -> Wire:
        account.change_password(
            params["AccessToken"], params.get("PreviousPassword"), params["ProposedPassword"]
        )
        return {}

    def get_user_attribute_verification_code(params: Wire, _: CallContext) -> Wire:
        delivery = verification.get_user_attribute_verification_code(
            params["AccessToken"], params["AttributeName"]
        )
        return {"CodeDeliveryDetails": delivery_out(delivery)}

    def verify_user_attribute(params: Wire, _: CallContext) -> Wire:
        verification.verify_user_attribute(
            params["AccessToken"], params["AttributeName"], params["Code"]
        )
        return {}

    def global_sign_out(params: Wire, _: CallContext) -> Wire:
        sign_out.global_sign_out(params["AccessToken"])
        return {}

    def admin_user_global_sign_out(params: Wire, _: CallContext) -> Wire:
        sign_out.admin_user_global_sign_out(params["UserPoolId"], params["Username"])
        return {}

    def revoke_token(params: Wire, _: CallContext) -> Wire:
        sign_out.revoke_token(params["Token"], params["ClientId"], params.get("ClientSecret"))
        return {}

    return {
        "GetUser": get_user,
        "UpdateUserAttributes": update_user_attributes,
        "DeleteUserAttributes": delete_user_attributes,
        "DeleteUser": delete_user,
        "ChangePassword": change_password,
        "GetUserAttributeVerificationCode": get_user_attribute_verification_code,
        "VerifyUserAttribute": verify_user_attribute,
        "GlobalSignOut": global_sign_out,
        "AdminUserGlobalSignOut": admin_user_global_sign_out,
        "RevokeToken": revoke_token,
    }
