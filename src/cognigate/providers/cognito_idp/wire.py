"""Small conversions shared by the cognito-idp handlers (wire casing lives here)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from cognigate.protocol.http import Wire


def attributes_out(pairs: Iterable[tuple[str, str]]) -> list[Wire]:
    """``[("email", "a@b")]`` -> ``[{"Name": "email", "Value": "a@b"}]``."""
    return [{"Name": name, "Value": value} for name, value in pairs]


def attributes_in(items: Iterable[Mapping[str, Any]] | None) -> list[tuple[str, str]]:
    """``[{"Name": "email", "Value": "a@b"}]`` -> ``[("email", "a@b")]``."""
    return [(str(item["Name"]), str(item.get("Value", ""))) for item in items or ()]


def drop_none(values: Mapping[str, Any]) -> Wire:
    """The wire dict without members whose value is ``None``."""
    return {key: value for key, value in values.items() if value is not None}


def optional_tuple(value: Any) -> tuple[str, ...] | None:
    return tuple(value) if value is not None else None
