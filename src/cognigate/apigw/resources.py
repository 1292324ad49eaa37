"""Resources: the path tree of an API (Create/Get/Update/DeleteResource, GetResources).

https://docs.aws.amazon.com/apigateway/latest/api/API_Resource.html
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from cognigate.apigw import patch
from cognigate.apigw.codec import to_doc
from cognigate.apigw.context import Page, Scope, page, require_api, require_resource
from cognigate.apigw.errors import BadRequestException, ConflictException
from cognigate.apigw.model import ApiDefinition, Resource
from cognigate.apigw.patch import PatchOp, PatchTable, Style, rule
from cognigate.core import ids

_PATH_PART = re.compile(r"[a-zA-Z0-9._\-:]+|\{[a-zA-Z0-9._\-]+\+?\}")
_TABLE = PatchTable((rule("/parentId"), rule("/pathPart")), style=Style.LONG)


def is_variable(path_part: str | None) -> bool:
    return bool(path_part) and str(path_part).startswith("{")


def is_greedy(path_part: str | None) -> bool:
    return bool(path_part) and str(path_part).endswith("+}")


def _check_part(definition: ApiDefinition, parent: Resource, part: str, own_id: str) -> None:
    """AWS's rules for a new child ``part`` of ``parent``."""
    if not _PATH_PART.fullmatch(part):
        raise BadRequestException(
            "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning "
            "and the end and an optional plus sign before the closing brace."
        )
    if is_greedy(parent.path_part):
        raise BadRequestException(
            f"Cannot create a child of a resource with a greedy path variable: {parent.path_part}"
        )
    for sibling in definition.children(parent.id):
        if sibling.id == own_id:
            continue
        if sibling.path_part == part:
            raise ConflictException(
                f"Another resource with the same parent already has this name: {part}"
            )
        if is_variable(part) and is_variable(sibling.path_part):
            raise BadRequestException(
                f"A sibling ({sibling.path_part}) of this resource already has a variable path "
                "part -- only one is allowed"
            )


def with_paths(definition: ApiDefinition) -> ApiDefinition:
    """Recompute every resource's full ``path`` from the tree."""
    resources = dict(definition.resources)

    def path_of(resource: Resource, depth: int = 0) -> str:
        if resource.parent_id is None or depth > len(resources):
            return "/"
        parent = resources[resource.parent_id]
        return path_of(parent, depth + 1).rstrip("/") + "/" + (resource.path_part or "")

    fixed = {rid: dataclasses.replace(r, path=path_of(r)) for rid, r in resources.items()}
    return dataclasses.replace(definition, resources=fixed)


def add_resource(
    definition: ApiDefinition, parent_id: str, part: str
) -> tuple[ApiDefinition, Resource]:
    """The definition with a new child resource. :raises NotFoundException: unknown parent."""
    parent = require_resource(definition, parent_id)
    _check_part(definition, parent, part, own_id="")
    path = parent.path.rstrip("/") + "/" + part
    resource = Resource(id=ids.short_id(), path=path, parent_id=parent.id, path_part=part)
    return definition.with_resource(resource), resource


def subtree(definition: ApiDefinition, resource_id: str) -> set[str]:
    """``resource_id`` and every descendant."""
    found = {resource_id}
    frontier = [resource_id]
    while frontier:
        current = frontier.pop()
        for child in definition.children(current):
            if child.id not in found:
                found.add(child.id)
                frontier.append(child.id)
    return found


def _moved(definition: ApiDefinition, resource: Resource, ops: Sequence[PatchOp]) -> Resource:
    is_root = resource.parent_id is None
    for op in ops:
        _TABLE.find(op)
        if is_root:
            member = "pathPart" if op.path == "/pathPart" else "parentId"
            raise BadRequestException(f"Root resource cannot update its {member}.")
    doc = patch.apply(to_doc(resource), ops, _TABLE)
    part = str(doc.get("pathPart") or "")
    parent_id = str(doc.get("parentId") or "")
    parent = require_resource(definition, parent_id)
    if parent.id in subtree(definition, resource.id):
        raise BadRequestException("Resources cannot be cyclical.")
    _check_part(definition, parent, part, own_id=resource.id)
    return dataclasses.replace(resource, path_part=part, parent_id=parent.id)


class Resources:
    """The Resource operations."""

    def __init__(self, scope: Scope) -> None:
        self._scope = scope

    def create(self, api_id: str, parent_id: str, path_part: str) -> Resource:
        """:raises NotFoundException, ConflictException, BadRequestException:"""
        with self._scope.uow(write=True) as uow:
            definition = require_api(uow, self._scope, api_id)
            definition, resource = add_resource(definition, parent_id, path_part)
            uow.apis.save(definition)
        return resource

    def get(self, api_id: str, resource_id: str) -> Resource:
        with self._scope.uow(write=False) as uow:
            return require_resource(require_api(uow, self._scope, api_id), resource_id)

    def list(
        self, api_id: str, position: str | None = None, limit: int | None = None
    ) -> Page[Resource]:
        """Root first, then in creation order."""
        with self._scope.uow(write=False) as uow:
            definition = require_api(uow, self._scope, api_id)
        return page(list(definition.resources.values()), position, limit or 500)

    def update(self, api_id: str, resource_id: str, ops: Sequence[PatchOp]) -> Resource:
        """:raises BadRequestException: root changes, cycles, bad paths."""
        with self._scope.uow(write=True) as uow:
            definition = require_api(uow, self._scope, api_id)
            resource = _moved(definition, require_resource(definition, resource_id), ops)
            definition = with_paths(definition.with_resource(resource))
            uow.apis.save(definition)
        return definition.resources[resource_id]

    def delete(self, api_id: str, resource_id: str) -> None:
        """Deletes the resource with its subtree. :raises NotFoundException:"""
        with self._scope.uow(write=True) as uow:
            definition = require_api(uow, self._scope, api_id)
            resource = require_resource(definition, resource_id)
            if resource.parent_id is None:
                raise BadRequestException("Cannot delete the root resource.")
            gone = subtree(definition, resource_id)
            kept = {k: v for k, v in definition.resources.items() if k not in gone}
            uow.apis.save(dataclasses.replace(definition, resources=kept))
