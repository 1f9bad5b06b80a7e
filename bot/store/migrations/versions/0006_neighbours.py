"""Migration 0006: precomputed neighbour lists, their build record, shop-listed gap fillers.

Revision ID: 0006_neighbours
Revises: 0005_catalog_search
Create Date: 2026-11-29 16:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_neighbours"
down_revision = "0005_catalog_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "item_neighbours",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("neighbour_id", sa.Integer(), nullable=False),
        sa.Column("together", sa.Integer(), nullable=False),
        sa.Column("ease", sa.Float(), nullable=False),
        sa.Column("walk", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["neighbour_id"], ["products.id"]),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"]),
        sa.PrimaryKeyConstraint("product_id", "rank"),
    )
    op.create_table(
        "neighbour_builds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("orders", sa.Integer(), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "gap_fillers",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"]),
        sa.PrimaryKeyConstraint("product_id"),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("gap_fillers")
    op.drop_table("neighbour_builds")
    op.drop_table("item_neighbours")
