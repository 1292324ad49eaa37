"""Route matching for one deployment, compiled once: literal before ``{param}`` before ``{proxy+}``.

https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-request.html
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import unquote

from cognigate.apigw.model import ApiDefinition, Method, Resource
from cognigate.gateway.errors import MissingAuthenticationToken

if TYPE_CHECKING:
    from cognigate.gateway.context import Invocation
    from cognigate.gateway.runtime import Runtime

ANY = "ANY"


@dataclass(slots=True)
class _Node:
    resource: Resource | None = None
    literals: dict[str, _Node] = field(default_factory=dict)
    param: tuple[str, _Node] | None = None
    greedy: tuple[str, _Node] | None = None


@dataclass(frozen=True, slots=True)
class RouteMatch:
    """The resource and method a request goes to, with its path parameters.

    ``path_parameters`` are URL-decoded (mapping expressions, ``$input.params()``);
    ``raw_path_parameters`` are as sent (the Lambda proxy event's ``pathParameters``).
    """

    resource: Resource
    method: Method
    path_parameters: dict[str, str]
    raw_path_parameters: dict[str, str]


def _segments(path: str) -> list[str]:
    return [part for part in path.split("/") if part]


def _starts(path: str) -> list[int]:
    """Where each non-empty segment of ``path`` starts."""
    found: list[int] = []
    offset = 0
    for part in path.split("/"):
        if part:
            found.append(offset)
        offset += len(part) + 1
    return found


def _child(node: _Node, part: str) -> _Node:
    if part.startswith("{") and part.endswith("+}"):
        if node.greedy is None:
            node.greedy = (part[1:-2], _Node())
        return node.greedy[1]
    if part.startswith("{") and part.endswith("}"):
        if node.param is None:
            node.param = (part[1:-1], _Node())
        return node.param[1]
    return node.literals.setdefault(part, _Node())


class Router:
    """The resource tree of one deployment as a trie."""

    def __init__(self, definition: ApiDefinition) -> None:
        self._root = _Node()
        for resource in definition.resources.values():
            node = self._root
            for part in _segments(resource.path):
                node = _child(node, part)
            node.resource = resource

    def match(self, path: str, http_method: str) -> RouteMatch | None:
        """The best route for ``path`` (encoded) and ``http_method``, or ``None``."""
        walk = _Walk(path, _segments(path), _starts(path))
        for resource, raw in self._candidates(self._root, walk, 0, {}):
            methods = resource.resource_methods or {}
            method = methods.get(http_method) or methods.get(ANY)
            if method is not None:
                decoded = {name: unquote(value) for name, value in raw.items()}
                return RouteMatch(resource, method, decoded, raw)
        return None

    def _candidates(
        self, node: _Node, walk: _Walk, index: int, params: dict[str, str]
    ) -> Iterator[tuple[Resource, dict[str, str]]]:
        if index == len(walk.parts):
            if node.resource is not None:
                yield node.resource, params
            return
        part = walk.parts[index]
        literal = node.literals.get(unquote(part)) or node.literals.get(part)
        if literal is not None:
            yield from self._candidates(literal, walk, index + 1, params)
        if node.param is not None:
            name, child = node.param
            yield from self._candidates(child, walk, index + 1, {**params, name: part})
        if node.greedy is not None:
            name, child = node.greedy
            if child.resource is not None:
                # AWS parity: the greedy value is the rest of the path as sent, inner "//"
                # included, without the trailing slash.
                rest = walk.path[walk.starts[index] :].rstrip("/")
                yield child.resource, {**params, name: rest}


@dataclass(frozen=True, slots=True)
class _Walk:
    """A path being matched: the raw text, its non-empty segments and where they start."""

    path: str
    parts: list[str]
    starts: list[int]


async def route_step(inv: Invocation, _: Runtime) -> None:
    """Find the resource and method; :raises MissingAuthenticationToken: nothing matches."""
    router = inv.router
    found = router.match(inv.request.path, inv.request.method) if router else None
    if found is None:
        raise MissingAuthenticationToken(log="No matching resource or method")
    inv.match = found
