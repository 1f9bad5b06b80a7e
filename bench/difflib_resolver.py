"""The product resolver the chat used before the search index (baseline of catalog_search.py).

Kept as it was on main: it loads the whole active catalog and scores every product with
``difflib`` on every message (exact name, family, all words contained, then fuzzy windows).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

import common  # noqa: F401  (puts the repository on sys.path)
from sqlalchemy.orm import Session

from bot.domain.models import Product
from bot.store.mapping import product_of
from bot.store.repositories import CatalogRepository

ACCEPT_RATIO = 0.8
_FILLER = {"the", "a", "an", "my", "this", "that", "these", "those", "some", "of", "x"}


def normalize(text: str) -> str:
    text = re.sub(r"(\d)([a-z])", r"\1 \2", text.lower())
    words = re.findall(r"[a-z0-9]+", text)
    return " ".join(w for w in words if w not in _FILLER)


def _windows(words: list[str], size: int) -> Iterable[str]:
    for start in range(max(1, len(words) - size + 1)):
        yield " ".join(words[start : start + size])


def _similarity(query: str, product: Product) -> float:
    phrases = [normalize(product.name)]
    if product.family:
        phrases.append(normalize(product.family))
    size = len(query.split())
    best = 0.0
    for phrase in phrases:
        for window in _windows(phrase.split(), size):
            best = max(best, SequenceMatcher(None, query, window).ratio())
    return best


def _pick(matches: Sequence[Product]) -> Product | None:
    return matches[0] if len(matches) == 1 else None


def resolve(query: str, products: Sequence[Product]) -> Product | None:
    """The product main's resolver acts on, or None (unknown or ambiguous)."""
    wanted = normalize(query)
    if not wanted:
        return None
    exact = [p for p in products if normalize(p.name) == wanted]
    if exact:
        return _pick(exact)
    family = [p for p in products if p.family and normalize(p.family) == wanted]
    if family:
        return _pick(family)
    words = set(wanted.split())
    containing = [p for p in products if words <= set(normalize(p.name).split())]
    if containing:
        return _pick(containing)
    scored = sorted(((_similarity(wanted, p), p) for p in products), key=lambda s: -s[0])
    if scored and scored[0][0] >= ACCEPT_RATIO:
        return _pick([p for score, p in scored if score >= scored[0][0] - 0.01])
    return None


def find(session: Session, query: str) -> Product | None:
    """As main's ``find_product``: the whole catalog per message, then :func:`resolve`."""
    products = [product_of(row) for row in CatalogRepository(session).products()]
    return resolve(query, products)
