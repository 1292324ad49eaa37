"""usage-plan quota counters, daily usage and shared throttle buckets

Revision ID: a0002_apigw_usage
Revises: a0001_apigw
Create Date: 2026-11-27 10:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a0002_apigw_usage"
down_revision: str | Sequence[str] | None = "a0001_apigw"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "apigw_usage_quotas",
        sa.Column("plan_id", sa.String(length=32), nullable=False),
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("period_start", sa.String(length=10), nullable=False),
        sa.Column("used", sa.Integer(), nullable=False),
        sa.Column("extra", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "plan_id", "key_id", "period_start", name=op.f("pk_apigw_usage_quotas")
        ),
    )
    op.create_table(
        "apigw_usage_days",
        sa.Column("plan_id", sa.String(length=32), nullable=False),
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("used", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("plan_id", "key_id", "day", name=op.f("pk_apigw_usage_days")),
    )
    op.create_table(
        "apigw_throttle_buckets",
        sa.Column("key", sa.String(length=512), nullable=False),
        sa.Column("tokens", sa.Float(), nullable=False),
        sa.Column("updated", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_apigw_throttle_buckets")),
    )


def downgrade() -> None:
    op.drop_table("apigw_throttle_buckets")
    op.drop_table("apigw_usage_days")
    op.drop_table("apigw_usage_quotas")
