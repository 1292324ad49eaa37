"""Wire <-> domain conversions shared by the ``apigateway`` handlers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from botocore import xform_name

from cognigate.apigw.codec import from_doc, to_doc
from cognigate.apigw.context import Page
from cognigate.apigw.patch import PatchOp
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.restjson import Handler

T = TypeVar("T")


def patch_ops(params: Wire) -> list[PatchOp]:
    """``patchOperations`` as domain patch operations."""
    return [
        PatchOp(op=o.get("op", ""), path=o.get("path"), value=o.get("value"), from_=o.get("from"))
        for o in params.get("patchOperations") or []
    ]


def out(obj: object) -> Wire:
    """A domain dataclass as its wire dict."""
    return dict(to_doc(obj))


def with_tags(wire: Wire) -> Wire:
    """AWS parity: single-item reads and updates of tagged resources show ``tags: {}``."""
    wire.setdefault("tags", {})
    return wire


def inp(cls: type[T], params: Wire, **extra: Any) -> T:
    """A domain dataclass from wire members (unknown members are ignored)."""
    return from_doc(cls, {**params, **extra})


def listing(found: Page[Any], convert: Callable[[Any], Wire] = out) -> Wire:
    """A list operation's ``{items, position}`` result."""
    result: Wire = {"items": [convert(item) for item in found.items]}
    if found.position:
        result["position"] = found.position
    return result


def table(provider: object, operations: Iterable[str]) -> dict[str, Handler]:
    """Map operation names to the provider's methods named ``xform_name(operation)``."""
    found: dict[str, Handler] = {}
    for operation in operations:
        method: Callable[[Wire, CallContext], Wire | None] = getattr(
            provider, xform_name(operation)
        )
        found[operation] = method
    return found
