"""Migration 0004: chat sessions, link-code attempts, stored idempotent answers.

Revision ID: 0004_security
Revises: 0003
Create Date: 2026-11-29 16:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_security"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "chat_sessions",
        sa.Column("conversation_id", sa.String(length=128), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("cart_id", sa.Integer(), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["cart_id"], ["carts.id"]),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"]),
        sa.PrimaryKeyConstraint("conversation_id"),
    )
    op.create_table(
        "link_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_link_attempts_scope", "link_attempts", ["scope"])
    op.create_index("ix_link_attempts_created_at", "link_attempts", ["created_at"])
    with op.batch_alter_table("idempotency_keys") as batch:
        batch.add_column(sa.Column("request_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("status", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("response", sa.Text(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("idempotency_keys") as batch:
        batch.drop_column("response")
        batch.drop_column("status")
        batch.drop_column("request_hash")
    op.drop_index("ix_link_attempts_created_at", table_name="link_attempts")
    op.drop_index("ix_link_attempts_scope", table_name="link_attempts")
    op.drop_table("link_attempts")
    op.drop_table("chat_sessions")
