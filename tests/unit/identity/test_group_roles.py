"""``cognito:roles`` and ``cognito:preferred_role`` by CreateGroup's precedence rules."""

from __future__ import annotations

import pytest

from cognigate.identity.group_roles import iam_roles, preferred_role
from cognigate.identity.model import Group

ROLE = "arn:aws:iam::123456789012:role/"


def group(name: str, precedence: int | None, role: str | None) -> Group:
    return Group("us-east-1_Abc", name, 0.0, 0.0, role_arn=ROLE + role if role else None,
                 precedence=precedence)  # fmt: skip


def test_roles_are_listed_by_precedence_without_duplicates() -> None:
    groups = [group("z", 10, "Z"), group("n", None, "N"), group("a", 2, "A"), group("b", 3, "A")]

    assert iam_roles(groups) == (ROLE + "A", ROLE + "Z", ROLE + "N")


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        ([group("z", 10, "Z"), group("a", 2, "A")], "A"),
        ([group("top", 0, None), group("a", 2, "A")], "A"),
        ([group("n", None, "N"), group("a", 7, "A")], "A"),
        ([group("n", None, "N")], "N"),
        ([group("a", 1, "A"), group("b", 1, "B"), group("c", 5, "C")], None),
        ([group("a", 1, "S"), group("b", 1, "S")], "S"),
        ([group("m", None, "M"), group("n", None, "N")], None),
        ([group("plain", 1, None)], None),
        ([], None),
    ],
)
def test_preferred_role_follows_precedence_and_tie_rules(
    groups: list[Group], expected: str | None
) -> None:
    assert preferred_role(groups) == (ROLE + expected if expected else None)
