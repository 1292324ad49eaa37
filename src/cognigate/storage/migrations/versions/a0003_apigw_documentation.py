"""documentation parts and versions of REST APIs

Revision ID: a0003_apigw_documentation
Revises: a0002_apigw_usage
Create Date: 2026-11-28 10:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a0003_apigw_documentation"
down_revision: str | Sequence[str] | None = "a0002_apigw_usage"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "apigw_documentation_parts",
        sa.Column("api_id", sa.String(length=32), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("doc", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["api_id"],
            ["apigw_rest_apis.id"],
            name=op.f("fk_apigw_documentation_parts_api_id_apigw_rest_apis"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("api_id", "id", name=op.f("pk_apigw_documentation_parts")),
    )
    op.create_table(
        "apigw_documentation_versions",
        sa.Column("api_id", sa.String(length=32), nullable=False),
        sa.Column("version", sa.String(length=128), nullable=False),
        sa.Column("created", sa.Float(), nullable=False),
        sa.Column("doc", sa.JSON(), nullable=False),
        sa.Column("parts", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["api_id"],
            ["apigw_rest_apis.id"],
            name=op.f("fk_apigw_documentation_versions_api_id_apigw_rest_apis"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("api_id", "version", name=op.f("pk_apigw_documentation_versions")),
    )


def downgrade() -> None:
    op.drop_table("apigw_documentation_versions")
    op.drop_table("apigw_documentation_parts")
