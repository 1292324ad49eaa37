"""Create user: "Mark ... as verified" goes with the address it marks, as the AWS console
sends it (the lab ticks the email box with no email; its token has no email_verified)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.console.forms import submit
from tests.support import Server, unique


@pytest.fixture
def pool_id(cognito: Any) -> str:
    return str(cognito.create_user_pool(PoolName=unique("console-user"))["UserPool"]["Id"])


def _attributes(cognito: Any, pool_id: str, username: str) -> dict[str, str]:
    user = cognito.admin_get_user(UserPoolId=pool_id, Username=username)
    return {a["Name"]: a["Value"] for a in user["UserAttributes"]}


def _create(server: Server, pool_id: str, fields: dict[str, str]) -> int:
    page = f"/console/pools/{pool_id}/users/create"
    base = {"invitation": "none", "username": "CognitoUser", "password_mode": "set"}
    response = submit(server, page, page, {**base, "password": "Lab#Temp1234", **fields})
    return response.status_code


@pytest.mark.parametrize(
    ("fields", "absent"),
    [
        ({"email": "", "email_verified": "on"}, "email_verified"),
        ({"phone_number": "", "phone_verified": "on"}, "phone_number_verified"),
    ],
)
def test_verified_box_without_an_address_stores_no_verified_attribute(
    server: Server, cognito: Any, pool_id: str, fields: dict[str, str], absent: str
) -> None:
    assert _create(server, pool_id, fields) == 303

    assert absent not in _attributes(cognito, pool_id, "CognitoUser")


def test_verified_box_with_an_email_marks_it_verified(
    server: Server, cognito: Any, pool_id: str
) -> None:
    assert _create(server, pool_id, {"email": "v@example.com", "email_verified": "on"}) == 303

    attributes = _attributes(cognito, pool_id, "CognitoUser")
    assert (attributes["email"], attributes["email_verified"]) == ("v@example.com", "true")
