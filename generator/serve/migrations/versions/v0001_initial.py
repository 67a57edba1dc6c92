"""The first schema: units with their links, uploaded versions, the audit log, and settings."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "units",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(400), nullable=False, unique=True),
        sa.Column("category", sa.String(200), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("token", sa.String(100), unique=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("submitted_version", sa.Integer),
        sa.Column("updated_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), nullable=False, index=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("suffix", sa.String(10), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("client", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("errors", sa.Integer, nullable=False),
        sa.Column("warnings", sa.Integer, nullable=False),
        sa.Column("result", sa.Text, nullable=False),
        sa.Column("explanations", sa.Text),
        sa.Column("submitted_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(400), nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("unit_id", sa.Integer),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_table("settings", sa.Column("key", sa.String(100), primary_key=True), sa.Column("value", sa.Text, nullable=False))


def downgrade() -> None:
    for table in ("settings", "audit", "versions", "units"):
        op.drop_table(table)
