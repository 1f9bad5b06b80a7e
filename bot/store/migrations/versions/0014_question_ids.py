"""Migration 0014_question_ids: every asked question gets a never-reused id (issue 12, C5–C7).

``asked_questions`` hands out the ids (SQLite ``AUTOINCREMENT``: an id is never given
twice, even after its row is deleted; a sequence on PostgreSQL) and keeps the buttons each
question showed; ``pending_choices.question_id`` names the open question's id.

Revision ID: 0014_question_ids
Revises: 0013_key_retention
Create Date: 2026-12-03 14:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_question_ids"
down_revision = "0013_key_retention"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "asked_questions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("conversation_id", sa.String(length=128), nullable=False),
        sa.Column("replies", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_asked_questions_conversation_id", "asked_questions", ["conversation_id"], unique=False
    )
    op.add_column("pending_choices", sa.Column("question_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("pending_choices") as batch:
        batch.drop_column("question_id")
    op.drop_index("ix_asked_questions_conversation_id", table_name="asked_questions")
    op.drop_table("asked_questions")
