"""Migration 0009_experiment_arms: offer events and orders in several experiments at once.

Revision ID: 0009_experiment_arms
Revises: 0008_catalog_fts_pg
Create Date: 2026-11-29 18:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_experiment_arms"
down_revision = "0008_catalog_fts_pg"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision; the arms recorded in the single columns are copied over."""
    op.create_table(
        "offer_event_arms",
        sa.Column("offer_event_id", sa.Integer(), nullable=False),
        sa.Column("experiment", sa.String(length=64), nullable=False),
        sa.Column("variant", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["offer_event_id"], ["offer_events.id"]),
        sa.PrimaryKeyConstraint("offer_event_id", "experiment"),
    )
    op.create_index("ix_offer_event_arms_experiment", "offer_event_arms", ["experiment"])
    op.create_table(
        "order_arms",
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("experiment", sa.String(length=64), nullable=False),
        sa.Column("variant", sa.String(length=64), nullable=False),
        sa.Column("unit_id", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"]),
        sa.PrimaryKeyConstraint("order_id", "experiment"),
    )
    op.create_index("ix_order_arms_experiment", "order_arms", ["experiment"])
    op.execute(
        "INSERT INTO offer_event_arms (offer_event_id, experiment, variant) "
        "SELECT id, experiment, variant FROM offer_events "
        "WHERE experiment IS NOT NULL AND variant IS NOT NULL"
    )
    op.execute(
        "INSERT INTO order_arms (order_id, experiment, variant, unit_id) "
        "SELECT id, experiment, variant, experiment_unit FROM orders "
        "WHERE experiment IS NOT NULL AND variant IS NOT NULL AND experiment_unit IS NOT NULL"
    )


def downgrade() -> None:
    """Revert this revision (the first arm stays in the single columns)."""
    op.drop_index("ix_order_arms_experiment", table_name="order_arms")
    op.drop_table("order_arms")
    op.drop_index("ix_offer_event_arms_experiment", table_name="offer_event_arms")
    op.drop_table("offer_event_arms")
