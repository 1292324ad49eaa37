"""devices tracked for users (device keys and their SRP verifiers)

Revision ID: 0005_devices
Revises: 0003_oauth
Create Date: 2026-11-27 11:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_devices"
down_revision: str | Sequence[str] | None = "0003_oauth"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "devices",
        sa.Column("device_key", sa.String(length=55), nullable=False),
        sa.Column("pool_id", sa.String(length=55), nullable=False),
        sa.Column("user_pk", _PK, nullable=False),
        sa.Column("group_key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=1024), nullable=True),
        sa.Column("salt", sa.String(length=128), nullable=True),
        sa.Column("verifier", sa.Text(), nullable=True),
        sa.Column("remembered", sa.Boolean(), nullable=False),
        sa.Column("created", sa.Float(), nullable=False),
        sa.Column("modified", sa.Float(), nullable=False),
        sa.Column("last_authenticated", sa.Float(), nullable=True),
        sa.Column("last_ip", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["pool_id"],
            ["user_pools.id"],
            name=op.f("fk_devices_pool_id_user_pools"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_pk"], ["users.pk"], name=op.f("fk_devices_user_pk_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("device_key", name=op.f("pk_devices")),
    )
    op.create_index("ix_devices_user_key", "devices", ["user_pk", "device_key"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_devices_user_key", table_name="devices")
    op.drop_table("devices")
