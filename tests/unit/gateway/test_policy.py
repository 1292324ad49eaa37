"""Lambda authorizer policies against method ARNs: explicit Deny wins, wildcards, lists."""

from __future__ import annotations

import pytest

from cognigate.gateway.authorizers.policy import Decision, evaluate, matches

ARN = "arn:aws:execute-api:us-east-1:000000000000:abc123/dev/GET/pets/42"


def _policy(*statements: dict[str, object]) -> dict[str, object]:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def _statement(
    effect: str, resource: object, action: object = "execute-api:Invoke"
) -> dict[str, object]:
    return {"Effect": effect, "Action": action, "Resource": resource}


@pytest.mark.parametrize(
    "resource",
    [ARN, "*", "arn:aws:execute-api:us-east-1:000000000000:abc123/*", "arn:*:abc123/dev/GET/pets/*",
     "arn:aws:execute-api:us-east-1:000000000000:abc123/de?/GET/pets/42", ["nope", ARN]],
)  # fmt: skip
def test_allow_matching_the_method_arn_allows(resource: object) -> None:
    assert evaluate(_policy(_statement("Allow", resource)), ARN) is Decision.ALLOW


def test_explicit_deny_wins_over_allow() -> None:
    policy = _policy(_statement("Allow", "*"), _statement("Deny", f"{ARN[:-2]}*"))

    assert evaluate(policy, ARN) is Decision.DENY


def test_allow_for_another_method_does_not_match() -> None:
    policy = _policy(_statement("Allow", ARN.replace("/GET/", "/POST/")))

    assert evaluate(policy, ARN) is Decision.NO_MATCH


def test_other_actions_do_not_apply() -> None:
    policy = _policy(_statement("Allow", "*", action="s3:GetObject"))

    assert evaluate(policy, ARN) is Decision.NO_MATCH


def test_single_statement_object_and_wildcard_action_are_accepted() -> None:
    policy = {"Statement": _statement("Allow", ARN, action="execute-api:*")}

    assert evaluate(policy, ARN) is Decision.ALLOW


def test_wildcards_escape_regex_characters() -> None:
    assert matches("a.b*", "a.bcd")
    assert not matches("a.b*", "axbcd")
