"""Table of the pools' SAML signing certificates (GetSigningCertificate)."""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from cognigate.storage.orm.base import Base


class SigningCertificateRow(Base):
    """One self-signed certificate per pool; the primary key makes a second one fail."""

    __tablename__ = "signing_certificates"

    pool_id: Mapped[str] = mapped_column(
        String(55), ForeignKey("user_pools.id", ondelete="CASCADE"), primary_key=True
    )
    certificate_der: Mapped[bytes] = mapped_column(LargeBinary)
    private_pem: Mapped[bytes] = mapped_column(LargeBinary)
    created: Mapped[float] = mapped_column(Float)
