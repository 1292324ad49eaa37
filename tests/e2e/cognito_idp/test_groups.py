"""Groups and memberships, through boto3 against a real server."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.cognito_idp.conftest import error_of

PASSWORD = "Lab-Passw0rd!"


def add_user(cognito: Any, pool_id: str, username: str) -> None:
    cognito.admin_create_user(
        UserPoolId=pool_id,
        Username=username,
        TemporaryPassword=PASSWORD,
        MessageAction="SUPPRESS",
    )


def test_create_group_returns_the_group(cognito: Any, pool_id: str) -> None:
    group = cognito.create_group(
        UserPoolId=pool_id,
        GroupName="admins",
        Description="The admins",
        Precedence=1,
        RoleArn="arn:aws:iam::123456789012:role/admins",
    )["Group"]

    assert group["GroupName"] == "admins"
    assert group["UserPoolId"] == pool_id
    assert group["Description"] == "The admins"
    assert group["Precedence"] == 1
    assert group["RoleArn"] == "arn:aws:iam::123456789012:role/admins"
    assert group["CreationDate"] == group["LastModifiedDate"]
    assert cognito.get_group(UserPoolId=pool_id, GroupName="admins")["Group"] == group


def test_create_group_twice_raises_group_exists(cognito: Any, pool_id: str) -> None:
    cognito.create_group(UserPoolId=pool_id, GroupName="twice")

    with pytest.raises(ClientError) as excinfo:
        cognito.create_group(UserPoolId=pool_id, GroupName="twice")

    assert error_of(excinfo) == (
        "GroupExistsException",
        "A group with the name twice already exists.",
    )


def test_get_unknown_group_raises_resource_not_found(cognito: Any, pool_id: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.get_group(UserPoolId=pool_id, GroupName="nope")

    assert error_of(excinfo) == ("ResourceNotFoundException", "Group not found.")


def test_create_group_in_unknown_pool_raises_resource_not_found(cognito: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.create_group(UserPoolId="us-east-1_Nope12345", GroupName="g")

    assert error_of(excinfo)[0] == "ResourceNotFoundException"


def test_update_group_changes_only_the_given_members(cognito: Any, pool_id: str) -> None:
    cognito.create_group(UserPoolId=pool_id, GroupName="g", Description="d", Precedence=5)

    group = cognito.update_group(UserPoolId=pool_id, GroupName="g", Precedence=2)["Group"]

    assert (group["Description"], group["Precedence"]) == ("d", 2)


def test_delete_group_removes_it(cognito: Any, pool_id: str) -> None:
    cognito.create_group(UserPoolId=pool_id, GroupName="gone")

    cognito.delete_group(UserPoolId=pool_id, GroupName="gone")

    assert cognito.list_groups(UserPoolId=pool_id)["Groups"] == []


def test_list_groups_pages_with_next_token(cognito: Any, pool_id: str) -> None:
    for name in ("g1", "g2", "g3"):
        cognito.create_group(UserPoolId=pool_id, GroupName=name)

    first = cognito.list_groups(UserPoolId=pool_id, Limit=2)
    second = cognito.list_groups(UserPoolId=pool_id, Limit=2, NextToken=first["NextToken"])

    assert [g["GroupName"] for g in first["Groups"]] == ["g1", "g2"]
    assert [g["GroupName"] for g in second["Groups"]] == ["g3"]
    assert "NextToken" not in second


def test_members_are_listed_both_ways(cognito: Any, pool_id: str) -> None:
    cognito.create_group(UserPoolId=pool_id, GroupName="late", Precedence=9)
    cognito.create_group(UserPoolId=pool_id, GroupName="early", Precedence=1)
    for username in ("ann", "bea"):
        add_user(cognito, pool_id, username)
    for group in ("late", "early"):
        cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="ann", GroupName=group)
    cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="bea", GroupName="late")

    groups = cognito.admin_list_groups_for_user(UserPoolId=pool_id, Username="ann")["Groups"]
    members = cognito.list_users_in_group(UserPoolId=pool_id, GroupName="late")["Users"]

    assert [g["GroupName"] for g in groups] == ["early", "late"]
    assert [u["Username"] for u in members] == ["ann", "bea"]
    assert members[0]["UserStatus"] == "FORCE_CHANGE_PASSWORD"


def test_adding_a_member_twice_keeps_one_membership(cognito: Any, pool_id: str) -> None:
    cognito.create_group(UserPoolId=pool_id, GroupName="g")
    add_user(cognito, pool_id, "ann")

    for _ in range(2):
        cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="ann", GroupName="g")

    assert len(cognito.list_users_in_group(UserPoolId=pool_id, GroupName="g")["Users"]) == 1


def test_remove_user_from_group_ends_the_membership(cognito: Any, pool_id: str) -> None:
    cognito.create_group(UserPoolId=pool_id, GroupName="g")
    add_user(cognito, pool_id, "ann")
    cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="ann", GroupName="g")

    cognito.admin_remove_user_from_group(UserPoolId=pool_id, Username="ann", GroupName="g")

    assert cognito.admin_list_groups_for_user(UserPoolId=pool_id, Username="ann")["Groups"] == []


def test_deleting_a_user_ends_its_memberships(cognito: Any, pool_id: str) -> None:
    cognito.create_group(UserPoolId=pool_id, GroupName="g")
    add_user(cognito, pool_id, "ann")
    cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="ann", GroupName="g")

    cognito.admin_delete_user(UserPoolId=pool_id, Username="ann")

    assert cognito.list_users_in_group(UserPoolId=pool_id, GroupName="g")["Users"] == []


def test_add_unknown_user_to_group_raises_user_not_found(cognito: Any, pool_id: str) -> None:
    cognito.create_group(UserPoolId=pool_id, GroupName="g")

    with pytest.raises(ClientError) as excinfo:
        cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="ghost", GroupName="g")

    assert error_of(excinfo) == ("UserNotFoundException", "User does not exist.")


def test_add_user_to_unknown_group_raises_resource_not_found(cognito: Any, pool_id: str) -> None:
    add_user(cognito, pool_id, "ann")

    with pytest.raises(ClientError) as excinfo:
        cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="ann", GroupName="nope")

    assert error_of(excinfo) == ("ResourceNotFoundException", "Group not found.")


def test_list_users_in_group_pages_with_next_token(cognito: Any, pool_id: str) -> None:
    cognito.create_group(UserPoolId=pool_id, GroupName="g")
    for username in ("u1", "u2", "u3"):
        add_user(cognito, pool_id, username)
        cognito.admin_add_user_to_group(UserPoolId=pool_id, Username=username, GroupName="g")

    first = cognito.list_users_in_group(UserPoolId=pool_id, GroupName="g", Limit=2)
    second = cognito.list_users_in_group(
        UserPoolId=pool_id, GroupName="g", Limit=2, NextToken=first["NextToken"]
    )

    assert [u["Username"] for u in first["Users"] + second["Users"]] == ["u1", "u2", "u3"]
    assert "NextToken" not in second
