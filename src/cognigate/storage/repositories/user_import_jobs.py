"""Repository of the pools' user import jobs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, defer

from cognigate.identity.ports import ImportJob
from cognigate.storage.orm.user_import_jobs import UserImportJobRow

_DOC_FIELDS = (
    "name",
    "role_arn",
    "status",
    "started",
    "completed",
    "imported",
    "skipped",
    "failed",
    "message",
)


def _doc(job: ImportJob) -> dict[str, Any]:
    return {name: getattr(job, name) for name in _DOC_FIELDS}


def _job(row: UserImportJobRow, *, with_body: bool) -> ImportJob:
    doc = row.doc
    return ImportJob(
        job_id=row.job_id,
        pool_id=row.pool_id,
        name=str(doc["name"]),
        role_arn=str(doc["role_arn"]),
        status=str(doc["status"]),
        created=row.created,
        started=doc.get("started"),
        completed=doc.get("completed"),
        imported=int(doc.get("imported", 0)),
        skipped=int(doc.get("skipped", 0)),
        failed=int(doc.get("failed", 0)),
        message=doc.get("message"),
        csv_body=row.csv_body if with_body else None,
    )


class SqlUserImportJobRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, job: ImportJob) -> None:
        self._s.add(
            UserImportJobRow(
                job_id=job.job_id,
                pool_id=job.pool_id,
                created=job.created,
                doc=_doc(job),
                csv_body=job.csv_body,
            )
        )
        self._s.flush()

    def get(self, job_id: str) -> ImportJob | None:
        row = self._s.get(UserImportJobRow, job_id)
        return _job(row, with_body=True) if row is not None else None

    def list(self, pool_id: str, limit: int, after: str | None) -> list[ImportJob]:
        query = select(UserImportJobRow).where(UserImportJobRow.pool_id == pool_id)
        last = self._s.get(UserImportJobRow, after) if after else None
        if last is not None:
            query = query.where(
                or_(
                    UserImportJobRow.created > last.created,
                    and_(
                        UserImportJobRow.created == last.created,
                        UserImportJobRow.job_id > last.job_id,
                    ),
                )
            )
        query = query.options(defer(UserImportJobRow.csv_body))
        query = query.order_by(UserImportJobRow.created, UserImportJobRow.job_id).limit(limit)
        return [_job(row, with_body=False) for row in self._s.scalars(query)]

    def save(self, job: ImportJob) -> None:
        row = self._s.get(UserImportJobRow, job.job_id)
        if row is None:
            return
        row.doc = _doc(job)
        row.csv_body = job.csv_body
        self._s.flush()
