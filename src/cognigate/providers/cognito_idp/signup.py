"""Handlers of SignUp, ConfirmSignUp, AdminConfirmSignUp, ResendConfirmationCode,
ForgotPassword and ConfirmForgotPassword."""

from __future__ import annotations

from cognigate.identity.confirmation import CodeAnswer
from cognigate.identity.recovery import NewPassword
from cognigate.identity.service import IdentityService
from cognigate.identity.signup import SignUpRequest
from cognigate.identity.verification import CodeDelivery
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.json11 import Handler
from cognigate.providers.cognito_idp.wire import attributes_in


def delivery_out(delivery: CodeDelivery) -> Wire:
    """A ``CodeDeliveryDetailsType``."""
    return {
        "Destination": delivery.destination,
        "DeliveryMedium": delivery.medium,
        "AttributeName": delivery.attribute_name,
    }


def _sign_up_request(params: Wire) -> SignUpRequest:
    return SignUpRequest(
        client_id=params["ClientId"],
        username=params["Username"],
        password=params.get("Password") or "",
        attributes=tuple(attributes_in(params.get("UserAttributes"))),
        secret_hash=params.get("SecretHash"),
        validation_data=dict(attributes_in(params.get("ValidationData"))),
        client_metadata=params.get("ClientMetadata") or {},
    )


class SignUpHandlers:
    """Registration, confirmation and password recovery."""

    def __init__(self, service: IdentityService) -> None:
        self._signup = service.signup
        self._confirmation = service.confirmation
        self._recovery = service.recovery

    def sign_up(self, params: Wire, _: CallContext) -> Wire:
        result = self._signup.sign_up(_sign_up_request(params))
        out: Wire = {"UserConfirmed": result.confirmed, "UserSub": result.user_sub}
        if result.delivery is not None:
            out["CodeDeliveryDetails"] = delivery_out(result.delivery)
        return out

    def confirm_sign_up(self, params: Wire, _: CallContext) -> Wire:
        self._confirmation.confirm_sign_up(
            CodeAnswer(
                client_id=params["ClientId"],
                username=params["Username"],
                code=params["ConfirmationCode"],
                secret_hash=params.get("SecretHash"),
                force_alias_creation=bool(params.get("ForceAliasCreation", False)),
                client_metadata=params.get("ClientMetadata") or {},
            )
        )
        return {}

    def admin_confirm_sign_up(self, params: Wire, _: CallContext) -> Wire:
        self._confirmation.admin_confirm_sign_up(
            params["UserPoolId"], params["Username"], params.get("ClientMetadata")
        )
        return {}

    def resend_confirmation_code(self, params: Wire, _: CallContext) -> Wire:
        delivery = self._confirmation.resend_confirmation_code(
            params["ClientId"],
            params["Username"],
            params.get("SecretHash"),
            client_metadata=params.get("ClientMetadata"),
        )
        return {"CodeDeliveryDetails": delivery_out(delivery)}

    def forgot_password(self, params: Wire, _: CallContext) -> Wire:
        delivery = self._recovery.forgot_password(
            params["ClientId"],
            params["Username"],
            params.get("SecretHash"),
            client_metadata=params.get("ClientMetadata"),
        )
        return {"CodeDeliveryDetails": delivery_out(delivery)}

    def confirm_forgot_password(self, params: Wire, _: CallContext) -> Wire:
        self._recovery.confirm_forgot_password(
            NewPassword(
                client_id=params["ClientId"],
                username=params["Username"],
                code=params["ConfirmationCode"],
                password=params["Password"],
                secret_hash=params.get("SecretHash"),
                client_metadata=params.get("ClientMetadata") or {},
            )
        )
        return {}


def handlers(service: IdentityService) -> dict[str, Handler]:
    handler = SignUpHandlers(service)
    return {
        "SignUp": handler.sign_up,
        "ConfirmSignUp": handler.confirm_sign_up,
        "AdminConfirmSignUp": handler.admin_confirm_sign_up,
        "ResendConfirmationCode": handler.resend_confirmation_code,
        "ForgotPassword": handler.forgot_password,
        "ConfirmForgotPassword": handler.confirm_forgot_password,
    }
