"""The outbox: every message Cognito would have sent by email or SMS, for people and tests to read.

Operations that send something append to ``store.outbox`` inside their own unit of work, so a
message exists exactly when the change that caused it was committed. Messages (which carry
temporary passwords and codes) are sealed at rest by the storage layer and never logged.
"""

from __future__ import annotations

from dataclasses import dataclass

from cognigate.identity.context import Deps
from cognigate.identity.model import OutboxMessage

MAX_MESSAGES = 500


@dataclass(frozen=True, slots=True)
class OutboxQuery:
    pool_id: str | None = None
    username: str | None = None
    limit: int = MAX_MESSAGES


class OutboxOperations:
    """Reading the outbox (``GET /_cognigate/outbox`` and the console)."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def list_messages(self, query: OutboxQuery) -> list[OutboxMessage]:
        """Newest first, optionally for one pool and/or user (by stored username)."""
        limit = max(1, min(query.limit, MAX_MESSAGES))
        with self._deps.uow(write=False) as store:
            return store.outbox.list(query.pool_id, query.username, limit)
