"""Passwords may contain spaces (AWS counts the space as a special character), just not at
either end."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.cognito_idp.conftest import PoolFactory, error_of

PASSPHRASE = "Correct horse 9 battery"


def test_a_passphrase_with_inner_spaces_is_set_and_signs_in(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool_id = make_pool(Policies={"PasswordPolicy": {"MinimumLength": 8, "RequireSymbols": True}})[
        "Id"
    ]
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"]
    )["UserPoolClient"]["ClientId"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="pat", MessageAction="SUPPRESS")

    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username="pat", Password=PASSPHRASE, Permanent=True
    )

    result = cognito.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "pat", "PASSWORD": PASSPHRASE},
    )
    assert result["AuthenticationResult"]["AccessToken"]


@pytest.mark.parametrize("password", [" Leading-space-1", "Trailing-space-1 "])
def test_spaces_at_either_end_break_the_pattern(
    cognito: Any, make_pool: PoolFactory, password: str
) -> None:
    pool_id = make_pool()["Id"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="pat", MessageAction="SUPPRESS")

    with pytest.raises(ClientError) as excinfo:
        cognito.admin_set_user_password(
            UserPoolId=pool_id, Username="pat", Password=password, Permanent=True
        )

    code, message = error_of(excinfo)
    assert code == "InvalidParameterException"
    assert "Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$" in message
