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
* **PostgreSQL**: the ``pg_trgm`` extension and a GIN trigram index on ``lower(name)``;
  candidates are the rows whose word similarity to the mention passes a low threshold, best
  first. PostgreSQL maintains the index in the writing transaction itself.

Inactive products stay in the index and are filtered out when searching.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import or_, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from bot.domain.language import ENGLISH, Language
from bot.store.tables import ProductRow

FTS_TABLE = "products_fts"
VOCAB_TABLE = "products_fts_vocab"  # each trigram's document count, to query the rare ones
RARE_PER_WORD = 3  # the rarest trigrams of each word are always searched...
RARE_TOTAL = 10  # ...plus the rarest of the rest, up to this many in all
PG_INDEX = "ix_products_name_trgm"
CANDIDATES = 40  # rows handed to the re-ranker
PG_THRESHOLD = 0.3  # pg_trgm word-similarity floor for a candidate
NEAR_LIMIT = 500  # rows the second, first-letters pass may hand to the re-ranker
LIKE_LIMIT = 2000  # without an index every row containing a word is re-ranked (small shops)
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
        statements: Sequence[str] = _PG_DDL
    elif connection.dialect.name == "sqlite" and sqlite_has_trigram(connection):
        if _sqlite_index_exists(connection):
            return
        statements = _SQLITE_DDL
    else:
        return
    for statement in statements:
        connection.exec_driver_sql(statement)


def _sqlite_index_exists(connection: Connection) -> bool:
    query = "SELECT count(*) FROM sqlite_master WHERE name IN (?, ?)"
    return connection.exec_driver_sql(query, (FTS_TABLE, VOCAB_TABLE)).scalar() == 2


