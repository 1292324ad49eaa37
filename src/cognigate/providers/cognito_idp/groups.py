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


def handlers(service: IdentityService) -> dict[str, Handler]:
    groups = service.groups

    def create_group(params: Wire, _: CallContext) -> Wire:
        group = groups.create_group(
            NewGroup(
                pool_id=params["UserPoolId"],
                name=params["GroupName"],
                description=params.get("Description"),
                role_arn=params.get("RoleArn"),
                precedence=params.get("Precedence"),
            )
        )
        return {"Group": group_type(group)}

    def get_group(params: Wire, _: CallContext) -> Wire:
        return {"Group": group_type(groups.get_group(params["UserPoolId"], params["GroupName"]))}

    def list_groups(params: Wire, _: CallContext) -> Wire:
        page = groups.list_groups(
            params["UserPoolId"], params.get("Limit"), params.get("NextToken")
        )
        return _groups_page(page)

    def update_group(params: Wire, _: CallContext) -> Wire:
        return {"Group": group_type(groups.update_group(_changes(params)))}

    def delete_group(params: Wire, _: CallContext) -> Wire:
        groups.delete_group(params["UserPoolId"], params["GroupName"])
        return {}

    def admin_add_user_to_group(params: Wire, _: CallContext) -> Wire:
        groups.admin_add_user_to_group(
            params["UserPoolId"], params["Username"], params["GroupName"]
        )
        return {}

    def admin_remove_user_from_group(params: Wire, _: CallContext) -> Wire:
        groups.admin_remove_user_from_group(
            params["UserPoolId"], params["Username"], params["GroupName"]
        )
        return {}

    def admin_list_groups_for_user(params: Wire, _: CallContext) -> Wire:
        page = groups.admin_list_groups_for_user(
            params["UserPoolId"], params["Username"], params.get("Limit"), params.get("NextToken")
        )
        return _groups_page(page)

    def list_users_in_group(params: Wire, _: CallContext) -> Wire:
        page = groups.list_users_in_group(
            params["UserPoolId"], params["GroupName"], params.get("Limit"), params.get("NextToken")
        )
        users = [user_type(u) for u in page.items]
        return drop_none({"Users": users, "NextToken": page.next_token})

    return {
        "CreateGroup": create_group,
        "GetGroup": get_group,
        "ListGroups": list_groups,
        "UpdateGroup": update_group,
        "DeleteGroup": delete_group,
        "AdminAddUserToGroup": admin_add_user_to_group,
        "AdminRemoveUserFromGroup": admin_remove_user_from_group,
        "AdminListGroupsForUser": admin_list_groups_for_user,
        "ListUsersInGroup": list_users_in_group,
    }
