"""Repositories for OAuth authorization codes and hosted-UI customizations."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from cognigate.identity.ports import AuthorizationCodeRecord, UiCustomization
from cognigate.storage.orm.identity import AuthorizationCodeRow, UiCustomizationRow


def _code(row: AuthorizationCodeRow) -> AuthorizationCodeRecord:
    doc = row.doc
    return AuthorizationCodeRecord(
        code_hash=row.code_hash,
        pool_id=row.pool_id,
        client_id=row.client_id,
        user_pk=row.user_pk,
        redirect_uri=str(doc["redirect_uri"]),
        scope=str(doc.get("scope", "")),
        auth_time=float(doc.get("auth_time", row.issued)),
        issued=row.issued,
        expires=row.expires,
        nonce=doc.get("nonce"),
        code_challenge=doc.get("code_challenge"),
        used=row.used,
        origin_jti=doc.get("origin_jti"),
    )


class SqlAuthorizationCodeRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, record: AuthorizationCodeRecord) -> None:
        doc = {
            "redirect_uri": record.redirect_uri,
            "scope": record.scope,
            "auth_time": record.auth_time,
            "nonce": record.nonce,
            "code_challenge": record.code_challenge,
            "origin_jti": record.origin_jti,
        }
        self._s.add(
            AuthorizationCodeRow(
                code_hash=record.code_hash,
                pool_id=record.pool_id,
                client_id=record.client_id,
                user_pk=record.user_pk,
                issued=record.issued,
                expires=record.expires,
                used=record.used,
                doc=doc,
            )
        )
        self._s.flush()

    def get(self, code_hash: str) -> AuthorizationCodeRecord | None:
        row = self._s.get(AuthorizationCodeRow, code_hash)
        return _code(row) if row else None

    def mark_used(self, code_hash: str) -> bool:
        result = self._s.execute(
            update(AuthorizationCodeRow)
            .where(
                AuthorizationCodeRow.code_hash == code_hash, AuthorizationCodeRow.used.is_(False)
            )
            .values(used=True)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0) == 1)

    def set_origin(self, code_hash: str, origin_jti: str) -> None:
        row = self._s.get(AuthorizationCodeRow, code_hash)
        if row is not None:
            row.doc = {**row.doc, "origin_jti": origin_jti}
            self._s.flush()


class SqlUiCustomizationRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, pool_id: str, client_id: str) -> UiCustomization | None:
        row = self._s.get(UiCustomizationRow, (pool_id, client_id))
        if row is None:
            return None
        return UiCustomization(
            pool_id=row.pool_id,
            client_id=row.client_id,
            css=row.css,
            image=row.image,
            created=row.created,
            modified=row.modified,
        )

    def save(self, record: UiCustomization) -> None:
        row = self._s.get(UiCustomizationRow, (record.pool_id, record.client_id))
        if row is None:
            row = UiCustomizationRow(pool_id=record.pool_id, client_id=record.client_id)
            self._s.add(row)
        row.css = record.css
        row.image = record.image
        row.created = record.created
        row.modified = record.modified
        self._s.flush()
