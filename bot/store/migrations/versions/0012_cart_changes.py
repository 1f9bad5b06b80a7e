"""Migration 0012_cart_changes: each conversation's last cart change, for "undo that".

Revision ID: 0012_cart_changes
Revises: 0011_conversation_focus
Create Date: 2026-12-02 05:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_cart_changes"
down_revision = "0011_conversation_focus"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "cart_changes",
        sa.Column("conversation_id", sa.String(length=128), nullable=False),
        sa.Column("cart_id", sa.Integer(), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["cart_id"], ["carts.id"]),
        sa.PrimaryKeyConstraint("conversation_id"),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("cart_changes")
