"""Documentation parts and versions of REST APIs.

Implements ``cognigate.apigw.ports.DocumentationRepository``.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cognigate.apigw.codec import from_doc, to_doc
from cognigate.apigw.documentation_model import DocumentationPart, DocumentationVersion
from cognigate.storage.orm.apigw import DocumentationPartRow, DocumentationVersionRow


class SqlDocumentationRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def parts(self, api_id: str) -> list[DocumentationPart]:
        rows = self._s.scalars(
            select(DocumentationPartRow)
            .where(DocumentationPartRow.api_id == api_id)
            .order_by(DocumentationPartRow.seq)
        )
        return [from_doc(DocumentationPart, row.doc) for row in rows]

    def save_part(self, api_id: str, part: DocumentationPart) -> None:
        row = self._s.get(DocumentationPartRow, (api_id, part.id))
        if row is None:
            last = self._s.scalar(
                select(func.max(DocumentationPartRow.seq)).where(
                    DocumentationPartRow.api_id == api_id
                )
            )
            row = DocumentationPartRow(api_id=api_id, id=part.id, seq=(last or 0) + 1)
            self._s.add(row)
        row.doc = dict(to_doc(part))
        self._s.flush()

    def delete_part(self, api_id: str, part_id: str) -> None:
        self._s.execute(
            delete(DocumentationPartRow).where(
                DocumentationPartRow.api_id == api_id, DocumentationPartRow.id == part_id
            )
        )

    def versions(self, api_id: str) -> list[DocumentationVersion]:
        rows = self._s.scalars(
            select(DocumentationVersionRow)
            .where(DocumentationVersionRow.api_id == api_id)
            .order_by(DocumentationVersionRow.created, DocumentationVersionRow.version)
        )
        return [from_doc(DocumentationVersion, row.doc) for row in rows]

    def version_parts(self, api_id: str, version: str) -> list[DocumentationPart] | None:
        row = self._s.get(DocumentationVersionRow, (api_id, version))
        if row is None:
            return None
        return [from_doc(DocumentationPart, doc) for doc in row.parts]

    def save_version(
        self, api_id: str, version: DocumentationVersion, parts: list[DocumentationPart] | None
    ) -> None:
        row = self._s.get(DocumentationVersionRow, (api_id, version.version))
        if row is None:
            row = DocumentationVersionRow(
                api_id=api_id, version=version.version, created=version.created_date, parts=[]
            )
            self._s.add(row)
        if parts is not None:
            row.parts = [dict(to_doc(part)) for part in parts]
        row.doc = dict(to_doc(version))
        self._s.flush()

    def delete_version(self, api_id: str, version: str) -> None:
        self._s.execute(
            delete(DocumentationVersionRow).where(
                DocumentationVersionRow.api_id == api_id,
                DocumentationVersionRow.version == version,
            )
        )

    def delete_api(self, api_id: str) -> None:
        """Every part and version of the API (DeleteRestApi)."""
        self._s.execute(delete(DocumentationPartRow).where(DocumentationPartRow.api_id == api_id))
        self._s.execute(
            delete(DocumentationVersionRow).where(DocumentationVersionRow.api_id == api_id)
        )
