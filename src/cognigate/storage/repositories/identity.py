"""Repositories for pools, app clients, domains and resource servers."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cognigate.identity.model import (
    AppClient,
    Domain,
    ResourceServer,
    ResourceServerScope,
    UserPool,
)
from cognigate.identity.ports import DuplicateKey
from cognigate.storage.orm.identity import (
    ResourceServerRow,
    UserPoolClientRow,
    UserPoolDomainRow,
    UserPoolRow,
)
from cognigate.storage.repositories.identity_docs import client_config, config_doc, pool_config


def _flush(session: Session) -> None:
    try:
        session.flush()
    except IntegrityError as error:
        raise DuplicateKey(str(error.orig)) from error


class SqlPoolRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, pool: UserPool) -> None:
        self._s.add(
            UserPoolRow(
                id=pool.id,
                name=pool.name,
                created=pool.created,
                modified=pool.modified,
                doc={"arn": pool.arn, "config": config_doc(pool.config)},
                tags=dict(pool.tags),
            )
        )
        _flush(self._s)

    def get(self, pool_id: str) -> UserPool | None:
        row = self._s.get(UserPoolRow, pool_id)
        return _pool(row) if row else None

    def list(self, limit: int, after: str | None) -> list[UserPool]:
        query = select(UserPoolRow).order_by(UserPoolRow.id).limit(limit)
        if after:
            query = query.where(UserPoolRow.id > after)
        return [_pool(row) for row in self._s.scalars(query)]

    def save(self, pool: UserPool) -> None:
        row = self._s.get(UserPoolRow, pool.id)
        if row is None:
            raise KeyError(pool.id)
        row.name = pool.name
        row.modified = pool.modified
        row.doc = {"arn": pool.arn, "config": config_doc(pool.config)}
        row.tags = dict(pool.tags)
        _flush(self._s)

    def delete(self, pool_id: str) -> None:
        self._s.execute(delete(UserPoolRow).where(UserPoolRow.id == pool_id))


def _pool(row: UserPoolRow) -> UserPool:
    return UserPool(
        id=row.id,
        name=row.name,
        arn=row.doc.get("arn", ""),
        created=row.created,
        modified=row.modified,
        config=pool_config(row.doc["config"]),
        tags=dict(row.tags),
    )


class SqlClientRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, client: AppClient) -> None:
        self._s.add(
            UserPoolClientRow(
                id=client.id,
                pool_id=client.pool_id,
                name=client.name,
                secret=client.secret,
                created=client.created,
                modified=client.modified,
                doc=config_doc(client.config),
            )
        )
        _flush(self._s)

    def get(self, pool_id: str, client_id: str) -> AppClient | None:
        row = self._s.get(UserPoolClientRow, client_id)
        return _client(row) if row and row.pool_id == pool_id else None

    def find(self, client_id: str) -> AppClient | None:
        row = self._s.get(UserPoolClientRow, client_id)
        return _client(row) if row else None

    def list(self, pool_id: str, limit: int, after: str | None) -> list[AppClient]:
        query = (
            select(UserPoolClientRow)
            .where(UserPoolClientRow.pool_id == pool_id)
            .order_by(UserPoolClientRow.id)
            .limit(limit)
        )
        if after:
            query = query.where(UserPoolClientRow.id > after)
        return [_client(row) for row in self._s.scalars(query)]

    def save(self, client: AppClient) -> None:
        row = self._s.get(UserPoolClientRow, client.id)
        if row is None:
            raise KeyError(client.id)
        row.name = client.name
        row.secret = client.secret
        row.modified = client.modified
        row.doc = config_doc(client.config)
        _flush(self._s)

    def delete(self, pool_id: str, client_id: str) -> None:
        self._s.execute(
            delete(UserPoolClientRow).where(
                UserPoolClientRow.id == client_id, UserPoolClientRow.pool_id == pool_id
            )
        )


def _client(row: UserPoolClientRow) -> AppClient:
    return AppClient(
        pool_id=row.pool_id,
        id=row.id,
        name=row.name,
        created=row.created,
        modified=row.modified,
        secret=row.secret,
        config=client_config(row.doc),
    )


class SqlDomainRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, domain: Domain) -> None:
        self._s.add(
            UserPoolDomainRow(
                domain=domain.domain,
                pool_id=domain.pool_id,
                created=domain.created,
                doc=_domain_doc(domain),
            )
        )
        _flush(self._s)

    def get(self, domain: str) -> Domain | None:
        row = self._s.get(UserPoolDomainRow, domain)
        return _domain(row) if row else None

    def for_pool(self, pool_id: str) -> Domain | None:
        row = self._s.scalar(select(UserPoolDomainRow).where(UserPoolDomainRow.pool_id == pool_id))
        return _domain(row) if row else None

    def save(self, domain: Domain) -> None:
        row = self._s.get(UserPoolDomainRow, domain.domain)
        if row is None:
            raise KeyError(domain.domain)
        row.doc = _domain_doc(domain)
        _flush(self._s)

    def delete(self, domain: str) -> None:
        self._s.execute(delete(UserPoolDomainRow).where(UserPoolDomainRow.domain == domain))


def _domain_doc(domain: Domain) -> dict[str, object]:
    return {
        "managed_login_version": domain.managed_login_version,
        "custom_domain_config": dict(domain.custom_domain_config)
        if domain.custom_domain_config is not None
        else None,
    }


def _domain(row: UserPoolDomainRow) -> Domain:
    doc = row.doc
    return Domain(
        domain=row.domain,
        pool_id=row.pool_id,
        created=row.created,
        managed_login_version=int(doc.get("managed_login_version") or 1),
        custom_domain_config=doc.get("custom_domain_config"),
    )


class SqlResourceServerRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, server: ResourceServer) -> None:
        self._s.add(
            ResourceServerRow(
                pool_id=server.pool_id,
                identifier=server.identifier,
                name=server.name,
                scopes=_scopes(server),
            )
        )
        _flush(self._s)

    def get(self, pool_id: str, identifier: str) -> ResourceServer | None:
        row = self._s.get(ResourceServerRow, (pool_id, identifier))
        return _server(row) if row else None

    def list(self, pool_id: str, limit: int, after: str | None) -> list[ResourceServer]:
        query = (
            select(ResourceServerRow)
            .where(ResourceServerRow.pool_id == pool_id)
            .order_by(ResourceServerRow.identifier)
            .limit(limit)
        )
        if after:
            query = query.where(ResourceServerRow.identifier > after)
        return [_server(row) for row in self._s.scalars(query)]

    def save(self, server: ResourceServer) -> None:
        row = self._s.get(ResourceServerRow, (server.pool_id, server.identifier))
        if row is None:
            raise KeyError(server.identifier)
        row.name = server.name
        row.scopes = _scopes(server)
        _flush(self._s)

    def delete(self, pool_id: str, identifier: str) -> None:
        self._s.execute(
            delete(ResourceServerRow).where(
                ResourceServerRow.pool_id == pool_id, ResourceServerRow.identifier == identifier
            )
        )


def _scopes(server: ResourceServer) -> list[object]:
    return [{"name": s.name, "description": s.description} for s in server.scopes]


def _server(row: ResourceServerRow) -> ResourceServer:
    return ResourceServer(
        pool_id=row.pool_id,
        identifier=row.identifier,
        name=row.name,
        scopes=tuple(ResourceServerScope(s["name"], s["description"]) for s in row.scopes),
    )
