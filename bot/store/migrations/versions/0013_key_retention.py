"""Migration 0013_key_retention: index idempotency keys by age, so old ones can be pruned.

Revision ID: 0013_key_retention
Revises: 0012_cart_changes
Create Date: 2026-12-03 07:30:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0013_key_retention"
down_revision = "0012_cart_changes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_index(
        "ix_idempotency_keys_created_at", "idempotency_keys", ["created_at"], unique=False
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_idempotency_keys_created_at", table_name="idempotency_keys")
