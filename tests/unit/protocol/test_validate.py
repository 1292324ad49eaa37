"""Request validation against the botocore model: AWS's violation texts and type errors."""

from __future__ import annotations

from typing import Any

import pytest

from cognigate.protocol.spec import ServiceSpec
from cognigate.protocol.validate import TypeMismatch, validate_input, validation_message

SPEC = ServiceSpec("cognito-idp")


def _errors(operation: str, params: Any) -> list[str]:
    return validate_input(SPEC.operation(operation).input_shape, params)


def test_valid_request_has_no_violations() -> None:
    assert _errors("CreateUserPool", {"PoolName": "pool", "MfaConfiguration": "OFF"}) == []


def test_missing_required_member_is_reported_as_null() -> None:
    assert _errors("AdminGetUser", {"Username": "jane"}) == [
        "Value null at 'userPoolId' failed to satisfy constraint: Member must not be null"
    ]


def test_explicit_null_counts_as_missing() -> None:
    errors = _errors("AdminGetUser", {"UserPoolId": None, "Username": "jane"})
    assert errors == [
        "Value null at 'userPoolId' failed to satisfy constraint: Member must not be null"
    ]


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        (0, "Member must have value greater than or equal to 1"),
        (61, "Member must have value less than or equal to 60"),
    ],
)
def test_integer_out_of_range_is_reported(value: int, rule: str) -> None:
    assert _errors("ListUserPools", {"MaxResults": value}) == [
        f"Value '{value}' at 'maxResults' failed to satisfy constraint: {rule}"
    ]


def test_list_member_path_uses_one_based_member_index() -> None:
    errors = _errors(
        "AdminCreateUser",
        {
            "UserPoolId": "us-east-1_abc",
            "Username": "jane",
            "UserAttributes": [{"Name": "email", "Value": "a"}, {"Name": "x" * 33, "Value": "b"}],
        },
    )
    assert errors == [
        f"Value '{'x' * 33}' at 'userAttributes.2.member.name' failed to satisfy constraint: "
        "Member must have length less than or equal to 32"
    ]


def test_sensitive_value_is_not_echoed() -> None:
    errors = _errors(
        "AdminCreateUser",
        {"UserPoolId": "us-east-1_abc", "Username": "jane", "TemporaryPassword": " leading space"},
    )
    assert errors == [
        "Value at 'temporaryPassword' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$"
    ]


def test_list_value_is_rendered_in_brackets() -> None:
    errors = _errors("CreateUserPool", {"PoolName": "p", "AliasAttributes": ["email", "nickname"]})
    assert len(errors) == 1
    assert errors[0].startswith("Value 'nickname' at 'aliasAttributes.2.member'")


def test_unknown_members_are_ignored() -> None:
    assert _errors("CreateUserPool", {"PoolName": "p", "NotInTheModel": {"x": 1}}) == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"PoolName": 5}, "NUMBER_VALUE can not be converted to a String"),
        (
            {"PoolName": "p", "Policies": {"PasswordPolicy": {"MinimumLength": "8"}}},
            "STRING_VALUE can not be converted to an Integer",
        ),
        (
            {"PoolName": "p", "Policies": {"PasswordPolicy": {"RequireNumbers": "true"}}},
            "STRING_VALUE can not be converted to a Boolean",
        ),
        ({"PoolName": "p", "AliasAttributes": "email"}, "Expected start of list"),
        ({"PoolName": "p", "UserPoolTags": ["a"]}, "Start of list found where not expected"),
        ({"PoolName": {"a": 1}}, "Start of structure or map found where not expected."),
        ({"PoolName": "p", "Policies": True}, "Expected start of structure or map"),
    ],
    ids=[
        "number-for-string",
        "string-for-int",
        "string-for-bool",
        "string-for-list",
        "list-for-map",
        "object-for-string",
        "bool-for-structure",
    ],
)
def test_wrong_json_type_raises_type_mismatch(params: dict[str, Any], message: str) -> None:
    with pytest.raises(TypeMismatch) as excinfo:
        _errors("CreateUserPool", params)
    assert excinfo.value.message == message


@pytest.mark.parametrize("body", [[], "text", 3, None])
def test_request_that_is_not_an_object_raises_type_mismatch(body: Any) -> None:
    with pytest.raises(TypeMismatch):
        _errors("CreateUserPool", body)


def test_fractional_number_for_an_integer_raises_type_mismatch() -> None:
    with pytest.raises(TypeMismatch):
        _errors("ListUserPools", {"MaxResults": 1.5})


def test_validation_message_counts_in_singular_and_plural() -> None:
    assert validation_message(["a"]) == "1 validation error detected: a"
    assert validation_message(["a", "b"]) == "2 validation errors detected: a; b"
