"""answered sign-in steps (single-use challenge sessions and SRP secret blocks); merges the
identity heads 0004_identity_providers and 0005_devices

Revision ID: 0006_consumed_challenges
Revises: 0004_identity_providers, 0005_devices
Create Date: 2026-11-28 10:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_consumed_challenges"
down_revision: str | Sequence[str] | None = ("0004_identity_providers", "0005_devices")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "consumed_challenges",
        sa.Column("ticket", sa.String(length=128), nullable=False),
        sa.Column("pool_id", sa.String(length=55), nullable=False),
        sa.Column("expires", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("ticket", name=op.f("pk_consumed_challenges")),
    )
    op.create_index(
        "ix_consumed_challenges_expires", "consumed_challenges", ["expires"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_consumed_challenges_expires", table_name="consumed_challenges")
    op.drop_table("consumed_challenges")
