"""Repository of answered sign-in steps (implements
``identity.ports.ConsumedChallengeRepository``)."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cognigate.storage.orm.consumed_challenges import ConsumedChallengeRow


class SqlConsumedChallengeRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def consume(self, ticket: str, pool_id: str, expires: float) -> bool:
        # a savepoint keeps the caller's transaction usable after the duplicate-key error
        # (PostgreSQL waits here for a concurrent insert of the same key to commit or roll back)
        try:
            with self._s.begin_nested():
                self._s.add(ConsumedChallengeRow(ticket=ticket, pool_id=pool_id, expires=expires))
                self._s.flush()
        except IntegrityError:
            return False
        return True

    def purge(self, now: float) -> None:
        self._s.execute(
            delete(ConsumedChallengeRow)
            .where(ConsumedChallengeRow.expires < now)
            .execution_options(synchronize_session=False)
        )
