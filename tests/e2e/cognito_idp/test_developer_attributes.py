"""Developer-only ``dev:`` attributes: read-only to app clients, written by Admin* calls."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.cognito_idp.conftest import PoolFactory, error_of
from tests.e2e.cognito_idp.self_service import PASSWORD, make_client, sign_in

DEV = "dev:custom:secret"
UNAUTHORIZED = ("NotAuthorizedException", "A client attempted to write unauthorized attribute")


@pytest.fixture
def dev_pool(make_pool: PoolFactory) -> str:
    schema = [{"Name": "secret", "AttributeDataType": "String", "DeveloperOnlyAttribute": True}]
    return str(make_pool(Schema=schema)["Id"])


def _confirmed(cognito: Any, pool_id: str, username: str) -> None:
    cognito.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS")
    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username=username, Password=PASSWORD, Permanent=True
    )


def test_sign_up_with_a_developer_attribute_is_unauthorized(cognito: Any, dev_pool: str) -> None:
    client_id = make_client(cognito, dev_pool)["ClientId"]

    with pytest.raises(ClientError) as excinfo:
        cognito.sign_up(
            ClientId=client_id,
            Username="d1",
            Password=PASSWORD,
            UserAttributes=[{"Name": DEV, "Value": "s"}],
        )

    assert error_of(excinfo) == UNAUTHORIZED


def test_update_user_attributes_cannot_write_a_developer_attribute(
    cognito: Any, dev_pool: str
) -> None:
    client_id = make_client(cognito, dev_pool)["ClientId"]
    _confirmed(cognito, dev_pool, "d2")
    token = sign_in(cognito, client_id, "d2")["AccessToken"]

    with pytest.raises(ClientError) as excinfo:
        cognito.update_user_attributes(
            AccessToken=token, UserAttributes=[{"Name": DEV, "Value": "t"}]
        )

    assert error_of(excinfo) == UNAUTHORIZED
    user = cognito.admin_get_user(UserPoolId=dev_pool, Username="d2")
    assert DEV not in {a["Name"] for a in user["UserAttributes"]}


def test_admin_update_user_attributes_writes_a_developer_attribute_the_user_can_read(
    cognito: Any, dev_pool: str
) -> None:
    client_id = make_client(cognito, dev_pool)["ClientId"]
    _confirmed(cognito, dev_pool, "d3")

    cognito.admin_update_user_attributes(
        UserPoolId=dev_pool, Username="d3", UserAttributes=[{"Name": DEV, "Value": "v"}]
    )

    token = sign_in(cognito, client_id, "d3")["AccessToken"]
    assert {"Name": DEV, "Value": "v"} in cognito.get_user(AccessToken=token)["UserAttributes"]


def test_a_client_cannot_list_a_developer_attribute_as_writable(
    cognito: Any, dev_pool: str
) -> None:
    with pytest.raises(ClientError) as excinfo:
        make_client(cognito, dev_pool, WriteAttributes=[DEV])

    assert error_of(excinfo) == (
        "InvalidParameterException",
        "Invalid write attributes specified while creating a client",
    )
