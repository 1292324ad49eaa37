"""App clients: Create/Describe/List/Update/DeleteUserPoolClient.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
"""

from __future__ import annotations

from dataclasses import replace

from cognigate.core import ids
from cognigate.identity.client_rules import check_client_config
from cognigate.identity.context import (
    Deps,
    decode_token,
    encode_token,
    require_client,
    require_pool,
)
from cognigate.identity.identity_providers import provider_names
from cognigate.identity.model import AppClient, ClientConfig, Page, UserPool
from cognigate.identity.ports import IdentityStore


def _custom_scopes(store: IdentityStore, pool_id: str) -> list[str]:
    scopes: list[str] = []
    after: str | None = None
    while True:
        servers = store.resource_servers.list(pool_id, 100, after)
        for server in servers:
            scopes.extend(f"{server.identifier}/{s.name}" for s in server.scopes)
        if len(servers) < 100:
            return scopes
        after = servers[-1].identifier


def _validate(
    store: IdentityStore, pool: UserPool, config: ClientConfig, secret: str | None
) -> None:
    check_client_config(
        pool,
        config,
        has_secret=secret is not None,
        custom_scopes=_custom_scopes(store, pool.id),
        identity_providers=provider_names(store, pool.id),
    )


class ClientOperations:
    """The app-client noun of the Cognito API."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def create(
        self,
        pool_id: str,
        name: str,
        config: ClientConfig,
        *,
        generate_secret: bool = False,
        secret: str | None = None,
    ) -> AppClient:
        """CreateUserPoolClient.

        :raises ResourceNotFoundException: unknown pool.
        :raises InvalidParameterException, InvalidOAuthFlowException, ScopeDoesNotExistException:
        """
        if secret is None and generate_secret:
            secret = ids.client_secret()
        now = self._deps.clock.now()
        client = AppClient(
            pool_id=pool_id,
            id=ids.client_id(),
            name=name,
            created=now,
            modified=now,
            secret=secret,
            config=config,
        )
        with self._deps.uow(write=True) as store:
            _validate(store, require_pool(store, pool_id), config, secret)
            store.clients.add(client)
        return client

    def describe(self, pool_id: str, client_id: str) -> AppClient:
        """DescribeUserPoolClient. :raises ResourceNotFoundException:"""
        with self._deps.uow(write=False) as store:
            require_pool(store, pool_id)
            return require_client(store, pool_id, client_id)

    def list(self, pool_id: str, max_results: int, next_token: str | None) -> Page[AppClient]:
        """ListUserPoolClients, ordered by client id."""
        after = decode_token(next_token)
        with self._deps.uow(write=False) as store:
            require_pool(store, pool_id)
            clients = store.clients.list(pool_id, max_results + 1, after)
        page = clients[:max_results]
        token = encode_token(page[-1].id) if len(clients) > max_results else None
        return Page(items=tuple(page), next_token=token)

    def update(
        self, pool_id: str, client_id: str, config: ClientConfig, *, name: str | None
    ) -> AppClient:
        """UpdateUserPoolClient: the whole configuration is replaced; omitted = default."""
        with self._deps.uow(write=True) as store:
            pool = require_pool(store, pool_id)
            client = require_client(store, pool_id, client_id)
            _validate(store, pool, config, client.secret)
            updated = replace(
                client, name=name or client.name, config=config, modified=self._deps.clock.now()
            )
            store.clients.save(updated)
        return updated

    def delete(self, pool_id: str, client_id: str) -> None:
        """DeleteUserPoolClient. :raises ResourceNotFoundException:"""
        with self._deps.uow(write=True) as store:
            require_pool(store, pool_id)
            require_client(store, pool_id, client_id)
            store.clients.delete(pool_id, client_id)
