"""Repositories for identity providers (with their IdpIdentifiers) and provider links."""

from __future__ import annotations

import hashlib

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cognigate.identity.model import IdentityProvider, ProviderLink
from cognigate.identity.ports import DuplicateKey
from cognigate.storage.orm.identity_providers import (
    IdentityProviderIdentifierRow,
    IdentityProviderRow,
    ProviderLinkRow,
)


def _flush(session: Session) -> None:
    try:
        session.flush()
    except IntegrityError as error:
        raise DuplicateKey(str(error.orig)) from error


def _doc(provider: IdentityProvider) -> dict[str, object]:
    return {"details": dict(provider.details), "mapping": dict(provider.attribute_mapping)}


class SqlIdentityProviderRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def _identifiers(self, pool_id: str, name: str) -> tuple[str, ...]:
        query = (
            select(IdentityProviderIdentifierRow.identifier)
            .where(
                IdentityProviderIdentifierRow.pool_id == pool_id,
                IdentityProviderIdentifierRow.provider_name == name,
            )
            .order_by(IdentityProviderIdentifierRow.position)
        )
        return tuple(self._s.scalars(query))

    def _provider(self, row: IdentityProviderRow) -> IdentityProvider:
        return IdentityProvider(
            pool_id=row.pool_id,
            name=row.name,
            type=row.type,
            details={str(k): str(v) for k, v in row.doc.get("details", {}).items()},
            attribute_mapping={str(k): str(v) for k, v in row.doc.get("mapping", {}).items()},
            identifiers=self._identifiers(row.pool_id, row.name),
            created=row.created,
            modified=row.modified,
        )

    def _put_identifiers(self, provider: IdentityProvider) -> None:
        self._s.execute(
            delete(IdentityProviderIdentifierRow).where(
                IdentityProviderIdentifierRow.pool_id == provider.pool_id,
                IdentityProviderIdentifierRow.provider_name == provider.name,
            )
        )
        for position, identifier in enumerate(provider.identifiers):
            self._s.add(
                IdentityProviderIdentifierRow(
                    pool_id=provider.pool_id,
                    identifier=identifier,
                    provider_name=provider.name,
                    position=position,
                )
            )
        _flush(self._s)

    def add(self, provider: IdentityProvider) -> None:
        self._s.add(
            IdentityProviderRow(
                pool_id=provider.pool_id,
                name=provider.name,
                type=provider.type,
                created=provider.created,
                modified=provider.modified,
                doc=_doc(provider),
            )
        )
        _flush(self._s)
        self._put_identifiers(provider)

    def get(self, pool_id: str, name: str) -> IdentityProvider | None:
        row = self._s.get(IdentityProviderRow, (pool_id, name))
        return self._provider(row) if row else None

    def by_identifier(self, pool_id: str, identifier: str) -> IdentityProvider | None:
        found = self._s.get(IdentityProviderIdentifierRow, (pool_id, identifier))
        return self.get(pool_id, found.provider_name) if found else None

    def list(self, pool_id: str, limit: int, after: str | None) -> list[IdentityProvider]:
        query = (
            select(IdentityProviderRow)
            .where(IdentityProviderRow.pool_id == pool_id)
            .order_by(IdentityProviderRow.name)
            .limit(limit)
        )
        if after:
            query = query.where(IdentityProviderRow.name > after)
        return [self._provider(row) for row in self._s.scalars(query)]

    def save(self, provider: IdentityProvider) -> None:
        row = self._s.get(IdentityProviderRow, (provider.pool_id, provider.name))
        if row is None:
            return
        row.modified = provider.modified
        row.doc = _doc(provider)
        self._put_identifiers(provider)

    def delete(self, pool_id: str, name: str) -> None:
        for table in (ProviderLinkRow, IdentityProviderIdentifierRow):
            self._s.execute(
                delete(table).where(table.pool_id == pool_id, table.provider_name == name)
            )
        self._s.execute(
            delete(IdentityProviderRow).where(
                IdentityProviderRow.pool_id == pool_id, IdentityProviderRow.name == name
            )
        )


def _value_hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


def _link(row: ProviderLinkRow) -> ProviderLink:
    return ProviderLink(row.pool_id, row.provider_name, row.attribute_name, row.value, row.user_pk)


class SqlProviderLinkRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, link: ProviderLink) -> None:
        self._s.add(
            ProviderLinkRow(
                pool_id=link.pool_id,
                provider_name=link.provider_name,
                attribute_name=link.attribute_name,
                value_hash=_value_hash(link.attribute_value),
                value=link.attribute_value,
                user_pk=link.user_pk,
            )
        )
        _flush(self._s)

    def find(self, pool_id: str, provider_name: str, attribute_name: str,
             attribute_value: str) -> ProviderLink | None:  # fmt: skip
        key = (pool_id, provider_name, attribute_name, _value_hash(attribute_value))
        row = self._s.get(ProviderLinkRow, key)
        return _link(row) if row else None

    def for_user(self, user_pk: int) -> list[ProviderLink]:
        query = select(ProviderLinkRow).where(ProviderLinkRow.user_pk == user_pk)
        return [_link(row) for row in self._s.scalars(query)]

    def delete(self, link: ProviderLink) -> None:
        self._s.execute(
            delete(ProviderLinkRow).where(
                ProviderLinkRow.pool_id == link.pool_id,
                ProviderLinkRow.provider_name == link.provider_name,
                ProviderLinkRow.attribute_name == link.attribute_name,
                ProviderLinkRow.value_hash == _value_hash(link.attribute_value),
            )
        )
