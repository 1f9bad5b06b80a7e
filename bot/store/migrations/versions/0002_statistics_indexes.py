"""Migration 0002: statistics indexes and the history totals row.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 16:27:34.790963
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "history_totals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("orders", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    # Before 0002 the statistics were updated with every recorded order, so they count
    # every order: say so, or the store would look stale and basket scores would use 0.
    op.execute("INSERT INTO history_totals (id, orders) SELECT 1, count(*) FROM orders")
    with op.batch_alter_table("item_stats", schema=None) as batch_op:
        batch_op.create_index("ix_item_stats_orders", ["orders", "product_id"], unique=False)

    with op.batch_alter_table("pair_stats", schema=None) as batch_op:
        batch_op.create_index(
            "ix_pair_stats_top", ["product_id", "together", "other_id"], unique=False
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("pair_stats", schema=None) as batch_op:
        batch_op.drop_index("ix_pair_stats_top")

    with op.batch_alter_table("item_stats", schema=None) as batch_op:
        batch_op.drop_index("ix_item_stats_orders")

    op.drop_table("history_totals")
