"""identity providers, their IdpIdentifiers and provider links

Revision ID: 0004_identity_providers
Revises: 0003_oauth
Create Date: 2026-11-27 10:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_identity_providers"
down_revision: str | Sequence[str] | None = "0003_oauth"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_PROVIDER = ["identity_providers.pool_id", "identity_providers.name"]


def upgrade() -> None:
    op.create_table(
        "identity_providers",
        sa.Column("pool_id", sa.String(length=55), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("created", sa.Float(), nullable=False),
        sa.Column("modified", sa.Float(), nullable=False),
        sa.Column("doc", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pool_id"],
            ["user_pools.id"],
            name=op.f("fk_identity_providers_pool_id_user_pools"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pool_id", "name", name=op.f("pk_identity_providers")),
    )
    op.create_table(
        "identity_provider_identifiers",
        sa.Column("pool_id", sa.String(length=55), nullable=False),
        sa.Column("identifier", sa.String(length=40), nullable=False),
        sa.Column("provider_name", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pool_id", "provider_name"],
            _PROVIDER,
            name="fk_identity_provider_identifiers_provider",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "pool_id", "identifier", name=op.f("pk_identity_provider_identifiers")
        ),
    )
    op.create_table(
        "provider_links",
        sa.Column("pool_id", sa.String(length=55), nullable=False),
        sa.Column("provider_name", sa.String(length=32), nullable=False),
        sa.Column("attribute_name", sa.String(length=64), nullable=False),
        sa.Column("value_hash", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("user_pk", _PK, nullable=False),
        sa.ForeignKeyConstraint(
            ["pool_id", "provider_name"],
            _PROVIDER,
            name="fk_provider_links_provider",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_pk"],
            ["users.pk"],
            name=op.f("fk_provider_links_user_pk_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "pool_id",
            "provider_name",
            "attribute_name",
            "value_hash",
            name=op.f("pk_provider_links"),
        ),
    )
    op.create_index(op.f("ix_provider_links_user_pk"), "provider_links", ["user_pk"])


def downgrade() -> None:
    op.drop_index(op.f("ix_provider_links_user_pk"), table_name="provider_links")
    op.drop_table("provider_links")
    op.drop_table("identity_provider_identifiers")
    op.drop_table("identity_providers")
