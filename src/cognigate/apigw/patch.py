"""API Gateway patch operations (``op``/``path``/``value``) applied to a resource document.

https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html
Each noun declares which paths it accepts with which ops; values arrive as strings and are
converted to the member's type. ``~1`` in a path segment stands for ``/``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from cognigate.apigw.codec import Doc
from cognigate.apigw.errors import BadRequestException


class Kind(StrEnum):
    """How a patch value (always a string on the wire) is stored."""

    STRING = "string"
    BOOL = "bool"
    INT = "int"
    FLOAT = "float"
    LIST_ITEM = "list-item"
    JSON_STRING = "json-string"


class Style(StrEnum):
    """The two families of error texts AWS uses for bad patch paths."""

    SHORT = "short"
    LONG = "long"


@dataclass(frozen=True, slots=True)
class PatchOp:
    op: str
    path: str | None
    value: str | None = None
    from_: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """``pattern`` is a path; a trailing ``/*`` accepts any key of a map member."""

    pattern: str
    ops: frozenset[str]
    kind: Kind = Kind.STRING
    #: the ops AWS names when it rejects one (``None``: ``ops``)
    listed: frozenset[str] | None = None

    def matches(self, path: str) -> bool:
        if self.pattern.endswith("/*"):
            head = self.pattern[:-1]
            rest = path[len(head) :]
            return path.startswith(head) and bool(rest) and "/" not in rest
        return path == self.pattern


def rule(
    pattern: str, *ops: str, kind: Kind = Kind.STRING, listed: Iterable[str] | None = None
) -> Rule:
    return Rule(
        pattern,
        frozenset(ops or ("replace",)),
        kind,
        frozenset(listed) if listed is not None else None,
    )


@dataclass(frozen=True, slots=True)
class PatchTable:
    """The patch paths one resource type accepts."""

    rules: tuple[Rule, ...]
    style: Style = Style.SHORT

    def find(self, op: PatchOp) -> Rule:
        path = op.path
        if path is None:
            raise BadRequestException("Invalid patch path null")
        for candidate in self.rules:
            if candidate.matches(path):
                if op.op not in candidate.ops:
                    raise self._bad_op(op, candidate)
                return candidate
        raise self._bad_path(op)

    def _bad_op(self, op: PatchOp, found: Rule) -> BadRequestException:
        if self.style is Style.LONG:
            return BadRequestException(
                f"Invalid patch path  '{op.path}' specified for op '{op.op}'. "
                "Please choose supported operations"
            )
        allowed = ", ".join(sorted(found.listed if found.listed is not None else found.ops))
        return BadRequestException(
            f"Invalid patch operation specified. Must be one of: [{allowed}]"
        )

    def _bad_path(self, op: PatchOp) -> BadRequestException:
        if self.style is Style.LONG:
            if op.op != "replace":
                return self._bad_op(op, Rule("", frozenset()))
            paths = ", ".join(r.pattern for r in self.rules if "replace" in r.ops)
            return BadRequestException(
                f"Invalid patch path  '{op.path}' specified for op '{op.op}'. "
                f"Must be one of: [{paths}]"
            )
        return BadRequestException(f"Invalid patch path {op.path}")


def segments(path: str) -> list[str]:
    """``/requestModels/application~1json`` -> ``['requestModels', 'application/json']``."""
    return [s.replace("~1", "/").replace("~0", "~") for s in path.split("/")[1:]]


def convert(kind: Kind, value: str | None, path: str) -> object:
    """A wire string as the member's type; AWS rejects values it cannot read."""
    if kind is Kind.BOOL:
        return (value or "").lower() == "true"
    if kind in (Kind.INT, Kind.FLOAT):
        try:
            return int(value or "") if kind is Kind.INT else float(value or "")
        except ValueError as error:
            raise BadRequestException(f"Invalid value for {path}: {value}") from error
    return value


def _set(doc: Doc, keys: Sequence[str], value: object) -> None:
    target = doc
    for key in keys[:-1]:
        child = target.get(key)
        if not isinstance(child, dict):
            child = {}
            target[key] = child
        target = child
    target[keys[-1]] = value


def _remove(doc: Doc, keys: Sequence[str]) -> None:
    target: object = doc
    for key in keys[:-1]:
        target = target.get(key) if isinstance(target, dict) else None
    if isinstance(target, dict):
        target.pop(keys[-1], None)


def _list_item(doc: Doc, key: str, op: PatchOp) -> None:
    current = doc.get(key)
    items = list(current) if isinstance(current, list) else []
    if op.op == "add" and op.value is not None and op.value not in items:
        items.append(op.value)
    elif op.op == "remove" and op.value in items:
        items.remove(op.value)
    elif op.op == "replace":
        items = [op.value] if op.value else []
    doc[key] = items or None


def apply_one(doc: Doc, op: PatchOp, found: Rule) -> None:
    """Apply one validated op to ``doc`` in place."""
    keys = segments(op.path or "")
    if found.kind is Kind.LIST_ITEM:
        _list_item(doc, keys[0], op)
    elif op.op == "remove":
        _remove(doc, keys)
    else:
        _set(doc, keys, convert(found.kind, op.value, op.path or ""))


Special = Callable[[Doc, PatchOp], bool]


def apply(
    doc: Doc, ops: Iterable[PatchOp], table: PatchTable, special: Special | None = None
) -> Doc:
    """A patched copy of ``doc``; ``special`` may claim an op first (returns ``True``)."""
    out = copy.deepcopy(doc)
    for op in ops:
        if special is not None and special(out, op):
            continue
        apply_one(out, op, table.find(op))
    return out
