"""Migration 0005: catalog search index (SQLite FTS5 trigram, PostgreSQL pg_trgm), pending choices.

Revision ID: 0005_catalog_search
Revises: 0004_security
Create Date: 2026-11-29 15:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.store.search import drop_search_index, install_search_index

revision = "0005_catalog_search"
down_revision = "0004_security"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the index (and its triggers on SQLite), fill it; add the pending choices."""
    install_search_index(op.get_bind())
    op.create_table(
        "pending_choices",
        sa.Column("conversation_id", sa.String(length=128), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("question", sa.String(length=32), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("detail", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("conversation_id", "position"),
    )


def downgrade() -> None:
    """Drop the pending choices and the index."""
    op.drop_table("pending_choices")
    drop_search_index(op.get_bind())
