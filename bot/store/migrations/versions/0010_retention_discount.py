"""Migration 0010_retention_discount: a retention discount kept on the subscription.

Revision ID: 0010_retention_discount
Revises: 0009_experiment_arms
Create Date: 2026-11-29 18:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_retention_discount"
down_revision = "0009_experiment_arms"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("subscriptions") as batch:
        batch.add_column(sa.Column("discount_percent", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("discount_renewals", sa.Integer(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("subscriptions") as batch:
        batch.drop_column("discount_renewals")
        batch.drop_column("discount_percent")
