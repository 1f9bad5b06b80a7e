"""Migration 0007_experiments: offer experiments (definitions, exposures, attribution).

Revision ID: 0007_experiments
Revises: 0006_neighbours
Create Date: 2026-11-29 15:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_experiments"
down_revision = "0006_neighbours"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "experiments",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("design", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("stop", sa.DateTime(timezone=True), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "experiment_exposures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("experiment", sa.String(length=64), nullable=False),
        sa.Column("variant", sa.String(length=64), nullable=False),
        sa.Column("unit_id", sa.String(length=128), nullable=False),
        sa.Column("conversation_id", sa.String(length=128), nullable=False),
        sa.Column("moment", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=True),
        sa.Column("sku", sa.String(length=64), nullable=True),
        sa.Column("offered", sa.Boolean(), nullable=False),
        sa.Column("cart_id", sa.Integer(), nullable=True),
        sa.Column("subscription_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["cart_id"], ["carts.id"]),
        sa.ForeignKeyConstraint(["subscription_id"], ["subscriptions.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_exposures_experiment", "experiment_exposures", ["experiment", "variant"], unique=False
    )
    op.create_index(
        op.f("ix_experiment_exposures_cart_id"), "experiment_exposures", ["cart_id"], unique=False
    )
    for column in (
        sa.Column("experiment", sa.String(length=64), nullable=True),
        sa.Column("variant", sa.String(length=64), nullable=True),
    ):
        op.add_column("offer_events", column)
    op.create_index(op.f("ix_offer_events_experiment"), "offer_events", ["experiment"])
    for column in (
        sa.Column("cart_id", sa.Integer(), nullable=True),
        sa.Column("experiment", sa.String(length=64), nullable=True),
        sa.Column("variant", sa.String(length=64), nullable=True),
        sa.Column("experiment_unit", sa.String(length=128), nullable=True),
    ):
        op.add_column("orders", column)
    op.create_index(op.f("ix_orders_experiment"), "orders", ["experiment"])


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index(op.f("ix_orders_experiment"), table_name="orders")
    with op.batch_alter_table("orders") as batch:
        for name in ("experiment_unit", "variant", "experiment", "cart_id"):
            batch.drop_column(name)
    op.drop_index(op.f("ix_offer_events_experiment"), table_name="offer_events")
    with op.batch_alter_table("offer_events") as batch:
        batch.drop_column("variant")
        batch.drop_column("experiment")
    op.drop_index(op.f("ix_experiment_exposures_cart_id"), table_name="experiment_exposures")
    op.drop_index("ix_exposures_experiment", table_name="experiment_exposures")
    op.drop_table("experiment_exposures")
    op.drop_table("experiments")
