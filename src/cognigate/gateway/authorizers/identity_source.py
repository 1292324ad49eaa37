"""Reading an authorizer's identity source (``method.request.header.X``, ``context.X``, ...)."""

from __future__ import annotations

from cognigate.gateway.context import Invocation
from cognigate.gateway.parameters import evaluate


def sources(identity_source: str | None) -> list[str]:
    """The comma-separated expressions of ``identitySource``."""
    return [part.strip() for part in (identity_source or "").split(",") if part.strip()]


def values(inv: Invocation, identity_source: str | None) -> list[str | None]:
    """The value of each identity-source expression, ``None`` where missing."""
    found: list[str | None] = []
    for expression in sources(identity_source):
        value = evaluate(expression, inv)
        found.append(value if value else None)
    return found


def header_name(identity_source: str | None) -> str | None:
    """``auth-token`` for ``method.request.header.auth-token``."""
    prefix = "method.request.header."
    for expression in sources(identity_source):
        if expression.startswith(prefix):
            return expression[len(prefix) :]
    return None
