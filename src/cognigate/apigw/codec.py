"""Converts the frozen domain dataclasses to and from JSON documents.

Documents use AWS's member names (``restApiId``, ``providerARNs``) because API Gateway's patch
paths (``/authorizationType``, ``/variables/NAME``) address exactly those names; storage keeps
the same documents. Map keys (headers, content types, HTTP verbs) are never renamed.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Mapping
from typing import TypeVar, Union, cast

T = TypeVar("T")

#: A JSON document as the domain passes it around (parsed JSON: dicts, lists, scalars).
Doc = dict[str, object]


def wire_name(field: dataclasses.Field[object]) -> str:
    """The AWS member name of a dataclass field: ``api_key_required`` -> ``apiKeyRequired``."""
    override = field.metadata.get("wire")
    if isinstance(override, str):
        return override
    head, *rest = field.name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def wire(name: str) -> dict[str, str]:
    """Field metadata for a member whose AWS name is not the camel-cased field name."""
    return {"wire": name}


def to_doc(obj: object) -> Doc:
    """A dataclass as a JSON document; ``None`` members are left out."""
    out: Doc = {}
    for field in dataclasses.fields(obj):  # type: ignore[arg-type]  # callers pass dataclasses
        value = getattr(obj, field.name)
        if value is not None:
            out[wire_name(field)] = _dump(value)
    return out


def _dump(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_doc(value)
    if isinstance(value, Mapping):
        return {str(k): _dump(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_dump(v) for v in value]
    return value


@functools.lru_cache(maxsize=128)
def _hints(cls: type) -> dict[str, object]:
    return typing.get_type_hints(cls)


def from_doc(cls: type[T], doc: Mapping[str, object]) -> T:
    """Build ``cls`` from a document, converting nested members by their annotations."""
    hints = _hints(cast(type, cls))
    kwargs: dict[str, object] = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]  # cls is a dataclass
        name = wire_name(field)
        if name in doc and doc[name] is not None:
            kwargs[field.name] = _load(hints[field.name], doc[name])
    return cls(**kwargs)


def _load(hint: object, value: object) -> object:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _load(inner[0], value) if len(inner) == 1 else value
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return from_doc(hint, cast(Mapping[str, object], value))
    if origin in (Mapping, dict) and isinstance(value, Mapping):
        return {str(k): _load(args[1], v) for k, v in value.items()}
    if origin in (tuple, list) and isinstance(value, list | tuple):
        items = [_load(args[0], v) for v in value]
        return tuple(items) if origin is tuple else items
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value
