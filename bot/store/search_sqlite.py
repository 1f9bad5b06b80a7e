"""SQLite queries of the catalog search (FTS5 trigram, or ``LIKE`` without it).

See :mod:`bot.store.search` for the index and the passes. Every query here is bounded: the
re-ranker never sees more than a few dozen rows per pass (a few hundred in the last resort).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.domain.matching import shortlist
from bot.domain.models import Product
from bot.store.db import store_engine
from bot.store.mapping import product_from_columns

FTS_TABLE = "products_fts"  # trigrams: misspellings still share some
WORDS_TABLE = "products_fts_words"  # whole words (unicode61, 2-letter prefix index)
VOCAB_TABLE = "products_fts_vocab"  # each trigram's document count, to query the rare ones
RARE_PER_WORD = 3  # the rarest trigrams of each word are always searched...
RARE_TOTAL = 10  # ...plus the rarest of the rest, up to this many in all
POOL = 1000  # names with every known word the focused pass short-lists from
NEAR_LIMIT = 200  # rows the last, first-letters pass may hand to the re-ranker
LIKE_LIMIT = 2000  # without an index every row containing a word is re-ranked (small shops)
COLUMNS = ", ".join(
    f"products.{c}"
    for c in (
        "sku", "name", "category", "price_minor", "currency", "stock", "role", "family",
        "tier", "tier_label", "active",
    )
)  # fmt: skip  # mapping.PRODUCT_COLUMNS, for product_from_columns
_HAS_INDEX: WeakKeyDictionary[Engine, tuple[int, bool]] = WeakKeyDictionary()


def has_index(session: Session) -> bool:
    """Whether the store has the FTS5 index (cached until the schema changes)."""
    connection = session.connection()
    version = _read(session, "PRAGMA schema_version", ())[0][0]
    engine = store_engine(connection.engine)  # read-only and writing units: one entry
    cached = _HAS_INDEX.get(engine)
    if cached is None or cached[0] != version:
        query = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (?, ?)"
        found = connection.exec_driver_sql(query, (FTS_TABLE, WORDS_TABLE)).scalar() == 2
        cached = _HAS_INDEX[engine] = (version, found)
    return cached[1]


def trigrams(word: str) -> list[str]:
    """The word's three-letter pieces (what the ``trigram`` tokenizer indexes)."""
    return [word[i : i + 3] for i in range(len(word) - 2)]


def _quoted(grams: Iterable[str]) -> str:
    return " OR ".join('"' + g.replace('"', '""') + '"' for g in sorted(grams))


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _read(session: Session, sql: str, params: Sequence[Any]) -> list[tuple]:
    """Rows from the DBAPI cursor of the session's connection.

    A few hundred rows through SQLAlchemy's result machinery cost several milliseconds;
    the driver's own cursor reads them in a fraction of that (same transaction).
    """
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(sql, tuple(params))
        return cursor.fetchall()
    finally:
        cursor.close()


def _products(rows: Iterable[Sequence[Any]]) -> list[Product]:
    return [product_from_columns((*row[:-1], bool(row[-1]))) for row in rows]


def _prefix(text: str) -> str:
    return _phrase(text) + "*"  # "shoe" finds "Shoes", "256" finds "256GB"


def passes(
    session: Session, words: Sequence[str], limit: int, broader: bool
) -> Iterator[list[Product]]:
    """Focused, lenient, rare-trigram and (``broader``) first-letter candidates.

    Words of fewer than three characters ("gb", "2") are left to the re-ranker. Focused:
    the word index, every known word as a prefix of a word of the name (a pool of at most
    :data:`POOL` names, short-listed by :func:`bot.domain.matching.shortlist`, so a
    misspelt word still counts). Lenient: the trigram index, each word by any
    of its trigrams some name has (a word left with none, "mgu", is left out).
    """
    long = [w for w in words if len(w) >= 3]
    if not long:
        yield like(session, words)
        return
    known = known_words(session, long)
    if known:
        yield focused(session, words, known, limit)
    counts = trigram_counts(session, long)
    some = {w: [g for g in trigrams(w) if g in counts] for w in long}
    like_one = [f"({_quoted(grams)})" for grams in some.values() if grams]
    if like_one:
        yield fts(session, " AND ".join(like_one), limit)
    if len(like_one) > 2:  # one word broken beyond its trigrams ("bots": "bot" is Bottle's)
        yield all_but_one(session, like_one, limit)
    rare = rare_trigrams(long, counts)
    yield fts(session, rare, limit) if rare else []
    if broader:
        yield near_spellings(session, words)


