"""Maps and lists that print as Java's ``toString`` does (``{path={}, header={a=b}}``).

API Gateway's templates run on the JVM, so an object rendered whole prints in Java's format.
"""

from __future__ import annotations


def java_text(value: object) -> str:
    """``value`` as Java's ``String.valueOf`` would print it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={java_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(java_text(v) for v in value) + "]"
    return str(value)


class JavaMap(dict[str, object]):
    """A dict printing as ``java.util.Map.toString``."""

    def __str__(self) -> str:
        return java_text(self)
