"""AdminCreateUser and the other admin user operations, through boto3 against a real server."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.cognito_idp.conftest import PoolFactory, error_of

LAB_PASSWORD = "Lab-Passw0rd!"


def attributes_of(user: dict[str, Any], key: str = "Attributes") -> dict[str, str]:
    return {a["Name"]: a["Value"] for a in user[key]}


def create(cognito: Any, pool_id: str, username: str, **extra: Any) -> dict[str, Any]:
    extra.setdefault("MessageAction", "SUPPRESS")
    extra.setdefault("TemporaryPassword", LAB_PASSWORD)
    user: dict[str, Any] = cognito.admin_create_user(
        UserPoolId=pool_id, Username=username, **extra
    )["User"]
    return user


def test_lab_admin_create_user_lands_in_force_change_password(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(UsernameConfiguration={"CaseSensitive": False})

    user = cognito.admin_create_user(
        UserPoolId=pool["Id"],
        Username="CognitoUser",
        TemporaryPassword=LAB_PASSWORD,
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "email_verified", "Value": "true"}],
    )["User"]

    assert user["Username"] == "CognitoUser"
    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert user["Enabled"] is True
    assert user["Attributes"][0]["Name"] == "sub"
    assert uuid.UUID(user["Attributes"][0]["Value"]).version == 4
    assert attributes_of(user)["email_verified"] == "true"
    fetched = cognito.admin_get_user(UserPoolId=pool["Id"], Username="cognitouser")
    assert fetched["Username"] == "CognitoUser"
    assert fetched["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert attributes_of(fetched, "UserAttributes")["email_verified"] == "true"
    assert fetched["UserCreateDate"] == user["UserCreateDate"]


def test_admin_create_user_with_weak_password_raises_invalid_password_and_stores_nothing(
    cognito: Any, pool_id: str
) -> None:
    with pytest.raises(ClientError) as excinfo:
        create(cognito, pool_id, "weak", TemporaryPassword="short")

    assert error_of(excinfo) == (
        "InvalidPasswordException",
        "Password did not conform with policy: Password not long enough",
    )
    assert cognito.list_users(UserPoolId=pool_id)["Users"] == []


def test_admin_create_user_generates_a_temporary_password_when_none_is_given(
    cognito: Any, pool_id: str
) -> None:
    user = cognito.admin_create_user(
        UserPoolId=pool_id, Username="generated", MessageAction="SUPPRESS"
    )["User"]

    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD"


def test_admin_create_user_twice_raises_username_exists(cognito: Any, pool_id: str) -> None:
    create(cognito, pool_id, "twice")

    with pytest.raises(ClientError) as excinfo:
        create(cognito, pool_id, "twice")

    assert error_of(excinfo) == ("UsernameExistsException", "User account already exists")


def test_admin_create_user_in_unknown_pool_raises_resource_not_found(cognito: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        create(cognito, "us-east-1_Nope12345", "someone")

    assert error_of(excinfo) == (
        "ResourceNotFoundException",
        "User pool us-east-1_Nope12345 does not exist.",
    )


def test_admin_create_user_with_unknown_attribute_raises_invalid_parameter(
    cognito: Any, pool_id: str
) -> None:
    with pytest.raises(ClientError) as excinfo:
        create(cognito, pool_id, "odd", UserAttributes=[{"Name": "custom:nope", "Value": "x"}])

    code, message = error_of(excinfo)
    assert code == "InvalidParameterException"
    assert "custom:nope: Attribute does not exist in the schema." in message


def test_admin_create_user_accepts_custom_attributes_of_the_schema(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(Schema=[{"Name": "team", "AttributeDataType": "String"}])

    user = create(
        cognito,
        pool["Id"],
        "custom",
        UserAttributes=[
            {"Name": "custom:team", "Value": "blue"},
        ],
    )

    assert attributes_of(user)["custom:team"] == "blue"


def test_case_sensitive_pool_keeps_usernames_differing_in_case_apart(
    cognito: Any, pool_id: str
) -> None:
    create(cognito, pool_id, "Alice")

    create(cognito, pool_id, "alice")

    assert len(cognito.list_users(UserPoolId=pool_id)["Users"]) == 2


def test_case_insensitive_pool_rejects_a_username_differing_only_in_case(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(UsernameConfiguration={"CaseSensitive": False})
    create(cognito, pool["Id"], "Alice")

    with pytest.raises(ClientError) as excinfo:
        create(cognito, pool["Id"], "ALICE")

    assert error_of(excinfo)[0] == "UsernameExistsException"


def test_email_username_pool_stores_the_sub_as_username(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(UsernameAttributes=["email"])

    user = create(cognito, pool["Id"], "jane@example.com")

    attributes = attributes_of(user)
    assert user["Username"] == attributes["sub"]
    assert attributes["email"] == "jane@example.com"
    fetched = cognito.admin_get_user(UserPoolId=pool["Id"], Username="jane@example.com")
    assert fetched["Username"] == attributes["sub"]


def test_email_username_pool_rejects_a_username_that_is_not_an_email(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(UsernameAttributes=["email"])

    with pytest.raises(ClientError) as excinfo:
        create(cognito, pool["Id"], "jane")

    assert error_of(excinfo) == ("InvalidParameterException", "Username should be an email.")


def test_email_username_pool_rejects_a_second_user_with_the_same_email(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(UsernameAttributes=["email"])
    create(cognito, pool["Id"], "dup@example.com")

    with pytest.raises(ClientError) as excinfo:
        create(cognito, pool["Id"], "dup@example.com")

    assert error_of(excinfo) == (
        "UsernameExistsException",
        "An account with the given email already exists.",
    )


def test_email_alias_pool_rejects_an_email_shaped_username(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(AliasAttributes=["email"])

    with pytest.raises(ClientError) as excinfo:
        create(cognito, pool["Id"], "bob@example.com")

    assert error_of(excinfo) == (
        "InvalidParameterException",
        "Username cannot be of email format, since user pool is configured for email alias.",
    )


def verified_email(address: str) -> list[dict[str, str]]:
    return [{"Name": "email", "Value": address}, {"Name": "email_verified", "Value": "true"}]


def test_verified_email_alias_resolves_to_the_user(cognito: Any, make_pool: PoolFactory) -> None:
    pool = make_pool(AliasAttributes=["email", "preferred_username"])
    create(
        cognito,
        pool["Id"],
        "bob",
        UserAttributes=[
            *verified_email("bob@example.com"),
            {"Name": "preferred_username", "Value": "bobby"},
        ],
    )

    by_email = cognito.admin_get_user(UserPoolId=pool["Id"], Username="bob@example.com")
    by_preferred = cognito.admin_get_user(UserPoolId=pool["Id"], Username="bobby")

    assert by_email["Username"] == by_preferred["Username"] == "bob"


def test_unverified_email_is_not_an_alias(cognito: Any, make_pool: PoolFactory) -> None:
    pool = make_pool(AliasAttributes=["email"])
    create(
        cognito,
        pool["Id"],
        "carol",
        UserAttributes=[
            {"Name": "email", "Value": "carol@example.com"},
        ],
    )

    with pytest.raises(ClientError) as excinfo:
        cognito.admin_get_user(UserPoolId=pool["Id"], Username="carol@example.com")

    assert error_of(excinfo) == ("UserNotFoundException", "User does not exist.")


def test_taken_verified_alias_raises_alias_exists(cognito: Any, make_pool: PoolFactory) -> None:
    pool = make_pool(AliasAttributes=["email"])
    create(cognito, pool["Id"], "first", UserAttributes=verified_email("same@example.com"))

    with pytest.raises(ClientError) as excinfo:
        create(cognito, pool["Id"], "second", UserAttributes=verified_email("same@example.com"))

    assert error_of(excinfo) == (
        "AliasExistsException",
        "An account with the given email already exists.",
    )


def test_force_alias_creation_moves_the_alias_to_the_new_user(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(AliasAttributes=["email"])
    create(cognito, pool["Id"], "first", UserAttributes=verified_email("moved@example.com"))

    create(
        cognito,
        pool["Id"],
        "second",
        UserAttributes=verified_email("moved@example.com"),
        ForceAliasCreation=True,
    )

    owner = cognito.admin_get_user(UserPoolId=pool["Id"], Username="moved@example.com")
    assert owner["Username"] == "second"
    first = cognito.admin_get_user(UserPoolId=pool["Id"], Username="first")
    assert attributes_of(first, "UserAttributes")["email_verified"] == "false"


def test_resend_for_unknown_user_raises_user_not_found(cognito: Any, pool_id: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.admin_create_user(UserPoolId=pool_id, Username="ghost", MessageAction="RESEND")

    assert error_of(excinfo) == ("UserNotFoundException", "User does not exist.")


def test_resend_for_confirmed_user_raises_unsupported_user_state(
    cognito: Any, pool_id: str
) -> None:
    create(cognito, pool_id, "done")
    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username="done", Password=LAB_PASSWORD, Permanent=True
    )

    with pytest.raises(ClientError) as excinfo:
        cognito.admin_create_user(UserPoolId=pool_id, Username="done", MessageAction="RESEND")

    assert error_of(excinfo)[0] == "UnsupportedUserStateException"


def test_admin_delete_user_removes_the_user(cognito: Any, pool_id: str) -> None:
    create(cognito, pool_id, "leaving")

    cognito.admin_delete_user(UserPoolId=pool_id, Username="leaving")

    with pytest.raises(ClientError) as excinfo:
        cognito.admin_get_user(UserPoolId=pool_id, Username="leaving")
    assert error_of(excinfo)[0] == "UserNotFoundException"


@pytest.mark.parametrize(
    ("permanent", "status"), [(True, "CONFIRMED"), (False, "FORCE_CHANGE_PASSWORD")]
)
def test_admin_set_user_password_sets_the_status(
    cognito: Any, pool_id: str, permanent: bool, status: str
) -> None:
    create(cognito, pool_id, "pw")

    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username="pw", Password="N3w-Password!", Permanent=permanent
    )

    assert cognito.admin_get_user(UserPoolId=pool_id, Username="pw")["UserStatus"] == status


def test_admin_set_user_password_enforces_the_policy(cognito: Any, pool_id: str) -> None:
    create(cognito, pool_id, "pw")

    with pytest.raises(ClientError) as excinfo:
        cognito.admin_set_user_password(
            UserPoolId=pool_id, Username="pw", Password="alllowercase1!", Permanent=True
        )

    assert error_of(excinfo) == (
        "InvalidPasswordException",
        "Password did not conform with policy: Password must have uppercase characters",
    )


def test_admin_disable_and_enable_user_toggle_enabled(cognito: Any, pool_id: str) -> None:
    create(cognito, pool_id, "toggle")

    cognito.admin_disable_user(UserPoolId=pool_id, Username="toggle")
    disabled = cognito.admin_get_user(UserPoolId=pool_id, Username="toggle")
    cognito.admin_enable_user(UserPoolId=pool_id, Username="toggle")
    enabled = cognito.admin_get_user(UserPoolId=pool_id, Username="toggle")

    assert (disabled["Enabled"], enabled["Enabled"]) == (False, True)
    assert enabled["UserStatus"] == "FORCE_CHANGE_PASSWORD"


def test_admin_reset_user_password_without_verified_contact_raises_invalid_parameter(
    cognito: Any, pool_id: str
) -> None:
    create(
        cognito,
        pool_id,
        "nocontact",
        UserAttributes=[
            {"Name": "email", "Value": "x@example.com"},
        ],
    )

    with pytest.raises(ClientError) as excinfo:
        cognito.admin_reset_user_password(UserPoolId=pool_id, Username="nocontact")

    assert error_of(excinfo) == (
        "InvalidParameterException",
        "Cannot reset password for the user as there is no registered/verified email or "
        "phone_number",
    )


def test_admin_reset_user_password_puts_the_user_in_reset_required(
    cognito: Any, pool_id: str
) -> None:
    create(cognito, pool_id, "reset", UserAttributes=verified_email("reset@example.com"))
    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username="reset", Password=LAB_PASSWORD, Permanent=True
    )

    cognito.admin_reset_user_password(UserPoolId=pool_id, Username="reset")

    assert cognito.admin_get_user(UserPoolId=pool_id, Username="reset")["UserStatus"] == (
        "RESET_REQUIRED"
    )


@pytest.fixture
def listed_pool(cognito: Any, pool_id: str) -> str:
    """A pool with five users: user-a … user-e, emails a@example.com …, user-e confirmed."""
    for letter in "abcde":
        create(
            cognito,
            pool_id,
            f"user-{letter}",
            UserAttributes=[
                {"Name": "email", "Value": f"{letter}@example.com"},
                {"Name": "given_name", "Value": "Ann" if letter in "ab" else "Bea"},
            ],
        )
    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username="user-e", Password=LAB_PASSWORD, Permanent=True
    )
    return pool_id


def usernames(page: dict[str, Any]) -> list[str]:
    return [u["Username"] for u in page["Users"]]


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ('email = "c@example.com"', ["user-c"]),
        ('given_name ^= "An"', ["user-a", "user-b"]),
        ('given_name ^= "an"', []),
        ('username ^= "user-"', ["user-a", "user-b", "user-c", "user-d", "user-e"]),
        ('sub ^= "no-such-sub"', []),
        ('username = "user-d"', ["user-d"]),
        ('cognito:user_status = "confirmed"', ["user-e"]),
        ('status = "Enabled"', ["user-a", "user-b", "user-c", "user-d", "user-e"]),
        ('email = "nobody@example.com"', []),
    ],
)
def test_list_users_filter_selects_matching_users(
    cognito: Any, listed_pool: str, expression: str, expected: list[str]
) -> None:
    page = cognito.list_users(UserPoolId=listed_pool, Filter=expression)

    assert usernames(page) == expected


@pytest.mark.parametrize("expression", ["email = c@example.com", 'shoe_size = "9"', "email"])
def test_list_users_with_malformed_filter_raises_invalid_parameter(
    cognito: Any, pool_id: str, expression: str
) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.list_users(UserPoolId=pool_id, Filter=expression)

    assert error_of(excinfo) == ("InvalidParameterException", "Error while parsing filter.")


def test_list_users_pages_with_pagination_token(cognito: Any, listed_pool: str) -> None:
    seen: list[str] = []
    pages = 0
    params: dict[str, Any] = {"UserPoolId": listed_pool, "Limit": 2}
    while True:
        page = cognito.list_users(**params)
        seen += usernames(page)
        pages += 1
        if "PaginationToken" not in page:
            break
        params["PaginationToken"] = page["PaginationToken"]

    assert seen == ["user-a", "user-b", "user-c", "user-d", "user-e"]
    assert pages == 3


def test_list_users_returns_only_attributes_to_get(cognito: Any, listed_pool: str) -> None:
    page = cognito.list_users(
        UserPoolId=listed_pool, AttributesToGet=["email"], Filter='username = "user-a"'
    )

    assert page["Users"][0]["Attributes"] == [{"Name": "email", "Value": "a@example.com"}]


def test_boto3_paginator_walks_every_user(cognito: Any, listed_pool: str) -> None:
    paginator = cognito.get_paginator("list_users")

    found = [
        u["Username"]
        for p in paginator.paginate(UserPoolId=listed_pool, Limit=2)
        for u in p["Users"]
    ]

    assert len(found) == 5


def test_changing_email_marks_it_unverified(cognito: Any, pool_id: str) -> None:
    create(cognito, pool_id, "mover", UserAttributes=verified_email("old@example.com"))

    cognito.admin_update_user_attributes(
        UserPoolId=pool_id,
        Username="mover",
        UserAttributes=[{"Name": "email", "Value": "new@example.com"}],
    )

    attributes = attributes_of(
        cognito.admin_get_user(UserPoolId=pool_id, Username="mover"), "UserAttributes"
    )
    assert (attributes["email"], attributes["email_verified"]) == ("new@example.com", "false")


def test_changing_email_with_verified_flag_keeps_it_verified(cognito: Any, pool_id: str) -> None:
    create(cognito, pool_id, "mover", UserAttributes=verified_email("old@example.com"))

    cognito.admin_update_user_attributes(
        UserPoolId=pool_id, Username="mover", UserAttributes=verified_email("new@example.com")
    )

    attributes = attributes_of(
        cognito.admin_get_user(UserPoolId=pool_id, Username="mover"), "UserAttributes"
    )
    assert (attributes["email"], attributes["email_verified"]) == ("new@example.com", "true")


def test_pool_keeping_verified_email_holds_the_new_one_back(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(
        AutoVerifiedAttributes=["email"],
        UserAttributeUpdateSettings={"AttributesRequireVerificationBeforeUpdate": ["email"]},
    )
    create(cognito, pool["Id"], "keeper", UserAttributes=verified_email("old@example.com"))

    cognito.admin_update_user_attributes(
        UserPoolId=pool["Id"],
        Username="keeper",
        UserAttributes=[{"Name": "email", "Value": "new@example.com"}],
    )

    attributes = attributes_of(
        cognito.admin_get_user(UserPoolId=pool["Id"], Username="keeper"), "UserAttributes"
    )
    assert (attributes["email"], attributes["email_verified"]) == ("old@example.com", "true")


def test_updating_an_immutable_attribute_raises_invalid_parameter(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(Schema=[{"Name": "tenant", "AttributeDataType": "String", "Mutable": False}])
    create(cognito, pool["Id"], "fixed", UserAttributes=[{"Name": "custom:tenant", "Value": "a"}])

    with pytest.raises(ClientError) as excinfo:
        cognito.admin_update_user_attributes(
            UserPoolId=pool["Id"],
            Username="fixed",
            UserAttributes=[{"Name": "custom:tenant", "Value": "b"}],
        )

    code, message = error_of(excinfo)
    assert code == "InvalidParameterException"
    assert "custom:tenant: Attribute cannot be updated." in message


def test_admin_delete_user_attributes_removes_them(cognito: Any, pool_id: str) -> None:
    create(
        cognito,
        pool_id,
        "trim",
        UserAttributes=[
            {"Name": "given_name", "Value": "Tim"},
            {"Name": "family_name", "Value": "Rim"},
        ],
    )

    cognito.admin_delete_user_attributes(
        UserPoolId=pool_id, Username="trim", UserAttributeNames=["given_name"]
    )

    attributes = attributes_of(
        cognito.admin_get_user(UserPoolId=pool_id, Username="trim"), "UserAttributes"
    )
    assert "given_name" not in attributes
    assert attributes["family_name"] == "Rim"


def test_admin_update_user_attributes_of_unknown_user_raises_user_not_found(
    cognito: Any, pool_id: str
) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.admin_update_user_attributes(
            UserPoolId=pool_id,
            Username="ghost",
            UserAttributes=[{"Name": "name", "Value": "x"}],
        )

    assert error_of(excinfo) == ("UserNotFoundException", "User does not exist.")


def test_changing_email_to_another_users_in_email_username_pool_raises_alias_exists(
    cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(UsernameAttributes=["email"])
    create(cognito, pool["Id"], "one@example.com")
    create(cognito, pool["Id"], "two@example.com")

    with pytest.raises(ClientError) as excinfo:
        cognito.admin_update_user_attributes(
            UserPoolId=pool["Id"], Username="two@example.com",
            UserAttributes=[{"Name": "email", "Value": "one@example.com"}],
        )

    assert error_of(excinfo) == (
        "AliasExistsException", "An account with the given email already exists."
    )
