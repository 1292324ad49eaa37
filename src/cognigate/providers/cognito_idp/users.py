"""Handlers of the cognito-idp admin user operations (AdminCreateUser, ListUsers, ...)."""

from __future__ import annotations

from cognigate.identity.model import User
from cognigate.identity.service import IdentityService
from cognigate.identity.users import NewUser, UserQuery
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.json11 import Handler
from cognigate.providers.cognito_idp.mfa import mfa_out
from cognigate.providers.cognito_idp.wire import attributes_in, attributes_out, drop_none


def user_type(user: User, *, attribute_key: str = "Attributes") -> Wire:
    """A ``UserType`` (``attribute_key="UserAttributes"`` for AdminGetUser's layout)."""
    return {
        "Username": user.username,
        attribute_key: attributes_out(user.attributes),
        "UserCreateDate": user.created,
        "UserLastModifiedDate": user.modified,
        "Enabled": user.enabled,
        "UserStatus": user.status.value,
    }


def _new_user(params: Wire) -> NewUser:
    return NewUser(
        pool_id=params["UserPoolId"],
        username=params["Username"],
        attributes=tuple(attributes_in(params.get("UserAttributes"))),
        temporary_password=params.get("TemporaryPassword"),
        force_alias_creation=bool(params.get("ForceAliasCreation", False)),
        message_action=params.get("MessageAction"),
        delivery_mediums=tuple(params.get("DesiredDeliveryMediums") or ()),
        validation_data=dict(attributes_in(params.get("ValidationData"))),
        client_metadata=dict(params.get("ClientMetadata") or {}),
    )


def _user_query(params: Wire) -> UserQuery:
    wanted = params.get("AttributesToGet")
    return UserQuery(
        pool_id=params["UserPoolId"],
        filter=params.get("Filter"),
        attributes_to_get=tuple(wanted) if wanted is not None else None,
        limit=params.get("Limit") or 60,
        token=params.get("PaginationToken"),
    )


class UserHandlers:
    """Admin user operations: one method per AWS operation, named as ``xform_name`` names it."""

    def __init__(self, service: IdentityService) -> None:
        self._users = service.users

    def admin_create_user(self, params: Wire, _: CallContext) -> Wire:
        return {"User": user_type(self._users.admin_create_user(_new_user(params)))}

    def admin_get_user(self, params: Wire, _: CallContext) -> Wire:
        user = self._users.admin_get_user(params["UserPoolId"], params["Username"])
        return {**user_type(user, attribute_key="UserAttributes"), **mfa_out(user)}

    def list_users(self, params: Wire, _: CallContext) -> Wire:
        page = self._users.list_users(_user_query(params))
        return drop_none(
            {"Users": [user_type(u) for u in page.items], "PaginationToken": page.next_token}
        )

    def admin_delete_user(self, params: Wire, _: CallContext) -> Wire:
        self._users.admin_delete_user(params["UserPoolId"], params["Username"])
        return {}

    def admin_update_user_attributes(self, params: Wire, _: CallContext) -> Wire:
        self._users.admin_update_user_attributes(
            params["UserPoolId"],
            params["Username"],
            tuple(attributes_in(params["UserAttributes"])),
        )
        return {}

    def admin_delete_user_attributes(self, params: Wire, _: CallContext) -> Wire:
        self._users.admin_delete_user_attributes(
            params["UserPoolId"], params["Username"], tuple(params["UserAttributeNames"])
        )
        return {}

    def admin_set_user_password(self, params: Wire, _: CallContext) -> Wire:
        self._users.admin_set_user_password(
            params["UserPoolId"],
            params["Username"],
            params["Password"],
            permanent=bool(params.get("Permanent", False)),
        )
        return {}

    def admin_enable_user(self, params: Wire, _: CallContext) -> Wire:
        self._users.admin_enable_user(params["UserPoolId"], params["Username"])
        return {}

    def admin_disable_user(self, params: Wire, _: CallContext) -> Wire:
        self._users.admin_disable_user(params["UserPoolId"], params["Username"])
        return {}

    def admin_reset_user_password(self, params: Wire, _: CallContext) -> Wire:
        self._users.admin_reset_user_password(params["UserPoolId"], params["Username"])
        return {}


def handlers(service: IdentityService) -> dict[str, Handler]:
    handler = UserHandlers(service)
    return {
        "AdminCreateUser": handler.admin_create_user,
        "AdminGetUser": handler.admin_get_user,
        "ListUsers": handler.list_users,
        "AdminDeleteUser": handler.admin_delete_user,
        "AdminUpdateUserAttributes": handler.admin_update_user_attributes,
        "AdminDeleteUserAttributes": handler.admin_delete_user_attributes,
        "AdminSetUserPassword": handler.admin_set_user_password,
        "AdminEnableUser": handler.admin_enable_user,
        "AdminDisableUser": handler.admin_disable_user,
        "AdminResetUserPassword": handler.admin_reset_user_password,
    }
