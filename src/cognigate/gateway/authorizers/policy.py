"""Evaluating a Lambda authorizer's IAM policy against the method ARN (``*`` and ``?`` wildcards).

https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Mapping

INVOKE_ACTION = "execute-api:Invoke"


class Decision(enum.Enum):
    ALLOW = "Allow"
    DENY = "Deny"
    NO_MATCH = "NoMatch"


@functools.lru_cache(maxsize=1024)
def _pattern(wildcard: str) -> re.Pattern[str]:
    parts = (".*" if c == "*" else "." if c == "?" else re.escape(c) for c in wildcard)
    return re.compile("".join(parts), re.DOTALL)


def matches(wildcard: str, value: str) -> bool:
    """Whether ``value`` fits ``wildcard`` (``*`` any run, ``?`` one character)."""
    return _pattern(wildcard).fullmatch(value) is not None


def _listed(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _statements(policy: Mapping[str, object]) -> list[Mapping[str, object]]:
    found = policy.get("Statement")
    if isinstance(found, Mapping):
        return [found]
    if isinstance(found, list):
        return [s for s in found if isinstance(s, Mapping)]
    return []


def _applies(statement: Mapping[str, object], method_arn: str) -> bool:
    actions = _listed(statement.get("Action"))
    resources = _listed(statement.get("Resource"))
    return any(matches(a, INVOKE_ACTION) for a in actions) and any(
        matches(r, method_arn) for r in resources
    )


def evaluate(policy: Mapping[str, object], method_arn: str) -> Decision:
    """An explicit Deny wins; otherwise a matching Allow; otherwise no match."""
    allowed = False
    for statement in _statements(policy):
        if not _applies(statement, method_arn):
            continue
        effect = str(statement.get("Effect", "")).lower()
        if effect == "deny":
            return Decision.DENY
        if effect == "allow":
            allowed = True
    return Decision.ALLOW if allowed else Decision.NO_MATCH
