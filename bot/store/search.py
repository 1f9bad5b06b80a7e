"""The catalog search index: candidates for a product mention, kept current by the database.

* **SQLite** (≥ 3.34, with FTS5): an external-content FTS5 table ``products_fts`` over
  ``products.name`` with the ``trigram`` tokenizer, kept in step by triggers on ``products`` —
  so every insert, rename or delete (imports, the API, seeding, a hand-typed ``UPDATE``) is
  indexed inside the same transaction as the change. A mention becomes "some trigram of
  every word" (each word's trigrams OR-ed, the words AND-ed), best BM25 first: a misspelt
  word still shares a trigram, and the AND keeps the rows to rank few (~1–2 ms at 50k).
  When that finds nothing, the mention's rarest trigrams are OR-ed instead.
* **SQLite without FTS5 trigram** (older than 3.34, or built without FTS5): no index is
  created, and candidates come from ``LIKE`` on each word of the mention — a full scan, so
  correct but slower on big catalogs (see ``docs/catalog-search.md``).
* **PostgreSQL**: a GIN full-text index on ``to_tsvector('simple', name)`` (every word of
  the mention, as a prefix) and the ``pg_trgm`` extension with a GIN trigram index on
  ``lower(name)`` for misspelt words (word similarity over a low threshold). PostgreSQL
  maintains both in the writing transaction itself.

Every backend answers in passes (:meth:`ProductSearch.passes`), cheapest and most precise
first; the caller stops at the first pass whose candidates name a product:

1. **focused**: the mention's words the catalog has ("known") must all be in the name, each
   misspelt word need only look like one of its words;
2. **lenient**: every word need only look like a word of the name (a misspelling that
   happens to be another product's word);
3. **broader**: the rarest trigrams OR-ed, and names with a word starting like a word of the
   mention (a typo that kept no trigram: "tropid").

Inactive products stay in the index and are filtered out when searching.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from bot.domain.language import ENGLISH, Language
from bot.domain.models import Product
from bot.store import search_pg, search_sqlite
from bot.store.search_sqlite import FTS_TABLE, VOCAB_TABLE, WORDS_TABLE

PG_INDEX = "ix_products_name_trgm"
PG_FTS_INDEX = "ix_products_name_fts"
CANDIDATES = 40  # rows handed to the re-ranker per pass
_SQLITE_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "name, content='products', content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER IF NOT EXISTS products_fts_insert AFTER INSERT ON products BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, name) VALUES (new.id, new.name); END",
    f"CREATE TRIGGER IF NOT EXISTS products_fts_delete AFTER DELETE ON products BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, name) VALUES ('delete', old.id, old.name); "
    "END",
    f"CREATE TRIGGER IF NOT EXISTS products_fts_update AFTER UPDATE OF name ON products BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, name) VALUES ('delete', old.id, old.name); "
    f"INSERT INTO {FTS_TABLE}(rowid, name) VALUES (new.id, new.name); END",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCAB_TABLE} USING fts5vocab({FTS_TABLE}, 'row')",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
)
_SQLITE_WORDS_DDL = (  # migration 0008: whole words, for the focused pass
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {WORDS_TABLE} USING fts5("
    "name, content='products', content_rowid='id', tokenize='unicode61', prefix='2')",
    f"CREATE TRIGGER IF NOT EXISTS {WORDS_TABLE}_insert AFTER INSERT ON products BEGIN "
    f"INSERT INTO {WORDS_TABLE}(rowid, name) VALUES (new.id, new.name); END",
    f"CREATE TRIGGER IF NOT EXISTS {WORDS_TABLE}_delete AFTER DELETE ON products BEGIN "
    f"INSERT INTO {WORDS_TABLE}({WORDS_TABLE}, rowid, name) VALUES ('delete', old.id, old.name);"
    " END",
    f"CREATE TRIGGER IF NOT EXISTS {WORDS_TABLE}_update AFTER UPDATE OF name ON products BEGIN "
    f"INSERT INTO {WORDS_TABLE}({WORDS_TABLE}, rowid, name) VALUES ('delete', old.id, old.name);"
    f" INSERT INTO {WORDS_TABLE}(rowid, name) VALUES (new.id, new.name); END",
    f"INSERT INTO {WORDS_TABLE}({WORDS_TABLE}) VALUES ('rebuild')",
)
_SQLITE_WORDS_DROP = (
    f"DROP TRIGGER IF EXISTS {WORDS_TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {WORDS_TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {WORDS_TABLE}_update",
    f"DROP TABLE IF EXISTS {WORDS_TABLE}",
)
_SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS products_fts_insert",
    "DROP TRIGGER IF EXISTS products_fts_delete",
    "DROP TRIGGER IF EXISTS products_fts_update",
    f"DROP TABLE IF EXISTS {VOCAB_TABLE}",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
)
_PG_DDL = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON products USING gin (lower(name) gin_trgm_ops)",
)
PG_FTS_DDL = (  # migration 0008_catalog_fts_pg; kept here so create_all stores get it too
    f"CREATE INDEX IF NOT EXISTS {PG_FTS_INDEX} ON products USING gin ({search_pg.TSVECTOR})"
)


def sqlite_has_trigram(connection: Connection) -> bool:
    """Whether this SQLite library has FTS5 with the trigram tokenizer (3.34 or newer)."""
    version = tuple(int(p) for p in connection.dialect.dbapi.sqlite_version.split("."))
    options = {row[0] for row in connection.exec_driver_sql("PRAGMA compile_options")}
    return version >= (3, 34) and "ENABLE_FTS5" in options


def install_search_index(connection: Connection) -> None:
    """Create the index for this database and fill it from the products already stored.

    Idempotent and cheap when the index exists (every process start calls it, so a store
    whose SQLite gained FTS5 trigram since it was made gets its index). On a SQLite without
    FTS5 trigram it creates nothing (searches use ``LIKE``).
    """
    if connection.dialect.name == "postgresql":
        statements: Sequence[str] = (*_PG_DDL, PG_FTS_DDL)
    elif connection.dialect.name == "sqlite" and sqlite_has_trigram(connection):
        present = _sqlite_tables(connection)
        statements = () if FTS_TABLE in present and VOCAB_TABLE in present else _SQLITE_DDL
        statements += () if WORDS_TABLE in present else _SQLITE_WORDS_DDL
    else:
        return
    for statement in statements:
        connection.exec_driver_sql(statement)


def _sqlite_tables(connection: Connection) -> set[str]:
    query = "SELECT name FROM sqlite_master WHERE name IN (?, ?, ?)"
    return set(connection.exec_driver_sql(query, (FTS_TABLE, VOCAB_TABLE, WORDS_TABLE)).scalars())


def refresh_search_statistics(session: Session) -> None:
    """Refresh the planner's statistics of ``products`` after a bulk change (PostgreSQL).

    Right after a big import PostgreSQL still believes the table small, and scans it
    computing every name's ``to_tsvector`` (~100 ms at 10k) instead of asking the index,
    until autovacuum gets round to it. SQLite's FTS5 queries need no statistics.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ANALYZE products"))


