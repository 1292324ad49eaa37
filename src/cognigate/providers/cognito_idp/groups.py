"""Handlers of the cognito-idp group operations and group memberships."""

from __future__ import annotations

from cognigate.identity.groups import GroupChanges, NewGroup
from cognigate.identity.model import Group, Page
from cognigate.identity.service import IdentityService
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.json11 import Handler
from cognigate.providers.cognito_idp.users import user_type
from cognigate.providers.cognito_idp.wire import drop_none

_UPDATABLE = {"Description": "description", "RoleArn": "role_arn", "Precedence": "precedence"}


def group_type(group: Group) -> Wire:
    """A ``GroupType``."""
    return drop_none(
        {
            "GroupName": group.name,
            "UserPoolId": group.pool_id,
            "Description": group.description,
            "RoleArn": group.role_arn,
            "Precedence": group.precedence,
            "LastModifiedDate": group.modified,
            "CreationDate": group.created,
        }
    )


def _groups_page(page: Page[Group]) -> Wire:
    return drop_none({"Groups": [group_type(g) for g in page.items], "NextToken": page.next_token})


def _changes(params: Wire) -> GroupChanges:
    return GroupChanges(
        pool_id=params["UserPoolId"],
        name=params["GroupName"],
        description=params.get("Description"),
        role_arn=params.get("RoleArn"),
        precedence=params.get("Precedence"),
        given=frozenset(field for key, field in _UPDATABLE.items() if key in params),
    )


class GroupHandlers:
    """Group operations: one method per AWS operation, named as ``xform_name`` names it."""

    def __init__(self, service: IdentityService) -> None:
        self._groups = service.groups

    def create_group(self, params: Wire, _: CallContext) -> Wire:
        group = self._groups.create_group(
            NewGroup(
                pool_id=params["UserPoolId"],
                name=params["GroupName"],
                description=params.get("Description"),
                role_arn=params.get("RoleArn"),
                precedence=params.get("Precedence"),
            )
        )
        return {"Group": group_type(group)}

    def get_group(self, params: Wire, _: CallContext) -> Wire:
        return {
            "Group": group_type(self._groups.get_group(params["UserPoolId"], params["GroupName"]))
        }

    def list_groups(self, params: Wire, _: CallContext) -> Wire:
        page = self._groups.list_groups(
            params["UserPoolId"], params.get("Limit"), params.get("NextToken")
        )
        return _groups_page(page)

    def update_group(self, params: Wire, _: CallContext) -> Wire:
        return {"Group": group_type(self._groups.update_group(_changes(params)))}

    def delete_group(self, params: Wire, _: CallContext) -> Wire:
        self._groups.delete_group(params["UserPoolId"], params["GroupName"])
        return {}

    def admin_add_user_to_group(self, params: Wire, _: CallContext) -> Wire:
        self._groups.admin_add_user_to_group(
            params["UserPoolId"], params["Username"], params["GroupName"]
        )
        return {}

    def admin_remove_user_from_group(self, params: Wire, _: CallContext) -> Wire:
        self._groups.admin_remove_user_from_group(
            params["UserPoolId"], params["Username"], params["GroupName"]
        )
        return {}

    def admin_list_groups_for_user(self, params: Wire, _: CallContext) -> Wire:
        page = self._groups.admin_list_groups_for_user(
            params["UserPoolId"], params["Username"], params.get("Limit"), params.get("NextToken")
        )
        return _groups_page(page)

    def list_users_in_group(self, params: Wire, _: CallContext) -> Wire:
        page = self._groups.list_users_in_group(
            params["UserPoolId"], params["GroupName"], params.get("Limit"), params.get("NextToken")
        )
        users = [user_type(u) for u in page.items]
        return drop_none({"Users": users, "NextToken": page.next_token})


def handlers(service: IdentityService) -> dict[str, Handler]:
    handler = GroupHandlers(service)
    return {
        "CreateGroup": handler.create_group,
        "GetGroup": handler.get_group,
        "ListGroups": handler.list_groups,
        "UpdateGroup": handler.update_group,
        "DeleteGroup": handler.delete_group,
        "AdminAddUserToGroup": handler.admin_add_user_to_group,
        "AdminRemoveUserFromGroup": handler.admin_remove_user_from_group,
        "AdminListGroupsForUser": handler.admin_list_groups_for_user,
        "ListUsersInGroup": handler.list_users_in_group,
    }
