"""Tables of a pool's third-party identity providers and the identities linked to users."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Float, ForeignKey, ForeignKeyConstraint, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cognigate.storage.orm.base import Base


class IdentityProviderRow(Base):
    __tablename__ = "identity_providers"

    pool_id: Mapped[str] = mapped_column(
        ForeignKey("user_pools.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    type: Mapped[str] = mapped_column(String(32))
    created: Mapped[float] = mapped_column(Float)
    modified: Mapped[float] = mapped_column(Float)
    #: ProviderDetails (client secret included) and AttributeMapping
    doc: Mapped[dict[str, Any]]


class IdentityProviderIdentifierRow(Base):
    """IdpIdentifiers: unique in a pool, each naming one provider."""

    __tablename__ = "identity_provider_identifiers"
    __table_args__ = (
        ForeignKeyConstraint(
            ["pool_id", "provider_name"],
            ["identity_providers.pool_id", "identity_providers.name"],
            name="fk_identity_provider_identifiers_provider",
            ondelete="CASCADE",
        ),
    )

    pool_id: Mapped[str] = mapped_column(String(55), primary_key=True)
    identifier: Mapped[str] = mapped_column(String(40), primary_key=True)
    provider_name: Mapped[str] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(Integer)


class ProviderLinkRow(Base):
    """AdminLinkProviderForUser: (provider, attribute, SHA-256 of the value) -> user."""

    __tablename__ = "provider_links"
    __table_args__ = (
        ForeignKeyConstraint(
            ["pool_id", "provider_name"],
            ["identity_providers.pool_id", "identity_providers.name"],
            name="fk_provider_links_provider",
            ondelete="CASCADE",
        ),
    )

    pool_id: Mapped[str] = mapped_column(String(55), primary_key=True)
    provider_name: Mapped[str] = mapped_column(String(32), primary_key=True)
    attribute_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    user_pk: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"),
        ForeignKey("users.pk", ondelete="CASCADE"),
        index=True,
    )
