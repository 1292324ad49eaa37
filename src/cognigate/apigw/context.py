"""What every API Gateway operation works with: storage, clock, account and region.

Also the lookups shared by the nouns, each raising AWS's ``NotFoundException`` text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from cognigate.apigw.errors import NotFoundException
from cognigate.apigw.model import ApiDefinition, Method, Resource
from cognigate.apigw.ports import ApigwUnitOfWork, UserPoolDirectory
from cognigate.core.clock import Clock
from cognigate.core.uow import UnitOfWorkFactory

T = TypeVar("T")

DEFAULT_LIMIT = 25


@dataclass(frozen=True, slots=True)
class Scope:
    """The collaborators of the API Gateway domain, injected by the composition root."""

    uow: UnitOfWorkFactory[ApigwUnitOfWork]
    clock: Clock
    account_id: str
    region: str
    pools: UserPoolDirectory

    def now(self) -> float:
        # Full precision keeps creation order; the wire shows whole seconds.
        return self.clock.now()


RESOURCE_NOT_FOUND = "Invalid Resource identifier specified"


def require_api(
    uow: ApigwUnitOfWork, scope: Scope, api_id: str, missing: str | None = None
) -> ApiDefinition:
    """:raises NotFoundException: ``Invalid API identifier specified {account}:{id}``, or
    ``missing`` (AWS names the sub-resource, not the API, for some operations)."""
    found = uow.apis.get(api_id)
    if found is None:
        raise NotFoundException(
            missing or f"Invalid API identifier specified {scope.account_id}:{api_id}"
        )
    return found


def require_resource(definition: ApiDefinition, resource_id: str) -> Resource:
    """:raises NotFoundException: ``Invalid Resource identifier specified``."""
    found = definition.resources.get(resource_id)
    if found is None:
        raise NotFoundException(RESOURCE_NOT_FOUND)
    return found


def require_method(resource: Resource, http_method: str) -> Method:
    """:raises NotFoundException: ``Invalid Method identifier specified``."""
    found = resource.method(http_method)
    if found is None:
        raise NotFoundException("Invalid Method identifier specified")
    return found


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list operation; ``position`` is the token of the next page."""

    items: list[T]
    position: str | None = None


def page(items: Sequence[T], position: str | None, limit: int | None) -> Page[T]:
    """Slice ``items`` by an opaque offset token."""
    start = int(position) if position and position.isdigit() else 0
    size = limit or DEFAULT_LIMIT
    chunk = list(items[start : start + size])
    following = start + size
    return Page(chunk, str(following) if following < len(items) else None)


def replace_method(definition: ApiDefinition, resource_id: str, method: Method) -> ApiDefinition:
    """The definition with ``method`` stored on resource ``resource_id``."""
    resource = definition.resources[resource_id]
    return definition.with_resource(resource.with_method(method))
