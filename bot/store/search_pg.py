"""PostgreSQL queries of the catalog search: full-text words first, ``pg_trgm`` for typos.

See :mod:`bot.store.search`. Two GIN indexes serve it: ``to_tsvector('simple', name)``
(migration ``0008_catalog_fts_pg``) answers "which names have these words" in about a
millisecond at 50k SKUs; the trigram index on ``lower(name)`` (``0005_catalog_search``)
answers "which names have a word like this one", which a multi-word mention makes slow (its
trigrams are shared by most rows) — so it is only ever asked alone as the last pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session

from bot.domain.models import Product
from bot.store.mapping import product_from_columns
from bot.store.search_sqlite import COLUMNS

TSVECTOR = "to_tsvector('simple', name)"  # the indexed expression (queries must repeat it)
THRESHOLD = 0.3  # pg_trgm word-similarity floor for a candidate
_PLAIN = re.compile(r"^[a-z0-9]+$")


def _prefix(word: str) -> str:
    return f"{word}:*"  # "shoe" finds "shoes"; words are plain [a-z0-9] here


def passes(session: Session, words: Sequence[str], limit: int) -> Iterator[list[Product]]:
    """Focused, then lenient candidates (see :mod:`bot.store.search`; no broader pass).

    Focused: every known word (some name has a word starting with it) must be a word of
    the name, found by the full-text index, and each other word of three or more
    characters must look like a word of it (``pg_trgm``), checked on those rows only.
    Lenient: word similarity of the whole mention over the trigram index.
    """
    session.execute(text(f"SET LOCAL pg_trgm.word_similarity_threshold = {THRESHOLD}"))
    long = [w for w in words if len(w) >= 3]
    known = known_words(session, [w for w in long if _PLAIN.match(w)])
    if known:
        yield focused(session, " ".join(words), known, [w for w in long if w not in known], limit)
    yield lenient(session, " ".join(words), limit)


def known_words(session: Session, words: Sequence[str]) -> set[str]:
    """The words some product name has a word starting with (one round trip)."""
    if not words:
        return set()
    # An EXISTS expects an early hit and may scan the table computing to_tsvector: for a
    # word no name has (a typo) that is every row. The index answers either way.
    session.execute(text("SET LOCAL enable_seqscan = off"))
    probes = ", ".join(
        f"EXISTS (SELECT 1 FROM products WHERE {TSVECTOR} @@ to_tsquery('simple', :w{i}))"
        for i in range(len(words))
    )
    found = session.execute(
        text(f"SELECT {probes}"), {f"w{i}": _prefix(w) for i, w in enumerate(words)}
    ).one()
    session.execute(text("RESET enable_seqscan"))
    return {w for w, hit in zip(words, found, strict=True) if hit}


def focused(
    session: Session, mention: str, known: set[str], unknown: Sequence[str], limit: int
) -> list[Product]:
    """Active products with every known word, and a word like each unknown one."""
    fuzzy = "".join(f" AND :u{i} <% lower(products.name)" for i in range(len(unknown)))
    statement = text(
        f"SELECT {COLUMNS} FROM products"
        f" WHERE {TSVECTOR} @@ to_tsquery('simple', :words){fuzzy} AND products.active"
        " ORDER BY :mention <<-> lower(products.name), length(products.name), products.name"
        " LIMIT :limit"
    )
    values = {f"u{i}": w for i, w in enumerate(unknown)}
    values |= {"words": " & ".join(_prefix(w) for w in sorted(known)), "mention": mention}
    rows = session.execute(statement, values | {"limit": limit})
    return [product_from_columns(row) for row in rows]


def lenient(session: Session, mention: str, limit: int) -> list[Product]:
    """Active products with a word like the mention's (word similarity), best first."""
    statement = text(
        f"SELECT {COLUMNS} FROM products"
        " WHERE :mention <% lower(products.name) AND products.active"
        " ORDER BY :mention <<-> lower(products.name), products.name LIMIT :limit"
    )
    rows = session.execute(statement, {"mention": mention, "limit": limit})
    return [product_from_columns(row) for row in rows]
