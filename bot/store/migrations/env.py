"""Alembic environment: migrations run on the connection :mod:`bot.store.schema` hands over.

Use ``python -m bot migrate`` (``make run`` does) rather than the ``alembic`` command: it
takes a lock so several processes starting at once migrate one at a time, and it adopts
stores created before migrations existed.
"""

from __future__ import annotations

from alembic import context

from bot.store.search import include_name
from bot.store.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `python -m bot migrate`, not `alembic`")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    compare_type=True,
    include_name=include_name,  # the search index (FTS5 tables, trigram index) is DDL-only
)
with context.begin_transaction():
    context.run_migrations()
