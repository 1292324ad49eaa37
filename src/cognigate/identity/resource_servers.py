"""Resource servers and their custom OAuth scopes.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateResourceServer.html
"""

from __future__ import annotations

from collections.abc import Iterable

from cognigate.identity.context import Deps, decode_token, encode_token, require_pool
from cognigate.identity.errors import InvalidParameterException, ResourceNotFoundException
from cognigate.identity.model import Page, ResourceServer, ResourceServerScope
from cognigate.identity.ports import DuplicateKey, IdentityStore


def _require(store: IdentityStore, pool_id: str, identifier: str) -> ResourceServer:
    require_pool(store, pool_id)
    server = store.resource_servers.get(pool_id, identifier)
    if server is None:
        raise ResourceNotFoundException(
            f"Resource server {identifier} does not exist in user pool {pool_id}."
        )
    return server


def _check_scopes(scopes: Iterable[ResourceServerScope]) -> tuple[ResourceServerScope, ...]:
    result = tuple(scopes)
    names = [s.name for s in result]
    if len(names) != len(set(names)):
        raise InvalidParameterException("Duplicate scope names are not allowed.")
    return result


class ResourceServerOperations:
    """The resource-server noun of the Cognito API."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def create(
        self, pool_id: str, identifier: str, name: str, scopes: Iterable[ResourceServerScope]
    ) -> ResourceServer:
        """CreateResourceServer. :raises InvalidParameterException: identifier taken."""
        server = ResourceServer(pool_id, identifier, name, _check_scopes(scopes))
        with self._deps.uow(write=True) as store:
            require_pool(store, pool_id)
            if store.resource_servers.get(pool_id, identifier) is not None:
                raise InvalidParameterException(
                    f"{identifier} already exists in user pool {pool_id}."
                )
            try:
                store.resource_servers.add(server)
            except DuplicateKey as error:
                raise InvalidParameterException(
                    f"{identifier} already exists in user pool {pool_id}."
                ) from error
        return server

    def describe(self, pool_id: str, identifier: str) -> ResourceServer:
        """DescribeResourceServer. :raises ResourceNotFoundException:"""
        with self._deps.uow(write=False) as store:
            return _require(store, pool_id, identifier)

    def list(self, pool_id: str, max_results: int, next_token: str | None) -> Page[ResourceServer]:
        """ListResourceServers, ordered by identifier."""
        after = decode_token(next_token)
        with self._deps.uow(write=False) as store:
            require_pool(store, pool_id)
            servers = store.resource_servers.list(pool_id, max_results + 1, after)
        page = servers[:max_results]
        token = encode_token(page[-1].identifier) if len(servers) > max_results else None
        return Page(items=tuple(page), next_token=token)

    def update(
        self, pool_id: str, identifier: str, name: str, scopes: Iterable[ResourceServerScope]
    ) -> ResourceServer:
        """UpdateResourceServer: name and scopes are replaced."""
        with self._deps.uow(write=True) as store:
            _require(store, pool_id, identifier)
            server = ResourceServer(pool_id, identifier, name, _check_scopes(scopes))
            store.resource_servers.save(server)
        return server

    def delete(self, pool_id: str, identifier: str) -> None:
        """DeleteResourceServer. :raises ResourceNotFoundException:"""
        with self._deps.uow(write=True) as store:
            _require(store, pool_id, identifier)
            store.resource_servers.delete(pool_id, identifier)
