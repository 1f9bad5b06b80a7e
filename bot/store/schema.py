"""Schema migrations for the shop store (Alembic), applied safely by every process.

:func:`upgrade_schema` brings any store to the newest revision in one transaction:

* an empty store gets every table at once (``create_all``) and is stamped with the newest
  revision — the migration tests prove the revisions build exactly the same schema;
* a store made before migrations existed (tables, no ``alembic_version``) is recognised by
  its tables, stamped with the revision it matches, then upgraded — every row is kept;
* a versioned store is upgraded from its revision (nothing to do when it is current).

Processes that start together (``make run`` starts three) take turns: PostgreSQL through a
transaction-scoped advisory lock, SQLite through the ``BEGIN IMMEDIATE`` write lock that
:mod:`bot.store.db` issues for every writing transaction.
"""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Connection, Engine

from bot.store.search import include_name, install_search_index
from bot.store.tables import Base

MIGRATIONS = Path(__file__).with_name("migrations")
# Any 64-bit number, the same in every process: the advisory lock taken while migrating.
_PG_LOCK_KEY = 7_262_455_019
# Stores made before migrations existed, newest first: a table that first appeared in a
# revision tells that the store matches it.
_UNVERSIONED = (("history_totals", "0002"), ("products", "0001"))


def compare_options() -> dict[str, object]:
    """Alembic comparison options: the search index is not modelled in ``bot/store/tables/``."""
    return {"include_name": include_name}


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for the shop store, optionally bound to a connection."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest revision in ``bot/store/migrations/versions``."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError(f"no migrations in {MIGRATIONS}")
    return head


def store_revision(connection: Connection) -> str | None:
    """The revision a store is at (``None`` when it is unversioned or empty)."""
    return MigrationContext.configure(connection).get_current_revision()


def _lock(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})


def _unversioned_revision(tables: set[str]) -> str | None:
    return next((rev for table, rev in _UNVERSIONED if table in tables), None)


def upgrade_schema(engine: Engine) -> str:
    """Bring the store to the newest revision; return it.

    Raises:
        alembic.util.CommandError: The store is at a revision this code does not know
            (e.g. made by a newer version of the assistant).
    """
    head = head_revision()
    with engine.begin() as connection:
        _lock(connection)
        current = store_revision(connection)
        if current == head:
            install_search_index(connection)  # no-op when present (see its docstring)
            return head
        config = alembic_config(connection)
        if current is None:
            baseline = _unversioned_revision(set(inspect(connection).get_table_names()))
            if baseline is None:
                Base.metadata.create_all(connection)
                install_search_index(connection)
                command.stamp(config, head)
                return head
            command.stamp(config, baseline)
        command.upgrade(config, head)
    return head


def migrate_step_by_step(engine: Engine, revision: str = "head") -> None:
    """Run every migration up to ``revision`` (no ``create_all`` shortcut)."""
    with engine.begin() as connection:
        _lock(connection)
        command.upgrade(alembic_config(connection), revision)


def new_migration(message: str) -> list[Path]:
    """Write a revision for what ``bot/store/tables/`` adds to the newest revision.

    The revisions are replayed on a scratch SQLite file, which is then compared with the
    tables; review the generated file before committing it.
    """
    with tempfile.TemporaryDirectory() as scratch:
        engine = create_engine(f"sqlite:///{scratch}/scratch.db", future=True)
        migrate_step_by_step(engine)
        with engine.begin() as connection:
            written = command.revision(alembic_config(connection), message, autogenerate=True)
        engine.dispose()
    scripts = written if isinstance(written, list) else [written]
    return [Path(script.path) for script in scripts if script is not None]
