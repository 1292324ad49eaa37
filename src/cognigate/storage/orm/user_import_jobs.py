"""Table of the pools' user import jobs (CreateUserImportJob) and their uploaded CSV files."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Float, ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from cognigate.storage.orm.base import Base


class UserImportJobRow(Base):
    """One job; ``doc`` holds its name, role, status, dates, counts and completion message."""

    __tablename__ = "user_import_jobs"
    __table_args__ = (Index("ix_user_import_jobs_pool", "pool_id", "created", "job_id"),)

    job_id: Mapped[str] = mapped_column(String(55), primary_key=True)
    pool_id: Mapped[str] = mapped_column(ForeignKey("user_pools.id", ondelete="CASCADE"))
    created: Mapped[float] = mapped_column(Float)
    doc: Mapped[dict[str, Any]]
    #: the file PUT to the pre-signed URL, until the job has run
    csv_body: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
