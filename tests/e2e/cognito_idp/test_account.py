"""Access-token operations (GetUser, UpdateUserAttributes, ChangePassword, ...), attribute
verification, GlobalSignOut, AdminUserGlobalSignOut and RevokeToken against the real server."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.e2e.cognito_idp.conftest import PoolFactory, error_of
from tests.e2e.cognito_idp.self_service import (
    PASSWORD,
    confirmed_user,
    latest_code,
    make_client,
    sign_in,
    wrong_code,
)
from tests.support import Server

NEW_PASSWORD = "Changed-Passw0rd!"


@pytest.fixture
def pool_id(make_pool: PoolFactory) -> str:
    return str(make_pool(AutoVerifiedAttributes=["email"])["Id"])


@pytest.fixture
def client_id(cognito: Any, pool_id: str) -> str:
    return str(make_client(cognito, pool_id)["ClientId"])


@pytest.fixture
def username(server: Server, cognito: Any, pool_id: str, client_id: str) -> str:
    return confirmed_user(cognito, server, pool_id, client_id)


@pytest.fixture
def tokens(cognito: Any, client_id: str, username: str) -> dict[str, Any]:
    return sign_in(cognito, client_id, username)


def attributes(response: dict[str, Any]) -> dict[str, str]:
    return {a["Name"]: a["Value"] for a in response["UserAttributes"]}


def refresh(cognito: Any, client_id: str, refresh_token: str) -> dict[str, Any]:
    result: dict[str, Any] = cognito.initiate_auth(
        ClientId=client_id,
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": refresh_token},
    )
    return result


def test_get_user_returns_the_caller(cognito: Any, username: str, tokens: dict[str, Any]) -> None:
    user = cognito.get_user(AccessToken=tokens["AccessToken"])

    assert user["Username"] == username
    assert attributes(user)["email"] == f"{username}@example.com"
    assert attributes(user)["email_verified"] == "true"


def test_get_user_with_a_garbage_token_is_not_authorized(cognito: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.get_user(AccessToken="not-a-token")

    assert error_of(excinfo) == ("NotAuthorizedException", "Invalid Access Token")


def test_get_user_shows_only_the_client_readable_attributes(
    cognito: Any, pool_id: str, username: str
) -> None:
    narrow = make_client(cognito, pool_id, ReadAttributes=["name"])["ClientId"]
    cognito.admin_update_user_attributes(
        UserPoolId=pool_id, Username=username, UserAttributes=[{"Name": "name", "Value": "Ann"}]
    )
    token = sign_in(cognito, narrow, username)["AccessToken"]

    user = cognito.get_user(AccessToken=token)

    assert set(attributes(user)) == {"sub", "name"}


def test_update_user_attributes_changes_plain_attributes(
    cognito: Any, tokens: dict[str, Any]
) -> None:
    result = cognito.update_user_attributes(
        AccessToken=tokens["AccessToken"], UserAttributes=[{"Name": "name", "Value": "Kai"}]
    )

    assert "CodeDeliveryDetailsList" not in result
    assert attributes(cognito.get_user(AccessToken=tokens["AccessToken"]))["name"] == "Kai"


def test_new_email_is_unverified_until_the_code_is_given(
    server: Server, cognito: Any, pool_id: str, username: str, tokens: dict[str, Any]
) -> None:
    token = tokens["AccessToken"]

    result = cognito.update_user_attributes(
        AccessToken=token, UserAttributes=[{"Name": "email", "Value": "new@example.org"}]
    )
    unverified = attributes(cognito.get_user(AccessToken=token))
    code = latest_code(server, pool_id, username, kind="attribute_verification")
    cognito.verify_user_attribute(AccessToken=token, AttributeName="email", Code=code)

    assert result["CodeDeliveryDetailsList"] == [
        {"Destination": "n***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}
    ]
    assert (unverified["email"], unverified["email_verified"]) == ("new@example.org", "false")
    verified = attributes(cognito.get_user(AccessToken=token))
    assert (verified["email"], verified["email_verified"]) == ("new@example.org", "true")


def test_kept_email_changes_only_after_verification(
    server: Server, cognito: Any, make_pool: PoolFactory
) -> None:
    pool_id = make_pool(
        AutoVerifiedAttributes=["email"],
        UserAttributeUpdateSettings={"AttributesRequireVerificationBeforeUpdate": ["email"]},
    )["Id"]
    client_id = make_client(cognito, pool_id)["ClientId"]
    username = confirmed_user(cognito, server, pool_id, client_id)
    token = sign_in(cognito, client_id, username)["AccessToken"]

    cognito.update_user_attributes(
        AccessToken=token, UserAttributes=[{"Name": "email", "Value": "next@example.org"}]
    )
    before = attributes(cognito.get_user(AccessToken=token))
    code = latest_code(server, pool_id, username, kind="attribute_verification")
    cognito.verify_user_attribute(AccessToken=token, AttributeName="email", Code=code)

    assert before["email"] == f"{username}@example.com"
    assert attributes(cognito.get_user(AccessToken=token))["email"] == "next@example.org"


def test_verify_user_attribute_with_a_wrong_code_raises_code_mismatch(
    server: Server, cognito: Any, pool_id: str, username: str, tokens: dict[str, Any]
) -> None:
    token = tokens["AccessToken"]
    cognito.get_user_attribute_verification_code(AccessToken=token, AttributeName="email")
    code = latest_code(server, pool_id, username, kind="attribute_verification")

    with pytest.raises(ClientError) as excinfo:
        cognito.verify_user_attribute(
            AccessToken=token, AttributeName="email", Code=wrong_code(code)
        )

    assert error_of(excinfo) == (
        "CodeMismatchException",
        "Invalid verification code provided, please try again.",
    )


def test_attribute_verification_code_verifies_an_admin_set_email(
    server: Server, cognito: Any, pool_id: str, username: str, tokens: dict[str, Any]
) -> None:
    token = tokens["AccessToken"]
    cognito.admin_update_user_attributes(
        UserPoolId=pool_id,
        Username=username,
        UserAttributes=[{"Name": "email_verified", "Value": "false"}],
    )

    details = cognito.get_user_attribute_verification_code(
        AccessToken=token, AttributeName="email"
    )["CodeDeliveryDetails"]
    code = latest_code(server, pool_id, username, kind="attribute_verification")
    cognito.verify_user_attribute(AccessToken=token, AttributeName="email", Code=code)

    assert details == {
        "Destination": f"{username[0]}***@e***",
        "DeliveryMedium": "EMAIL",
        "AttributeName": "email",
    }
    assert attributes(cognito.get_user(AccessToken=token))["email_verified"] == "true"


def test_writing_an_attribute_the_client_may_not_write_is_refused(
    cognito: Any, pool_id: str, username: str
) -> None:
    narrow = make_client(cognito, pool_id, WriteAttributes=["name"])["ClientId"]
    token = sign_in(cognito, narrow, username)["AccessToken"]

    with pytest.raises(ClientError) as excinfo:
        cognito.update_user_attributes(
            AccessToken=token, UserAttributes=[{"Name": "nickname", "Value": "x"}]
        )

    assert error_of(excinfo) == (
        "NotAuthorizedException",
        "A client attempted to write unauthorized attribute",
    )


def test_users_cannot_mark_their_own_email_verified(cognito: Any, tokens: dict[str, Any]) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.update_user_attributes(
            AccessToken=tokens["AccessToken"],
            UserAttributes=[{"Name": "email_verified", "Value": "true"}],
        )

    assert error_of(excinfo)[0] == "NotAuthorizedException"


def test_delete_user_attributes_removes_them(cognito: Any, tokens: dict[str, Any]) -> None:
    token = tokens["AccessToken"]
    cognito.update_user_attributes(
        AccessToken=token, UserAttributes=[{"Name": "nickname", "Value": "nick"}]
    )

    cognito.delete_user_attributes(AccessToken=token, UserAttributeNames=["nickname"])

    assert "nickname" not in attributes(cognito.get_user(AccessToken=token))


def test_delete_user_removes_the_account(
    cognito: Any, pool_id: str, username: str, tokens: dict[str, Any]
) -> None:
    cognito.delete_user(AccessToken=tokens["AccessToken"])

    with pytest.raises(ClientError) as excinfo:
        cognito.admin_get_user(UserPoolId=pool_id, Username=username)
    assert error_of(excinfo)[0] == "UserNotFoundException"
    with pytest.raises(ClientError):
        cognito.get_user(AccessToken=tokens["AccessToken"])


def test_change_password_replaces_the_password(
    cognito: Any, client_id: str, username: str, tokens: dict[str, Any]
) -> None:
    cognito.change_password(
        AccessToken=tokens["AccessToken"], PreviousPassword=PASSWORD, ProposedPassword=NEW_PASSWORD
    )

    assert sign_in(cognito, client_id, username, NEW_PASSWORD)["AccessToken"]
    with pytest.raises(ClientError):
        sign_in(cognito, client_id, username, PASSWORD)


def test_change_password_with_a_wrong_previous_password_is_not_authorized(
    cognito: Any, tokens: dict[str, Any]
) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.change_password(
            AccessToken=tokens["AccessToken"],
            PreviousPassword="Wrong-Passw0rd!",
            ProposedPassword=NEW_PASSWORD,
        )

    assert error_of(excinfo) == ("NotAuthorizedException", "Incorrect username or password.")


def test_repeated_wrong_previous_passwords_raise_limit_exceeded(
    cognito: Any, tokens: dict[str, Any]
) -> None:
    for _ in range(5):
        with pytest.raises(ClientError):
            cognito.change_password(
                AccessToken=tokens["AccessToken"],
                PreviousPassword="Wrong-Passw0rd!",
                ProposedPassword=NEW_PASSWORD,
            )

    with pytest.raises(ClientError) as excinfo:
        cognito.change_password(
            AccessToken=tokens["AccessToken"],
            PreviousPassword=PASSWORD,
            ProposedPassword=NEW_PASSWORD,
        )

    assert error_of(excinfo) == (
        "LimitExceededException",
        "Attempt limit exceeded, please try after some time.",
    )


def test_change_password_to_a_weak_password_is_invalid(
    cognito: Any, tokens: dict[str, Any]
) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.change_password(
            AccessToken=tokens["AccessToken"], PreviousPassword=PASSWORD, ProposedPassword="weak"
        )

    assert error_of(excinfo)[0] == "InvalidPasswordException"


def test_global_sign_out_revokes_access_and_refresh_tokens(
    cognito: Any, client_id: str, username: str, tokens: dict[str, Any]
) -> None:
    other_device = sign_in(cognito, client_id, username)

    cognito.global_sign_out(AccessToken=tokens["AccessToken"])

    for token in (tokens["AccessToken"], other_device["AccessToken"]):
        with pytest.raises(ClientError) as excinfo:
            cognito.get_user(AccessToken=token)
        assert error_of(excinfo) == ("NotAuthorizedException", "Access Token has been revoked")
    with pytest.raises(ClientError) as excinfo:
        refresh(cognito, client_id, other_device["RefreshToken"])
    assert error_of(excinfo)[0] == "NotAuthorizedException"


def test_signing_in_again_after_global_sign_out_works(
    cognito: Any, client_id: str, username: str, tokens: dict[str, Any]
) -> None:
    cognito.global_sign_out(AccessToken=tokens["AccessToken"])

    fresh = sign_in(cognito, client_id, username)

    assert cognito.get_user(AccessToken=fresh["AccessToken"])["Username"] == username
    assert refresh(cognito, client_id, fresh["RefreshToken"])["AuthenticationResult"]


def test_admin_user_global_sign_out_revokes_the_tokens(
    cognito: Any, pool_id: str, client_id: str, username: str, tokens: dict[str, Any]
) -> None:
    cognito.admin_user_global_sign_out(UserPoolId=pool_id, Username=username)

    with pytest.raises(ClientError) as excinfo:
        cognito.get_user(AccessToken=tokens["AccessToken"])
    assert error_of(excinfo) == ("NotAuthorizedException", "Access Token has been revoked")
    with pytest.raises(ClientError):
        refresh(cognito, client_id, tokens["RefreshToken"])


def test_revoke_token_ends_only_that_session(
    cognito: Any, client_id: str, username: str, tokens: dict[str, Any]
) -> None:
    other_device = sign_in(cognito, client_id, username)

    result = cognito.revoke_token(Token=tokens["RefreshToken"], ClientId=client_id)

    assert set(result) == {"ResponseMetadata"}
    with pytest.raises(ClientError) as excinfo:
        cognito.get_user(AccessToken=tokens["AccessToken"])
    assert error_of(excinfo) == ("NotAuthorizedException", "Access Token has been revoked")
    with pytest.raises(ClientError):
        refresh(cognito, client_id, tokens["RefreshToken"])
    assert cognito.get_user(AccessToken=other_device["AccessToken"])["Username"] == username


def test_revoke_token_with_an_access_token_is_an_unsupported_token_type(
    cognito: Any, client_id: str, tokens: dict[str, Any]
) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.revoke_token(Token=tokens["AccessToken"], ClientId=client_id)

    assert error_of(excinfo)[0] == "UnsupportedTokenTypeException"


def test_revoke_token_of_an_unknown_token_succeeds(cognito: Any, client_id: str) -> None:
    result = cognito.revoke_token(Token="unknown.refresh.token.value.x", ClientId=client_id)

    assert set(result) == {"ResponseMetadata"}


def test_revoke_token_is_unsupported_when_revocation_is_disabled(
    cognito: Any, pool_id: str, username: str
) -> None:
    client_id = make_client(cognito, pool_id, EnableTokenRevocation=False)["ClientId"]
    tokens = sign_in(cognito, client_id, username)

    with pytest.raises(ClientError) as excinfo:
        cognito.revoke_token(Token=tokens["RefreshToken"], ClientId=client_id)

    assert error_of(excinfo)[0] == "UnsupportedOperationException"


def test_revoke_token_with_a_wrong_client_secret_is_unauthorized(
    cognito: Any, pool_id: str
) -> None:
    client_id = make_client(cognito, pool_id, GenerateSecret=True)["ClientId"]

    with pytest.raises(ClientError) as excinfo:
        cognito.revoke_token(Token="a.b.c.d.e", ClientId=client_id, ClientSecret="w" * 40)

    assert error_of(excinfo)[0] == "UnauthorizedException"


def test_auth_events_need_threat_protection(cognito: Any, pool_id: str, username: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        cognito.admin_list_user_auth_events(UserPoolId=pool_id, Username=username)

    assert error_of(excinfo)[0] == "UserPoolAddOnNotEnabledException"


def test_auth_events_of_a_protected_pool_are_listed(
    server: Server, cognito: Any, make_pool: PoolFactory
) -> None:
    pool_id = make_pool(
        AutoVerifiedAttributes=["email"], UserPoolAddOns={"AdvancedSecurityMode": "AUDIT"}
    )["Id"]
    client_id = make_client(cognito, pool_id)["ClientId"]
    username = confirmed_user(cognito, server, pool_id, client_id)

    result = cognito.admin_list_user_auth_events(UserPoolId=pool_id, Username=username)

    assert result["AuthEvents"] == []