def drop_search_index(connection: Connection) -> None:
    """Remove the index (the extension, which other tables may use, stays)."""
    drop_word_index(connection)
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"DROP INDEX IF EXISTS {PG_INDEX}")
    elif connection.dialect.name == "sqlite":
        for statement in _SQLITE_DROP:
            connection.exec_driver_sql(statement)


def drop_word_index(connection: Connection) -> None:
    """Remove the whole-word index only (what migration 0008 adds)."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"DROP INDEX IF EXISTS {PG_FTS_INDEX}")
    elif connection.dialect.name == "sqlite":
        for statement in _SQLITE_WORDS_DROP:
            connection.exec_driver_sql(statement)


def is_search_index(name: str | None, kind: str, _parent: object = None) -> bool:
    """Whether a schema object belongs to the search index (not modelled in ``bot/store/tables/``).

    Alembic's schema comparison leaves these out (``include_name``).
    """
    return bool(name) and (name.startswith(FTS_TABLE) or name in (PG_INDEX, PG_FTS_INDEX))


def include_name(name: str | None, kind: str, parent: object) -> bool:
    """Alembic ``include_name`` hook: compare everything but the search index.

    SQLite's own ``sqlite_sequence`` (made for ``AUTOINCREMENT`` tables) is no table of ours.
    """
    if kind == "table" and name == "sqlite_sequence":
        return False
    return not is_search_index(name, kind, parent)


class ProductSearch:
    """Candidate products for a mention, from the search index of the session's database."""

    def __init__(self, session: Session, language: Language = ENGLISH) -> None:
        self.session = session
        self.language = language

    def candidates(self, mention: str, limit: int = CANDIDATES) -> list[Product]:
        """Up to ``limit`` active products that look like the mention, best first.

        The first of the focused and lenient passes (see the module) that finds any.

        Args:
            mention: What the shopper typed for a product.
            limit: How many candidates to return.
        """
        for rows in self.passes(mention, limit, broader=False):
            if rows:
                return rows
        return []

    def known_words(self, words: Sequence[str]) -> set[str]:
        """The words (normalised, singular) that start a word of some product's name.

        One round trip on either index; without an index, a ``LIKE`` per word.
        """
        if not words:
            return set()
        dialect = self.session.get_bind().dialect.name
        if dialect == "postgresql":
            return search_pg.known_words(self.session, words)
        if dialect == "sqlite" and search_sqlite.has_index(self.session):
            return search_sqlite.known_words(self.session, words)
        return {w for w in words if search_sqlite.like(self.session, [w])}

    def passes(
        self, mention: str, limit: int = CANDIDATES, broader: bool = True
    ) -> Iterator[list[Product]]:
        """The candidates of each pass in turn (see the module), each at most ``limit`` rows.

        A pass that would repeat the one before is skipped; a pass may find nothing.

        Args:
            mention: What the shopper typed for a product.
            limit: Rows per pass.
            broader: Also the broader pass (the last resort, the slowest).
        """
        words = self.language.terms(mention)  # singular: "drills" finds "Drill" and "Drills"
        if not words:
            return
        dialect = self.session.get_bind().dialect.name
        if dialect == "postgresql":
            yield from search_pg.passes(self.session, words, limit)
        elif dialect == "sqlite" and search_sqlite.has_index(self.session):
            yield from search_sqlite.passes(self.session, words, limit, broader)
        else:
            yield search_sqlite.like(self.session, words)
            if broader and dialect == "sqlite":
                yield search_sqlite.near_spellings(self.session, words)
