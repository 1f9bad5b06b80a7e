"""Engine and session-factory set-up for SQLite (embedded default) and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.engine.url import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

MMAP_BYTES = 1 << 30
"""SQLite memory-mapped reads per connection (1 GiB of the file, shared with the OS page
cache): the per-cart ranking reads list and pair rows at random from a large file, and a
mapped page costs no read() call or copy (p95 −10 to −15 % at 1M orders, docs/benchmarks.md)."""
CACHE_KIB = 32768
"""SQLite page cache per connection (KiB; the default is 2 MiB). A 50k-SKU catalog's search
indexes are ~10 MiB: with the default, every search re-reads pages evicted by the one before."""


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
        connection.exec_driver_sql("BEGIN IMMEDIATE")


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
        return engine
    return create_engine(url, future=True, pool_pre_ping=True)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """A session factory; use ``with factory.begin() as session:`` for one use case."""
    return sessionmaker(bind=engine, future=True, expire_on_commit=False)