def all_but_one(session: Session, like_one: Sequence[str], limit: int) -> list[Product]:
    """Names like every word but one, for each word left out in turn (best BM25 of each).

    Each query is an AND, so the index prunes it to a few rows: far cheaper than ranking
    every name that has one of the rare trigrams (thousands at 50k SKUs), which it precedes.
    """
    rows: dict[str, Product] = {}
    for skip in range(len(like_one)):
        match = " AND ".join(part for i, part in enumerate(like_one) if i != skip)
        for product in fts(session, match, limit // 2):
            rows.setdefault(product.sku, product)
    return list(rows.values())


def focused(session: Session, words: Sequence[str], known: set[str], limit: int) -> list[Product]:
    """The ``limit`` names most like the mention among those with every known word."""
    match = " AND ".join(_prefix(w) for w in sorted(known))
    pool = _read(
        session,
        f"SELECT products.id, products.name FROM products WHERE products.id IN"
        f" (SELECT rowid FROM {WORDS_TABLE} WHERE {WORDS_TABLE} MATCH ?)"
        " AND products.active LIMIT ?",
        (match, POOL),
    )
    best = shortlist(" ".join(words), (name for _, name in pool), limit)
    ids = [row_id for row_id, name in pool if name in best][:limit]
    marks = ", ".join("?" for _ in ids)
    sql = f"SELECT {COLUMNS} FROM products WHERE products.id IN ({marks})"
    chosen = _read(session, sql, ids) if ids else []
    return _products(sorted(chosen, key=lambda row: best[row[1]]))


def trigram_counts(session: Session, words: Sequence[str]) -> dict[str, int]:
    """How many names have each trigram of the words (those no name has are left out).

    One lookup per trigram, in one round trip (``fts5vocab`` answers ``term = ?`` from
    the index; ``term IN (…)`` would scan it).
    """
    grams = sorted({g for word in words for g in trigrams(word)})
    if not grams:
        return {}
    one = f"SELECT term, doc FROM {VOCAB_TABLE} WHERE term = ?"
    query = " UNION ALL ".join(one for _ in grams)
    return dict(_read(session, query, grams))


def known_words(session: Session, words: Sequence[str]) -> set[str]:
    """The words that start a word of some product name (one round trip)."""
    probes = ", ".join(
        f"(SELECT 1 FROM {WORDS_TABLE} WHERE {WORDS_TABLE} MATCH ? LIMIT 1)" for _ in words
    )
    [found] = _read(session, f"SELECT {probes}", [_prefix(w) for w in words])
    return {w for w, hit in zip(words, found, strict=True) if hit}


def fts(session: Session, match: str, limit: int, table: str = FTS_TABLE) -> list[Product]:
    """Active products matching an FTS5 query on one of the indexes, best BM25 first."""
    return _products(
        _read(
            session,
            f"SELECT {COLUMNS} FROM {table} JOIN products ON products.id = {table}.rowid"
            f" WHERE {table} MATCH ? AND products.active ORDER BY {table}.rank LIMIT ?",
            (match, limit),
        )
    )


def rare_trigrams(words: Sequence[str], counts: dict[str, int]) -> str:
    """An FTS5 query OR-ing the mention's most selective trigrams.

    Common trigrams ("ing", "ter") match a large part of a big catalog, and ranking all
    those rows is what costs time; the rarest few of each word (plus the rarest overall)
    still find the product when a typo has broken the others.

    Args:
        words: The mention's words.
        counts: Names per trigram (:func:`trigram_counts`).
    """
    keep: set[str] = set()
    for word in words:
        known = sorted((counts[g], g) for g in trigrams(word) if g in counts)
        keep |= {g for _, g in known[:RARE_PER_WORD]}
    rest = sorted((count, g) for g, count in counts.items() if g not in keep)
    keep |= {g for _, g in rest[: max(RARE_TOTAL - len(keep), 0)]}
    return _quoted(keep)


def near_spellings(
    session: Session, words: Sequence[str], limit: int = NEAR_LIMIT
) -> list[Product]:
    """Products with a word starting like one of the mention's words (first two letters).

    The last resort when the index's candidates match poorly: a misspelling that keeps no
    trigram of the word ("tropid" for "tripod") still keeps its first letters. Words of
    fewer than three letters are too common a start to narrow anything.
    """
    starts = sorted({w[:2] for w in words if len(w) >= 3 and w[:2].isalpha()})
    if not starts:
        return []
    clauses = " OR ".join("products.name LIKE ? OR products.name LIKE ?" for _ in starts)
    values = [pattern for start in starts for pattern in (f"{start}%", f"% {start}%")]
    sql = f"SELECT {COLUMNS} FROM products WHERE ({clauses}) AND products.active LIMIT ?"
    return _products(_read(session, sql, (*values, limit)))


def like(session: Session, words: Sequence[str]) -> list[Product]:
    """Without an index: every active product containing a word's first four letters.

    SQLite's ``LIKE`` ignores the case of ASCII letters; the words are lower case.
    """
    clauses = " OR ".join("products.name LIKE ?" for _ in words)
    sql = (
        f"SELECT {COLUMNS} FROM products WHERE ({clauses}) AND products.active"
        " ORDER BY products.sku LIMIT ?"
    )
    return _products(_read(session, sql, (*(f"%{w[:4]}%" for w in words), LIKE_LIMIT)))
