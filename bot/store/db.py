"""Engine and session-factory set-up for SQLite (embedded default) and PostgreSQL.

Two kinds of unit of work share one engine and one pool:

* a **writing** unit (``make_session_factory(engine)``) starts on SQLite with
  ``BEGIN IMMEDIATE``: it takes the write lock up front, so two writers queue instead of
  failing half-way with "database is locked";
* a **read-only** unit (``make_session_factory(engine, read_only=True)``) starts on SQLite
  with a plain (DEFERRED) ``BEGIN`` under ``PRAGMA query_only``: a snapshot read of the WAL
  that never takes the write lock, so it never waits for a writer, nor a writer for it. On
  PostgreSQL it runs ``SET TRANSACTION READ ONLY``. Any INSERT, UPDATE, DELETE or DDL it
  tries raises :class:`~bot.store.errors.ReadOnlyViolation` before reaching the database,
  and the unit is rolled back: a read-only unit never writes, silently or otherwise.

On SQLite ``query_only`` is a connection setting: it stays on for the pooled connection
until a writing unit's ``BEGIN`` turns it off (one PRAGMA when a connection changes kind,
none per unit otherwise); a raw DBAPI connection taken from the pool may refuse writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.engine.url import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from bot.store.errors import ReadOnlyViolation

MMAP_BYTES = 1 << 30
"""SQLite memory-mapped reads per connection (1 GiB of the file, shared with the OS page
cache): the per-cart ranking reads list and pair rows at random from a large file, and a
mapped page costs no read() call or copy (p95 −10 to −15 % at 1M orders, docs/benchmarks.md)."""
CACHE_KIB = 32768
"""SQLite page cache per connection (KiB; the default is 2 MiB). A 50k-SKU catalog's search
indexes are ~10 MiB: with the default, every search re-reads pages evicted by the one before."""
READ_ONLY = "shop_read_only"
"""The execution option that marks a read-only unit's connections (see the module)."""
_WRITES = frozenset(
    {"insert", "update", "delete", "replace", "upsert", "merge", "create", "drop", "alter",
     "truncate", "vacuum", "reindex", "analyze", "grant", "revoke", "comment", "copy"}
)  # fmt: skip
_PG_READ_ONLY = "25006"  # read_only_sql_transaction
_QUERY_ONLY = "shop_query_only"  # connection-record info key: PRAGMA query_only is on


def _read_only(connection: Any) -> bool:
    """Whether a SQLAlchemy connection belongs to a read-only unit."""
    return bool(connection.get_execution_options().get(READ_ONLY))


def _writes(context: Any, statement: str) -> bool:
    """Whether a statement about to run changes the store (DML, DDL, maintenance)."""
    if context is not None and (context.isinsert or context.isupdate or context.isdelete):
        return True
    words = statement.lstrip(" \t\n(").split(None, 1)
    return bool(words) and words[0].lower() in _WRITES


def _guard_read_only(engine: Engine) -> None:
    """Refuse every write of a read-only unit, on any backend, before it reaches the store."""

    @event.listens_for(engine, "before_cursor_execute")
    def _refuse_writes(
        connection: Any, _cursor: Any, statement: str, _params: Any, context: Any, _many: bool
    ) -> None:
        if _read_only(connection) and _writes(context, statement):
            raise ReadOnlyViolation(statement)

    @event.listens_for(engine, "handle_error")
    def _name_refusal(context: Any) -> ReadOnlyViolation | None:
        """A write the guard could not see (``WITH ... INSERT``), refused by the store."""
        error = context.original_exception
        refused = getattr(error, "pgcode", None) == _PG_READ_ONLY or "readonly database" in str(
            error
        )
        if context.connection is not None and _read_only(context.connection) and refused:
            return ReadOnlyViolation(context.statement or "")
        return None


def _prepare_sqlite(engine: Engine) -> None:
    """Make SQLite safe for several processes: WAL, busy timeout, write locks up front."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy's BEGIN below rule
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")  # the search index stays in memory
        cursor.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        pooled = connection.connection  # the pool's proxy of the sqlite3 connection
        if _read_only(connection):  # a snapshot: no write lock, and the store refuses writes
            if not pooled.info.get(_QUERY_ONLY):
                pooled.execute("PRAGMA query_only=ON")  # sqlite3 itself: no statement events
                pooled.info[_QUERY_ONLY] = True
            connection.exec_driver_sql("BEGIN")
            return
        if pooled.info.pop(_QUERY_ONLY, False):  # a read-only unit's before: writable again
            pooled.execute("PRAGMA query_only=OFF")
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _prepare_postgresql(engine: Engine) -> None:
    """Make a read-only unit a ``READ ONLY`` transaction on PostgreSQL."""

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if _read_only(connection):
            connection.exec_driver_sql("SET TRANSACTION READ ONLY")


def make_engine(url: str) -> Engine:
    """Create an engine; for a SQLite file, create its folder and tune it for concurrency."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(  # a pool (SQLAlchemy 2.0's default): no connect per request
            url,
            future=True,
            poolclass=QueuePool,
            connect_args={"check_same_thread": False, "timeout": 10},
        )
        _prepare_sqlite(engine)
    else:
        engine = create_engine(url, future=True, pool_pre_ping=True)
        _prepare_postgresql(engine)
    _guard_read_only(engine)
    return engine


def store_engine(bind: Any) -> Engine:
    """The store's engine behind a session's bind (a read-only factory binds a proxy of it).

    Per-store caches key on this, so read-only and writing units share one entry.
    """
    engine = bind if isinstance(bind, Engine) else bind.engine
    return getattr(engine, "_proxied", engine)  # an execution-options proxy: its engine


def make_session_factory(engine: Engine, read_only: bool = False) -> sessionmaker[Session]:
    """A session factory; use ``with factory.begin() as session:`` for one use case.

    Args:
        engine: The store's engine (from :func:`make_engine`).
        read_only: Units that only read: no write lock, and any write raises
            :class:`~bot.store.errors.ReadOnlyViolation` and rolls the unit back.
    """
    bind = engine.execution_options(**{READ_ONLY: True}) if read_only else engine
    return sessionmaker(bind=bind, future=True, expire_on_commit=False)
