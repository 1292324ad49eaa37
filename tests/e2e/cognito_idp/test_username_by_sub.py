"""Admin* operations (and the public ones documented so) take the user's ``sub`` as Username."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.cognito_idp.conftest import PoolFactory, error_of
from tests.e2e.cognito_idp.self_service import make_client

PASSWORD = "Lab-Passw0rd!"


def _user(cognito: Any, pool_id: str, username: str = "plainuser") -> str:
    """Create a user in a plain-username pool; returns its sub."""
    user = cognito.admin_create_user(
        UserPoolId=pool_id,
        Username=username,
        UserAttributes=[{"Name": "email", "Value": f"{username}@example.com"}],
        TemporaryPassword=PASSWORD,
        MessageAction="SUPPRESS",
    )["User"]
    return next(a["Value"] for a in user["Attributes"] if a["Name"] == "sub")


def test_admin_get_user_finds_the_user_by_sub(cognito: Any, pool_id: str) -> None:
    sub = _user(cognito, pool_id)

    found = cognito.admin_get_user(UserPoolId=pool_id, Username=sub)

    assert found["Username"] == "plainuser"


ADMIN_CALLS: dict[str, Callable[[Any, str, str], object]] = {
    "AdminUpdateUserAttributes": lambda c, p, u: c.admin_update_user_attributes(
        UserPoolId=p, Username=u, UserAttributes=[{"Name": "name", "Value": "N"}]
    ),
    "AdminSetUserPassword": lambda c, p, u: c.admin_set_user_password(
        UserPoolId=p, Username=u, Password="Other-Passw0rd!", Permanent=True
    ),
    "AdminDisableUser": lambda c, p, u: c.admin_disable_user(UserPoolId=p, Username=u),
    "AdminListGroupsForUser": lambda c, p, u: c.admin_list_groups_for_user(
        UserPoolId=p, Username=u
    ),
    "AdminUserGlobalSignOut": lambda c, p, u: c.admin_user_global_sign_out(
        UserPoolId=p, Username=u
    ),
}


@pytest.mark.parametrize("operation", sorted(ADMIN_CALLS))
def test_admin_operations_accept_the_sub_as_username(
    cognito: Any, pool_id: str, operation: str
) -> None:
    sub = _user(cognito, pool_id)

    ADMIN_CALLS[operation](cognito, pool_id, sub)

    user = cognito.admin_get_user(UserPoolId=pool_id, Username="plainuser")
    if operation == "AdminUpdateUserAttributes":
        assert {"Name": "name", "Value": "N"} in user["UserAttributes"]
    if operation == "AdminSetUserPassword":
        assert user["UserStatus"] == "CONFIRMED"
    if operation == "AdminDisableUser":
        assert user["Enabled"] is False


def test_admin_add_user_to_group_by_sub_adds_the_member(cognito: Any, pool_id: str) -> None:
    sub = _user(cognito, pool_id)
    cognito.create_group(UserPoolId=pool_id, GroupName="staff")

    cognito.admin_add_user_to_group(UserPoolId=pool_id, Username=sub, GroupName="staff")

    members = cognito.list_users_in_group(UserPoolId=pool_id, GroupName="staff")["Users"]
    assert [m["Username"] for m in members] == ["plainuser"]


def test_admin_delete_user_by_sub_deletes_the_user(cognito: Any, pool_id: str) -> None:
    sub = _user(cognito, pool_id)

    cognito.admin_delete_user(UserPoolId=pool_id, Username=sub)

    with pytest.raises(ClientError) as excinfo:
        cognito.admin_get_user(UserPoolId=pool_id, Username="plainuser")
    assert error_of(excinfo) == ("UserNotFoundException", "User does not exist.")


def test_a_username_equal_to_another_users_sub_wins_over_the_sub(
    cognito: Any, pool_id: str
) -> None:
    sub = _user(cognito, pool_id, "first")
    _user(cognito, pool_id, sub)

    found = cognito.admin_get_user(UserPoolId=pool_id, Username=sub)

    assert found["Username"] == sub


def test_an_unknown_sub_is_user_not_found(cognito: Any, pool_id: str) -> None:
    _user(cognito, pool_id)

    with pytest.raises(ClientError) as excinfo:
        cognito.admin_get_user(UserPoolId=pool_id, Username="00000000-0000-4000-8000-000000000000")

    assert error_of(excinfo) == ("UserNotFoundException", "User does not exist.")


def test_forgot_password_takes_the_sub(cognito: Any, make_pool: PoolFactory) -> None:
    pool_id = str(make_pool(AutoVerifiedAttributes=["email"])["Id"])
    client_id = make_client(cognito, pool_id)["ClientId"]
    sub = _user(cognito, pool_id)
    cognito.admin_update_user_attributes(
        UserPoolId=pool_id,
        Username="plainuser",
        UserAttributes=[{"Name": "email_verified", "Value": "true"}],
    )
    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username="plainuser", Password=PASSWORD, Permanent=True
    )

    details = cognito.forgot_password(ClientId=client_id, Username=sub)["CodeDeliveryDetails"]

    assert details["DeliveryMedium"] == "EMAIL"


def test_initiate_auth_does_not_take_the_sub(cognito: Any, pool_id: str) -> None:
    client_id = make_client(cognito, pool_id)["ClientId"]
    sub = _user(cognito, pool_id)

    with pytest.raises(ClientError) as excinfo:
        cognito.initiate_auth(
            ClientId=client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": sub, "PASSWORD": PASSWORD},
        )

    assert error_of(excinfo)[0] == "UserNotFoundException"
