"""Repositories for signing keys and refresh-token records."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cognigate.identity.keys import KeyPurpose, SigningKey
from cognigate.identity.ports import DuplicateKey, RefreshRecord
from cognigate.storage.orm.identity import RefreshTokenRow, SigningKeyRow


class SqlSigningKeyRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def for_pool(self, pool_id: str) -> list[SigningKey]:
        rows = self._s.scalars(select(SigningKeyRow).where(SigningKeyRow.pool_id == pool_id))
        return [
            SigningKey(row.kid, KeyPurpose(row.purpose), row.private_pem, row.created)
            for row in rows
        ]

    def add(self, pool_id: str, key: SigningKey) -> None:
        self._s.add(
            SigningKeyRow(
                kid=key.kid,
                pool_id=pool_id,
                purpose=key.purpose.value,
                private_pem=key.private_pem,
                created=key.created,
            )
        )
        try:
            self._s.flush()
        except IntegrityError as error:
            raise DuplicateKey(str(error.orig)) from error


def _record(row: RefreshTokenRow) -> RefreshRecord:
    return RefreshRecord(
        token_hash=row.token_hash,
        pool_id=row.pool_id,
        client_id=row.client_id,
        user_pk=row.user_pk,
        origin_jti=row.origin_jti,
        auth_time=row.auth_time,
        issued=row.issued,
        expires=row.expires,
        revoked=row.revoked,
        scope=str(row.doc.get("scope", "")),
        device_key=_text(row.doc.get("device_key")),
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


class SqlRefreshTokenRepository:
    """Refresh-token records; ``lock=True`` (write transactions) reads them ``FOR UPDATE``, so
    two instances cannot both rotate or use one token that is being revoked (PostgreSQL)."""

    def __init__(self, session: Session, *, lock: bool = False) -> None:
        self._s = session
        self._lock = lock

    def add(self, record: RefreshRecord) -> None:
        self._s.add(
            RefreshTokenRow(
                token_hash=record.token_hash,
                pool_id=record.pool_id,
                client_id=record.client_id,
                user_pk=record.user_pk,
                origin_jti=record.origin_jti,
                auth_time=record.auth_time,
                issued=record.issued,
                expires=record.expires,
                revoked=record.revoked,
                doc={"scope": record.scope, "device_key": record.device_key},
            )
        )
        self._s.flush()

    def get(self, token_hash: str) -> RefreshRecord | None:
        row = self._s.get(RefreshTokenRow, token_hash, with_for_update=self._lock)
        return _record(row) if row else None

    def by_origin(self, origin_jti: str) -> RefreshRecord | None:
        query = select(RefreshTokenRow).where(RefreshTokenRow.origin_jti == origin_jti)
        row = self._s.scalar(query.with_for_update() if self._lock else query)
        return _record(row) if row else None

    def revoke(self, token_hash: str) -> None:
        self._s.execute(
            update(RefreshTokenRow)
            .where(RefreshTokenRow.token_hash == token_hash)
            .values(revoked=True)
        )

    def revoke_user(self, user_pk: int) -> None:
        self._s.execute(
            update(RefreshTokenRow).where(RefreshTokenRow.user_pk == user_pk).values(revoked=True)
        )

    def expire(self, token_hash: str, at: float) -> None:
        self._s.execute(
            update(RefreshTokenRow)
            .where(RefreshTokenRow.token_hash == token_hash, RefreshTokenRow.expires > at)
            .values(expires=at)
        )
