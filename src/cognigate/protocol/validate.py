"""Validates request members against a botocore input shape, as AWS's front end does.

Constraint failures are collected into AWS's ``N validation error(s) detected: ...`` text;
a value of the wrong JSON type is a ``SerializationException``, as AWS's JSON deserializer
reports it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import regex
from botocore.model import ListShape, MapShape, Shape, StructureShape

_MAX_REPORTED = 10


@dataclass(frozen=True, slots=True)
class TypeMismatch(Exception):
    """A member whose JSON type does not match the shape (AWS ``SerializationException``)."""

    message: str


@functools.lru_cache(maxsize=512)
def _compiled(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern, regex.DOTALL)


def _camel(name: str) -> str:
    return name[:1].lower() + name[1:]


def _render(value: Any, shape: Shape) -> str:
    if shape.metadata.get("sensitive"):
        return "Value"
    if value is None:
        return "Value null"
    if isinstance(value, bool):
        return f"Value '{str(value).lower()}'"
    if isinstance(value, list):
        return "Value '[" + ", ".join(str(v) for v in value) + "]'"
    return f"Value '{value}'"


class Validator:
    """Walks one request against its input shape, collecting violations."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def _fail(self, value: Any, shape: Shape, path: str, rule: str) -> None:
        self.errors.append(
            f"{_render(value, shape)} at '{path}' failed to satisfy constraint: {rule}"
        )

    def structure(self, shape: StructureShape, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise TypeMismatch(_type_message(value, "structure"))
        for name in shape.required_members:
            if value.get(name) is None:
                member_path = f"{path}.{_camel(name)}" if path else _camel(name)
                self._fail(None, shape.members[name], member_path, "Member must not be null")
        for name, member_shape in shape.members.items():
            if name in value and value[name] is not None:
                member_path = f"{path}.{_camel(name)}" if path else _camel(name)
                self.value(member_shape, value[name], member_path)

    def value(self, shape: Shape, value: Any, path: str) -> None:
        kind = shape.type_name
        if kind == "structure":
            assert isinstance(shape, StructureShape)  # noqa: S101 - botocore typing only
            self.structure(shape, value, path)
        elif kind == "list":
            self._list(shape, value, path)
        elif kind == "map":
            self._map(shape, value, path)
        elif kind == "string":
            self._string(shape, value, path)
        elif kind in ("integer", "long", "double", "float"):
            self._number(shape, value, path, kind)
        else:
            _check_scalar(kind, value)

    def _length(self, shape: Shape, value: Any, size: int, path: str) -> None:
        low = shape.metadata.get("min")
        high = shape.metadata.get("max")
        if low is not None and size < low:
            self._fail(
                value, shape, path, f"Member must have length greater than or equal to {low}"
            )
        if high is not None and size > high:
            self._fail(value, shape, path, f"Member must have length less than or equal to {high}")

    def _list(self, shape: Shape, value: Any, path: str) -> None:
        if not isinstance(value, list):
            raise TypeMismatch(_type_message(value, "list"))
        self._length(shape, value, len(value), path)
        assert isinstance(shape, ListShape)  # noqa: S101 - botocore typing only
        for index, item in enumerate(value, start=1):
            item_path = f"{path}.{index}.member"
            if item is None:
                continue
            self.value(shape.member, item, item_path)

    def _map(self, shape: Shape, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise TypeMismatch(_type_message(value, "map"))
        self._length(shape, value, len(value), path)
        assert isinstance(shape, MapShape)  # noqa: S101 - botocore typing only
        for key, item in value.items():
            self.value(shape.key, key, f"{path}.key")
            if item is not None:
                self.value(shape.value, item, f"{path}.value")

    def _string(self, shape: Shape, value: Any, path: str) -> None:
        if not isinstance(value, str):
            raise TypeMismatch(_type_message(value, "string"))
        enum = shape.enum
        if enum and value not in enum:
            allowed = ", ".join(enum)
            self._fail(value, shape, path, f"Member must satisfy enum value set: [{allowed}]")
            return
        self._length(shape, value, len(value), path)
        pattern = shape.metadata.get("pattern")
        if pattern and not _compiled(pattern).fullmatch(value):
            self._fail(
                value, shape, path, f"Member must satisfy regular expression pattern: {pattern}"
            )

    def _number(self, shape: Shape, value: Any, path: str, kind: str) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeMismatch(_type_message(value, kind))
        if kind in ("integer", "long") and isinstance(value, float) and not value.is_integer():
            raise TypeMismatch(_type_message(value, kind))
        low = shape.metadata.get("min")
        high = shape.metadata.get("max")
        if low is not None and value < low:
            self._fail(value, shape, path, f"Member must have value greater than or equal to {low}")
        if high is not None and value > high:
            self._fail(value, shape, path, f"Member must have value less than or equal to {high}")


def _check_scalar(kind: str, value: Any) -> None:
    if kind == "boolean" and not isinstance(value, bool):
        raise TypeMismatch(_type_message(value, "boolean"))
    if kind == "timestamp" and (
        isinstance(value, bool) or not isinstance(value, int | float | str)
    ):
        raise TypeMismatch(_type_message(value, "timestamp"))
    if kind == "blob" and not isinstance(value, str):
        raise TypeMismatch(_type_message(value, "blob"))


_JAVA_TYPES = {
    "string": "String",
    "integer": "Integer",
    "long": "Long",
    "double": "Double",
    "float": "Float",
    "boolean": "Boolean",
    "timestamp": "Date",
    "blob": "ByteBuffer",
}


def _type_message(value: Any, expected: str) -> str:
    if isinstance(value, dict):
        return "Start of structure or map found where not expected."
    if isinstance(value, list):
        return "Start of list found where not expected"
    if expected in ("structure", "map"):
        return "Expected start of structure or map"
    if expected == "list":
        return "Expected start of list"
    token = (
        "VALUE_TRUE"
        if value is True
        else "VALUE_FALSE"
        if value is False
        else "STRING_VALUE"
        if isinstance(value, str)
        else "NUMBER_VALUE"
    )
    return f"{token} can not be converted to {_article(_JAVA_TYPES.get(expected, expected))}"


def _article(word: str) -> str:
    return f"an {word}" if word[:1] in "AEIOU" else f"a {word}"


def validation_message(errors: list[str]) -> str:
    """AWS's summary text for a list of constraint violations."""
    shown = errors[:_MAX_REPORTED]
    count = len(errors)
    noun = "validation error" if count == 1 else "validation errors"
    return f"{count} {noun} detected: " + "; ".join(shown)


def validate_input(shape: StructureShape | None, params: Any) -> list[str]:
    """Return AWS-style violation texts for ``params``; raise :class:`TypeMismatch` on types."""
    if shape is None:
        return []
    validator = Validator()
    validator.structure(shape, params, "")
    return validator.errors
