"""The ID token's ``cognito:roles`` and ``cognito:preferred_role`` from a user's groups.

Precedence rules: CreateGroup ``Precedence``
(https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateGroup.html).
"""

from __future__ import annotations

from collections.abc import Sequence

from cognigate.identity.model import Group

#: a group without a Precedence ranks after every group with one
_UNRANKED = 2**31


def _rank(group: Group) -> int:
    return group.precedence if group.precedence is not None else _UNRANKED


def iam_roles(groups: Sequence[Group]) -> tuple[str, ...]:
    """Every distinct RoleArn of the groups, highest precedence first."""
    ranked = sorted((g for g in groups if g.role_arn), key=_rank)
    return tuple(dict.fromkeys(str(g.role_arn) for g in ranked))


def preferred_role(groups: Sequence[Group]) -> str | None:
    """The RoleArn of the highest-precedence (lowest ``Precedence``) group that has one.

    Groups of equal precedence do not outrank each other: when the best-ranked groups with a
    role disagree on it, there is no preferred role; when they share it, that role is it.
    """
    with_role = [g for g in groups if g.role_arn]
    if not with_role:
        return None
    best = min(_rank(g) for g in with_role)
    roles = {g.role_arn for g in with_role if _rank(g) == best}
    return roles.pop() if len(roles) == 1 else None
