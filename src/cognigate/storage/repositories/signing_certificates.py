"""Repository of the pools' SAML signing certificates."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cognigate.identity.ports import DuplicateKey, SigningCertificate
from cognigate.storage.orm.signing_certificates import SigningCertificateRow


class SqlSigningCertificateRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, pool_id: str) -> SigningCertificate | None:
        row = self._s.get(SigningCertificateRow, pool_id)
        if row is None:
            return None
        return SigningCertificate(row.pool_id, row.certificate_der, row.private_pem, row.created)

    def add(self, certificate: SigningCertificate) -> None:
        row = SigningCertificateRow(
            pool_id=certificate.pool_id,
            certificate_der=certificate.certificate_der,
            private_pem=certificate.private_pem,
            created=certificate.created,
        )
        try:
            # a savepoint, so that losing the race leaves the transaction usable
            with self._s.begin_nested():
                self._s.add(row)
        except IntegrityError as error:
            raise DuplicateKey(str(error.orig)) from error
