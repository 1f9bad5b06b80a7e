"""Migration 0008: whole-word catalog search (PostgreSQL full-text GIN; SQLite FTS5 words).

PostgreSQL gets ``ix_products_name_fts``, a GIN index on ``to_tsvector('simple', name)``,
asked before ``pg_trgm`` (see ``bot/store/search_pg.py``). SQLite gets the whole-word FTS5
table ``products_fts_words`` and its triggers (the focused pass of ``bot/store/search.py``);
a SQLite without FTS5 trigram gets nothing, as in 0005. Both are built from the products
already stored, in this migration's transaction.

Revision ID: 0008_catalog_fts_pg
Revises: 0007_experiments
Create Date: 2026-11-29 18:40:00.000000
"""

from __future__ import annotations

from alembic import op

from bot.store.search import drop_word_index, install_search_index

revision = "0008_catalog_fts_pg"
down_revision = "0007_experiments"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the whole-word index (idempotent: the 0005 parts already exist)."""
    install_search_index(op.get_bind())


def downgrade() -> None:
    """Drop the whole-word index; the trigram index of 0005 stays."""
    drop_word_index(op.get_bind())
