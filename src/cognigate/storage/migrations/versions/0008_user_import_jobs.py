"""user import jobs (CreateUserImportJob) and their uploaded CSV files

Revision ID: 0008_user_import_jobs
Revises: 0007_signing_certificates
Create Date: 2026-11-26 14:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_user_import_jobs"
down_revision: str | Sequence[str] | None = "0007_signing_certificates"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "user_import_jobs",
        sa.Column("job_id", sa.String(length=55), nullable=False),
        sa.Column("pool_id", sa.String(length=55), nullable=False),
        sa.Column("created", sa.Float(), nullable=False),
        sa.Column("doc", sa.JSON(), nullable=False),
        sa.Column("csv_body", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["pool_id"],
            ["user_pools.id"],
            name=op.f("fk_user_import_jobs_pool_id_user_pools"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("job_id", name=op.f("pk_user_import_jobs")),
    )
    op.create_index(
        "ix_user_import_jobs_pool",
        "user_import_jobs",
        ["pool_id", "created", "job_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_user_import_jobs_pool", table_name="user_import_jobs")
    op.drop_table("user_import_jobs")
