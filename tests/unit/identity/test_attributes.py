"""Attribute rules: schema checks, merging, aliases, email/phone changes and ListUsers filters."""

from __future__ import annotations

import re
from typing import Any

import pytest

from cognigate.identity import attributes as attrs
from cognigate.identity.errors import InvalidParameterException
from cognigate.identity.model import PoolConfig, SchemaAttribute, User, UserPool, UserStatus
from cognigate.identity.ports import UserFilter
from cognigate.identity.schema import build_schema


def pool(**config: Any) -> UserPool:
    config.setdefault("schema", build_schema(()))
    return UserPool(
        id="us-east-1_Abc123xyz", name="p", arn="arn", created=0.0, modified=0.0,
        config=PoolConfig(**config),
    )


def user(*pairs: tuple[str, str]) -> User:
    return User(
        pool_id="us-east-1_Abc123xyz", username="u", sub="s", status=UserStatus.CONFIRMED,
        enabled=True, created=0.0, modified=0.0, attributes=(("sub", "s"), *pairs),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('email = "a@b.c"', UserFilter("email", "a@b.c", prefix=False)),
        ('given_name ^= "An"', UserFilter("given_name", "An", prefix=True)),
        ('name="Say \\"hi\\""', UserFilter("name", 'Say "hi"', prefix=False)),
        (
            'cognito:user_status = "confirmed"',
            UserFilter("cognito:user_status", "CONFIRMED", prefix=False),
        ),
        ("", None),
        (None, None),
    ],
)
def test_parse_filter_reads_aws_filter_expressions(
    text: str | None, expected: UserFilter | None
) -> None:
    assert attrs.parse_filter(text) == expected


@pytest.mark.parametrize("text", ["email", 'email = a', 'email == "a"', 'custom:x = "1"'])
def test_parse_filter_rejects_what_aws_cannot_parse(text: str) -> None:
    with pytest.raises(InvalidParameterException, match=re.escape("Error while parsing filter.")):
        attrs.parse_filter(text)


def test_check_attributes_lower_cases_booleans() -> None:
    checked = attrs.check_attributes(pool(), [("email_verified", "True")], creating=True)

    assert checked == (("email_verified", "true"),)


def test_check_attributes_lists_every_unknown_attribute() -> None:
    with pytest.raises(InvalidParameterException) as excinfo:
        attrs.check_attributes(pool(), [("shoe", "9"), ("hat", "L")], creating=True)

    assert excinfo.value.message == (
        "Attributes did not conform to the schema: shoe: Attribute does not exist in the "
        "schema.\nhat: Attribute does not exist in the schema.\n"
    )


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        (("email", "not-an-email"), "Invalid email address format."),
        (("phone_number", "555-1234"), "Invalid phone number format."),
        (
            ("email_verified", "yes"),
            "email_verified: Attribute value must be either true or false.",
        ),
        (("sub", "x"), "sub: Attribute cannot be updated."),
        (("birthdate", "1999-1-1"), "birthdate: String must be at least 10 characters."),
    ],
)
def test_check_attributes_rejects_bad_values(pair: tuple[str, str], message: str) -> None:
    with pytest.raises(InvalidParameterException, match=re.escape(message)):
        attrs.check_attributes(pool(), [pair], creating=True)


def test_immutable_attribute_may_be_set_only_at_creation() -> None:
    schema = build_schema([SchemaAttribute(name="tenant", mutable=False)])
    given = [("custom:tenant", "a")]

    assert attrs.check_attributes(pool(schema=schema), given, creating=True) == tuple(given)
    with pytest.raises(InvalidParameterException, match=re.escape("Attribute cannot be updated.")):
        attrs.check_attributes(pool(schema=schema), given, creating=False)


def test_required_attribute_cannot_be_deleted() -> None:
    schema = build_schema([SchemaAttribute(name="email", required=True)])

    expected = re.escape("email: The attribute is required")
    with pytest.raises(InvalidParameterException, match=expected):
        attrs.check_deletable(pool(schema=schema), ["email"])


def test_merge_replaces_in_place_and_appends_new_ones() -> None:
    merged = attrs.merge((("sub", "s"), ("name", "a")), [("email", "e@x.io"), ("name", "b")])

    assert merged == (("sub", "s"), ("name", "b"), ("email", "e@x.io"))


def test_alias_attributes_count_email_only_when_verified() -> None:
    aliases = attrs.alias_keys(
        pool(alias_attributes=("email", "preferred_username")),
        {"email": "a@b.co", "email_verified": "false", "preferred_username": "Al"},
    )

    assert aliases == {"preferred_username": "Al"}


def test_username_attributes_always_count_and_follow_the_case_rule() -> None:
    aliases = attrs.alias_keys(
        pool(username_attributes=("email",), case_sensitive=False), {"email": "A@B.co"}
    )

    assert aliases == {"email": "a@b.co"}


def test_changed_email_becomes_unverified() -> None:
    changes = {"email": "new@x.io"}

    pending = attrs.split_pending(pool(), user(("email", "old@x.io")), changes)

    assert changes == {"email": "new@x.io", "email_verified": "false"}
    assert pending == {}


def test_changed_email_in_auto_verified_pool_awaits_a_code() -> None:
    changes = {"email": "new@x.io"}

    pending = attrs.split_pending(pool(auto_verified_attributes=("email",)), user(), changes)

    assert pending == {"email": "new@x.io"}
    assert changes["email"] == "new@x.io"


def test_pool_keeping_verified_values_holds_the_new_email_back() -> None:
    keeping = pool(
        auto_verified_attributes=("email",),
        extras={"UserAttributeUpdateSettings": {
            "AttributesRequireVerificationBeforeUpdate": ["email"]
        }},
    )
    changes = {"email": "new@x.io"}

    pending = attrs.split_pending(
        keeping, user(("email", "old@x.io"), ("email_verified", "true")), changes
    )

    assert changes == {}
    assert pending == {"email": "new@x.io"}
