"""The outbox: what Cognito would have emailed or texted, readable at /_cognigate/outbox."""

from __future__ import annotations

import secrets
from typing import Any

import httpx

from tests.e2e.cognito_idp.conftest import PoolFactory
from tests.support import Server


def outbox(server: Server, **query: str) -> list[dict[str, Any]]:
    response = httpx.get(f"{server.url}/_cognigate/outbox", params=query, timeout=10)
    response.raise_for_status()
    messages: list[dict[str, Any]] = response.json()["messages"]
    return messages


def fresh_password() -> str:
    return f"Tmp-{secrets.token_hex(6)}-9a!"


def invite(cognito: Any, pool_id: str, username: str, **extra: Any) -> str:
    password = fresh_password()
    cognito.admin_create_user(
        UserPoolId=pool_id,
        Username=username,
        TemporaryPassword=password,
        UserAttributes=[
            {"Name": "email", "Value": f"{username}@example.com"},
            {"Name": "phone_number", "Value": "+15555550100"},
        ],
        **extra,
    )
    return password


def test_invitation_goes_to_the_outbox_by_sms_by_default(
    server: Server, cognito: Any, pool_id: str
) -> None:
    password = invite(cognito, pool_id, "ann")

    messages = outbox(server, pool_id=pool_id, username="ann")

    assert len(messages) == 1
    message = messages[0]
    assert (message["kind"], message["medium"]) == ("invitation", "SMS")
    assert message["destination"] == "+15555550100"
    assert message["body"] == f"Your username is ann and temporary password is {password}."
    assert message["code"] == password


def test_invitation_uses_the_desired_mediums_and_the_pool_template(
    server: Server, cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(
        AdminCreateUserConfig={
            "InviteMessageTemplate": {
                "EmailSubject": "Welcome",
                "EmailMessage": "Hi {username}, use {####} to sign in.",
                "SMSMessage": "{username} {####}",
            }
        }
    )

    password = invite(cognito, pool["Id"], "bea", DesiredDeliveryMediums=["EMAIL", "SMS"])

    by_medium = {m["medium"]: m for m in outbox(server, pool_id=pool["Id"])}
    assert by_medium["EMAIL"]["destination"] == "bea@example.com"
    assert by_medium["EMAIL"]["subject"] == "Welcome"
    assert by_medium["EMAIL"]["body"] == f"Hi bea, use {password} to sign in."
    assert by_medium["SMS"]["body"] == f"bea {password}"


def test_suppressed_invitation_sends_nothing(server: Server, cognito: Any, pool_id: str) -> None:
    invite(cognito, pool_id, "quiet", MessageAction="SUPPRESS")

    assert outbox(server, pool_id=pool_id) == []


def test_resend_sends_a_new_temporary_password(server: Server, cognito: Any, pool_id: str) -> None:
    first = invite(cognito, pool_id, "again", DesiredDeliveryMediums=["EMAIL"])

    cognito.admin_create_user(
        UserPoolId=pool_id,
        Username="again",
        MessageAction="RESEND",
        DesiredDeliveryMediums=["EMAIL"],
    )

    newest, oldest = outbox(server, pool_id=pool_id, username="again")
    assert oldest["code"] == first
    assert newest["code"] != first
    assert newest["kind"] == "invitation"


def test_password_reset_code_goes_to_the_verified_email(
    server: Server, cognito: Any, pool_id: str
) -> None:
    cognito.admin_create_user(
        UserPoolId=pool_id,
        Username="forgetful",
        MessageAction="SUPPRESS",
        UserAttributes=[
            {"Name": "email", "Value": "forgetful@example.com"},
            {"Name": "email_verified", "Value": "true"},
        ],
    )

    cognito.admin_reset_user_password(UserPoolId=pool_id, Username="forgetful")

    (message,) = outbox(server, pool_id=pool_id, username="forgetful")
    assert (message["kind"], message["medium"]) == ("password_reset", "EMAIL")
    assert message["code"].isdigit()
    assert len(message["code"]) == 6
    assert message["body"] == f"Your verification code is {message['code']}."


def test_outbox_filters_by_pool(server: Server, cognito: Any, make_pool: PoolFactory) -> None:
    one, two = make_pool()["Id"], make_pool()["Id"]
    invite(cognito, one, "ann")
    invite(cognito, two, "ann")

    assert {m["userPoolId"] for m in outbox(server, pool_id=one)} == {one}


def test_temporary_password_is_not_stored_or_logged_in_plain_text(
    server: Server, cognito: Any, pool_id: str
) -> None:
    passwords = [
        invite(cognito, pool_id, "secretive", DesiredDeliveryMediums=["EMAIL"]),
        invite(cognito, pool_id, "suppressed", MessageAction="SUPPRESS"),
    ]

    files = [p for p in server.data_dir.rglob("*") if p.is_file()]
    assert server.log_path is not None
    files.append(server.log_path)
    contents = [path.read_bytes() for path in files]
    assert all(p.encode() not in blob for p in passwords for blob in contents)


def test_changing_email_in_auto_verified_pool_sends_a_verification_code(
    server: Server, cognito: Any, make_pool: PoolFactory
) -> None:
    pool = make_pool(AutoVerifiedAttributes=["email"])
    invite(cognito, pool["Id"], "mover", MessageAction="SUPPRESS")

    cognito.admin_update_user_attributes(
        UserPoolId=pool["Id"], Username="mover",
        UserAttributes=[{"Name": "email", "Value": "moved@example.com"}],
    )

    (message,) = outbox(server, pool_id=pool["Id"], username="mover")
    assert (message["kind"], message["medium"]) == ("attribute_verification", "EMAIL")
    assert message["destination"] == "moved@example.com"
    assert message["body"] == f"Your verification code is {message['code']}."
