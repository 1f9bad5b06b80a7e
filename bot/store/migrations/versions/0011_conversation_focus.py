"""Migration 0011_conversation_focus: the product each conversation last talked about.

Revision ID: 0011_conversation_focus
Revises: 0010_retention_discount
Create Date: 2026-11-29 18:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_conversation_focus"
down_revision = "0010_retention_discount"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "conversation_focus",
        sa.Column("conversation_id", sa.String(length=128), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("conversation_id"),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("conversation_focus")