def drop_search_index(connection: Connection) -> None:
    """Remove the index (the extension, which other tables may use, stays)."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"DROP INDEX IF EXISTS {PG_INDEX}")
    elif connection.dialect.name == "sqlite":
        for statement in _SQLITE_DROP:
            connection.exec_driver_sql(statement)


def is_search_index(name: str | None, kind: str, _parent: object = None) -> bool:
    """Whether a schema object belongs to the search index (not modelled in ``tables.py``).

    Alembic's schema comparison leaves these out (``include_name``).
    """
    return bool(name) and (name.startswith(FTS_TABLE) or name == PG_INDEX)


def include_name(name: str | None, kind: str, parent: object) -> bool:
    """Alembic ``include_name`` hook: compare everything but the search index."""
    return not is_search_index(name, kind, parent)


def _trigrams(word: str) -> list[str]:
    return [word[i : i + 3] for i in range(len(word) - 2)]


def _quoted(grams: Iterable[str]) -> str:
    return " OR ".join('"' + g.replace('"', '""') + '"' for g in sorted(grams))


class ProductSearch:
    """Candidate products for a mention, from the search index of the session's database."""

    def __init__(self, session: Session, language: Language = ENGLISH) -> None:
        self.session = session
        self.language = language

    def candidates(self, mention: str, limit: int = CANDIDATES) -> list[ProductRow]:
        """Up to ``limit`` active products that look like the mention, best first.

        Args:
            mention: What the shopper typed for a product.
            limit: How many candidates to return.
        """
        words = self.language.normalize(mention).split()
        if not words:
            return []
        dialect = self.session.get_bind().dialect.name
        if dialect == "postgresql":
            return self._postgresql(" ".join(words), limit)
        if dialect == "sqlite" and self._has_fts():
            long = [w for w in words if len(w) >= 3]
            if not long:
                return self._like(words, limit)
            every_word = " AND ".join(f"({_quoted(_trigrams(w))})" for w in long)
            found = self._fts(every_word, limit)
            rare = "" if found else self._rare_trigrams(long)
            return found or (self._fts(rare, limit) if rare else [])
        return self._like(words, limit)

    def broader(self, mention: str, limit: int = CANDIDATES) -> list[ProductRow]:
        """More candidates when :meth:`candidates` found no good match.

        On SQLite: products sharing the mention's rarest trigrams though not one per word
        (an extra word the name lacks), and products with a word starting like a word of
        the mention (a typo that kept no trigram: "tropid"). Elsewhere: nothing more.
        """
        words = [w for w in self.language.normalize(mention).split() if len(w) >= 3]
        dialect = self.session.get_bind().dialect.name
        if dialect != "sqlite" or not words or not self._has_fts():
            return self.near_spellings(mention) if dialect == "sqlite" else []
        rare = self._rare_trigrams(words)
        return (self._fts(rare, limit) if rare else []) + self.near_spellings(mention)

    def near_spellings(self, mention: str, limit: int = NEAR_LIMIT) -> list[ProductRow]:
        """Products with a word starting like one of the mention's words (first two letters).

        The second pass when the index's candidates match poorly: a misspelling that keeps
        no trigram of the word ("tropid" for "tripod") still keeps its first letters.
        """
        words = [w for w in self.language.normalize(mention).split() if w[:2].isalpha()]
        if not words:
            return []
        clauses = []
        for word in words:
            clauses += [
                ProductRow.name.ilike(f"{word[:2]}%"),
                ProductRow.name.ilike(f"% {word[:2]}%"),
            ]
        query = select(ProductRow).where(or_(*clauses), ProductRow.active.is_(True))
        return list(self.session.scalars(query.limit(limit)))

    def _rare_trigrams(self, words: Sequence[str]) -> str:
        """An FTS5 query OR-ing the mention's most selective trigrams.

        Common trigrams ("ing", "ter") match a large part of a big catalog, and ranking all
        those rows is what costs time; the rarest few of each word (plus the rarest overall)
        still find the product when a typo has broken the others. Trigrams no product has
        are dropped.
        """
        grams = {g for word in words for g in _trigrams(word)}
        if not grams:
            return ""
        marks = ", ".join(f":g{i}" for i in range(len(grams)))
        found = self.session.execute(
            text(f"SELECT term, doc FROM {VOCAB_TABLE} WHERE term IN ({marks})"),
            {f"g{i}": g for i, g in enumerate(sorted(grams))},
        )
        counts = dict(found.all())
        keep: set[str] = set()
        for word in words:
            known = sorted((counts[g], g) for g in _trigrams(word) if g in counts)
            keep |= {g for _, g in known[:RARE_PER_WORD]}
        rest = sorted((count, g) for g, count in counts.items() if g not in keep)
        keep |= {g for _, g in rest[: max(RARE_TOTAL - len(keep), 0)]}
        return _quoted(keep)

    def _has_fts(self) -> bool:
        found = self.session.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"),
            {"name": FTS_TABLE},
        ).first()
        return found is not None

    def _fts(self, match: str, limit: int) -> list[ProductRow]:
        statement = text(
            f"SELECT products.* FROM {FTS_TABLE} JOIN products ON products.id = {FTS_TABLE}.rowid"
            f" WHERE {FTS_TABLE} MATCH :query AND products.active"
            f" ORDER BY {FTS_TABLE}.rank LIMIT :limit"
        )
        query = select(ProductRow).from_statement(statement)
        return list(self.session.scalars(query, {"query": match, "limit": limit}))

    def _postgresql(self, mention: str, limit: int) -> list[ProductRow]:
        self.session.execute(text(f"SET LOCAL pg_trgm.word_similarity_threshold = {PG_THRESHOLD}"))
        name = ProductRow.name
        query = (
            select(ProductRow)
            .where(text(":mention <% lower(products.name)"), ProductRow.active.is_(True))
            .order_by(text(":mention <<-> lower(products.name)"), name)
            .limit(limit)
        )
        return list(self.session.scalars(query, {"mention": mention}))

    def _like(self, words: Sequence[str], limit: int) -> list[ProductRow]:
        clauses = [ProductRow.name.ilike(f"%{w[:4]}%") for w in words]
        query = select(ProductRow).where(or_(*clauses), ProductRow.active.is_(True))
        return list(self.session.scalars(query.order_by(ProductRow.sku).limit(LIKE_LIMIT)))
