"""Table of answered sign-in steps (challenge sessions and SRP secret blocks): each is good once."""

from __future__ import annotations

from sqlalchemy import Float, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from cognigate.storage.orm.base import Base


class ConsumedChallengeRow(Base):
    """The random id of an answered step; its primary key makes a second answer fail."""

    __tablename__ = "consumed_challenges"
    __table_args__ = (Index("ix_consumed_challenges_expires", "expires"),)

    ticket: Mapped[str] = mapped_column(String(128), primary_key=True)
    pool_id: Mapped[str] = mapped_column(String(55))
    #: when the step could no longer be answered anyway (the row may go then)
    expires: Mapped[float] = mapped_column(Float)
