"""Handlers of the cognito-idp admin user operations (AdminCreateUser, ListUsers, ...)."""

from __future__ import annotations

from cognigate.identity.model import User
from cognigate.identity.service import IdentityService
from cognigate.identity.users import NewUser, UserQuery
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.json11 import Handler
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


def handlers(service: IdentityService) -> dict[str, Handler]:  # noqa: C901 - one closure per operation
    users = service.users

    def admin_create_user(params: Wire, _: CallContext) -> Wire:
        return {"User": user_type(users.admin_create_user(_new_user(params)))}

    def admin_get_user(params: Wire, _: CallContext) -> Wire:
        user = users.admin_get_user(params["UserPoolId"], params["Username"])
        return user_type(user, attribute_key="UserAttributes")

    def list_users(params: Wire, _: CallContext) -> Wire:
        page = users.list_users(_user_query(params))
        return drop_none(
            {"Users": [user_type(u) for u in page.items], "PaginationToken": page.next_token}
        )

    def admin_delete_user(params: Wire, _: CallContext) -> Wire:
        users.admin_delete_user(params["UserPoolId"], params["Username"])
        return {}

    def admin_update_user_attributes(params: Wire, _: CallContext) -> Wire:
        users.admin_update_user_attributes(
            params["UserPoolId"],
            params["Username"],
            tuple(attributes_in(params["UserAttributes"])),
        )
        return {}

    def admin_delete_user_attributes(params: Wire, _: CallContext) -> Wire:
        users.admin_delete_user_attributes(
            params["UserPoolId"], params["Username"], tuple(params["UserAttributeNames"])
        )
        return {}

    def admin_set_user_password(params: Wire, _: CallContext) -> Wire:
        users.admin_set_user_password(
            params["UserPoolId"],
            params["Username"],
            params["Password"],
            permanent=bool(params.get("Permanent", False)),
        )
        return {}

    def admin_enable_user(params: Wire, _: CallContext) -> Wire:
        users.admin_enable_user(params["UserPoolId"], params["Username"])
        return {}

    def admin_disable_user(params: Wire, _: CallContext) -> Wire:
        users.admin_disable_user(params["UserPoolId"], params["Username"])
        return {}

    def admin_reset_user_password(params: Wire, _: CallContext) -> Wire:
        users.admin_reset_user_password(params["UserPoolId"], params["Username"])
        return {}

    return {
        "AdminCreateUser": admin_create_user,
        "AdminGetUser": admin_get_user,
        "ListUsers": list_users,
        "AdminDeleteUser": admin_delete_user,
        "AdminUpdateUserAttributes": admin_update_user_attributes,
        "AdminDeleteUserAttributes": admin_delete_user_attributes,
        "AdminSetUserPassword": admin_set_user_password,
        "AdminEnableUser": admin_enable_user,
        "AdminDisableUser": admin_disable_user,
        "AdminResetUserPassword": admin_reset_user_password,
    }
