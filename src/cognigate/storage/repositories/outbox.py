"""The outbox: messages sealed with an installation key, so codes and temporary passwords
never sit in the database in plain text."""

from __future__ import annotations

import json

from cryptography.fernet import Fernet
from sqlalchemy import select
from sqlalchemy.orm import Session

from cognigate.identity.model import OutboxMessage
from cognigate.storage.orm.identity import OutboxRow


class SqlOutboxRepository:
    def __init__(self, session: Session, sealer: Fernet) -> None:
        self._s = session
        self._sealer = sealer

    def append(self, message: OutboxMessage) -> None:
        secret = {"subject": message.subject, "body": message.body, "code": message.code}
        self._s.add(
            OutboxRow(
                pool_id=message.pool_id,
                username=message.username,
                kind=message.kind,
                medium=message.medium,
                destination=message.destination,
                created=message.created,
                sealed=self._sealer.encrypt(json.dumps(secret).encode()),
            )
        )
        self._s.flush()

    def list(self, pool_id: str | None, username: str | None, limit: int) -> list[OutboxMessage]:
        query = select(OutboxRow)
        if pool_id:
            query = query.where(OutboxRow.pool_id == pool_id)
        if username:
            query = query.where(OutboxRow.username == username)
        query = query.order_by(OutboxRow.id.desc()).limit(limit)
        return [self._message(row) for row in self._s.scalars(query)]

    def _message(self, row: OutboxRow) -> OutboxMessage:
        secret = json.loads(self._sealer.decrypt(row.sealed))
        return OutboxMessage(
            pool_id=row.pool_id,
            username=row.username,
            kind=row.kind,
            medium=row.medium,
            destination=row.destination,
            subject=secret["subject"],
            body=secret["body"],
            created=row.created,
            code=secret.get("code"),
            id=row.id,
        )
