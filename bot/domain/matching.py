"""Understanding what the shopper typed: which product (with misspellings) and how many.

The store's search index retrieves a few dozen candidates for a mention; this module re-ranks
them with rapidfuzz and decides: one confident match, a near tie to ask about, or nothing
good (with suggestions). Language-specific parts come from :mod:`bot.domain.language`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist, extract

from bot.domain.errors import AmbiguousProduct, InvalidQuantity, UnknownProduct
from bot.domain.language import ENGLISH, Language
from bot.domain.models import Product

MAX_QUANTITY = 20
MAX_CART_LINES = 50
"""Distinct products one cart may hold (the API and the chat refuse a 51st line)."""
ACCEPT_SCORE = 0.8  # a match at least this good may be acted on
SUGGEST_SCORE = 0.5  # "I couldn't find X" lists candidates at least this good
TIE_MARGIN = 0.04  # candidates this close to the best are a near tie
WORD_EDGE = 10  # a mention word matched this much better (rapidfuzz points) sets two apart
WORD_MATCH = 80  # rapidfuzz ratio from which a word counts as the same (one typo in five)
CART_BONUS = 0.06  # remove / change: how much a line already in the cart is preferred
MAX_OPTIONS = 4  # at most this many options in "Did you mean …?"
NUMBER_MISMATCH = 0.5  # a number in the mention that the name lacks halves the score
UNMATCHED_WORD = 50  # a mention word matched less than this (rapidfuzz points) is unexplained
UNMATCHED_FACTOR = 0.85  # ...and each one costs this share of the score


def normalize(text: str, language: Language = ENGLISH) -> str:
    """Comparable form of a name or mention (see :meth:`Language.normalize`)."""
    return language.normalize(text)


def parse_quantity(
    text: str | None, default: int = 1, maximum: int = MAX_QUANTITY, language: Language = ENGLISH
) -> int:
    """Parse a quantity such as ``"2"``, ``"two"`` or ``None``.

    Raises:
        InvalidQuantity: If it is not a whole number from 1 to ``maximum``.
    """
    if text is None or not str(text).strip():
        return default
    value = language.quantity(str(text))
    if value is None or not 1 <= value <= maximum:
        raise InvalidQuantity(maximum)
    return value


@dataclass(frozen=True)
class Scored:
    """A candidate product and how well it matches a mention (0–1)."""

    score: float
    product: Product
    exact: bool = False  # the mention is the product's name (normalised, in any word order)
    words: tuple[float, ...] = ()  # how well each mention word is matched (0–100)
    complete: bool = False  # every word of the name is matched by a mention word

    @property
    def perfect(self) -> bool:
        """Every mention word is a word of the name (or family): nothing is misspelt."""
        return bool(self.words) and min(self.words) >= 100.0

    def dominates(self, other: Scored) -> bool:
        """Whether this match is better than ``other`` in one respect and worse in none.

        Every mention word is matched at least as well, and either one word clearly better
        (by :data:`WORD_EDGE` points: "corrin" is a brand here, a misspelling there) or
        this name is all matched while ``other`` has words the mention does not name ("Haldex
        Kettle 1 l" over "Haldex Navy Kettle 1 l" for "haldex kettle 1 l").
        """
        pairs = list(zip(self.words, other.words, strict=False))
        if len(self.words) != len(other.words) or any(a < b for a, b in pairs):
            return False
        edge = any(a >= b + WORD_EDGE for a, b in pairs)
        return edge or (self.complete and not other.complete)


@lru_cache(maxsize=65536)
def _is_number(word: str) -> bool:
    return word.replace(".", "", 1).isdigit()


@dataclass(frozen=True)
class _NameWords:
    """A name's words as :func:`rank` reads them (cached per name and family)."""

    name: tuple[str, ...]  # the name's words
    every: tuple[str, ...]  # those, the family's, and adjacent pairs run together
    every_set: frozenset[str]
    ordered: tuple[str, ...]  # the name's words sorted (for "same words, any order")


@lru_cache(maxsize=131072)
def _name_words(name: str, family: str, language: Language) -> _NameWords:
    words = language.terms(name)
    every = words + [w for w in language.terms(family) if w not in words]
    every += [a + b for a, b in zip(every, every[1:], strict=False)]
    return _NameWords(tuple(words), tuple(every), frozenset(every), tuple(sorted(words)))


def _similarities(mention: Sequence[str], vocabulary: Sequence[str]) -> np.ndarray:
    """Rapidfuzz ratios (0–100) of every mention word against every vocabulary word.

    Numbers must be equal: a number scores 100 against itself and 0 against anything else.
    """
    matrix = cdist(mention, vocabulary, scorer=fuzz.ratio, dtype=np.float32)
    rows = [i for i, word in enumerate(mention) if _is_number(word)]
    columns = [i for i, word in enumerate(vocabulary) if _is_number(word)]
    if rows or columns:
        words = np.array(vocabulary, dtype=object)
        for row in rows:
            matrix[row] = np.where(words == mention[row], 100.0, 0.0)
        for col in columns:
            matrix[:, col] = [100.0 if word == vocabulary[col] else 0.0 for word in mention]
    return matrix


def rank(
    query: str,
    products: Iterable[Product],
    preferred: Iterable[str] = (),
    cart_bonus: float = 0.0,
    language: Language = ENGLISH,
) -> list[Scored]:
    """Score candidates for a mention from 0 to 1, best first (ties by name).

    80% of a score is how well each mention word is matched by a word of the name or the
    family (misspellings tolerated, "usbc" matching "usb c"), 20% how much of the name the
    mention covers, so "travel tripod" beats "tripod" for "Travel Tripod"; a name of exactly
    the mention's words, in any order, scores 1. A number in the mention that the name
    lacks (capacity, size, pack or model number) halves the score, and each mention word
    nothing in the name resembles (under :data:`UNMATCHED_WORD` points) costs 15% of it:
    "gaava snundbar v8" is not "Orva Soundbar V8" just because two of its words fit.

    One matrix of word similarities serves every candidate (numpy, no per-word Python
    loop), and each name's words are cached: a search re-ranks a few hundred names.

    Args:
        query: What the shopper typed for the product.
        products: Candidates (from the search index, plus the cart's lines).
        preferred: SKUs to prefer (the cart's lines).
        cart_bonus: Added to a preferred candidate's score (remove and change use
            :data:`CART_BONUS`; add uses 0, where the cart only breaks ties).
        language: The shopper's language.
    """
    mention = language.terms(query)
    prefer = set(preferred)
    unique = list({p.sku: p for p in products}.values())
    if not mention or not unique:
        return [Scored(0.0, p) for p in unique]
    words = [_name_words(p.name, p.family or "", language) for p in unique]
    named = [(p, w) for p, w in zip(unique, words, strict=True) if w.name]
    scored = [Scored(0.0, p) for p, w in zip(unique, words, strict=True) if not w.name]
    if named:
        scored += _scores(mention, named, prefer, cart_bonus)
    return by_score(scored)


def by_score(scored: Iterable[Scored]) -> list[Scored]:
    """Scored candidates best first, ties by name then SKU (the order :func:`rank` gives)."""
    return sorted(scored, key=lambda s: (-s.score, s.product.name, s.product.sku))


def _scores(
    mention: Sequence[str],
    named: Sequence[tuple[Product, _NameWords]],
    prefer: set[str],
    cart_bonus: float,
) -> list[Scored]:
    """:func:`rank`'s scores of candidates whose names have words."""
    vocabulary = sorted({w for _, words in named for w in words.every})
    column = {w: i for i, w in enumerate(vocabulary)}
    matrix = _similarities(mention, vocabulary)
    every = [column[w] for _, words in named for w in words.every]
    starts = np.cumsum([0] + [len(words.every) for _, words in named[:-1]])
    best_all = np.maximum.reduceat(matrix[:, every], starts, axis=1).T.tolist()
    hit = (matrix >= WORD_MATCH).any(axis=0)
    numbers = [w for w in mention if _is_number(w)]
    wanted = tuple(sorted(mention))
    scored = []
    for (product, words), best in zip(named, best_all, strict=True):
        covered = sum(1 for w in words.name if hit[column[w]])
        exact = wanted == words.ordered
        fuzzy = 0.8 * sum(best) / len(best) / 100 + 0.2 * covered / len(words.name)
        value = 1.0 if exact else min(fuzzy, 0.99)
        if any(w not in words.every_set for w in numbers):
            value *= NUMBER_MISMATCH
        value *= UNMATCHED_FACTOR ** sum(1 for b in best if b < UNMATCHED_WORD)
        value += cart_bonus if product.sku in prefer else 0.0
        scored.append(Scored(value, product, exact, tuple(best), covered == len(words.name)))
    return scored


def shortlist(
    query: str, names: Iterable[str], limit: int, language: Language = ENGLISH
) -> dict[str, int]:
    """The ``limit`` names most like a mention, each with its place (0 = best).

    A cheap first cut before :func:`rank` (rapidfuzz's ``token_set_ratio`` on the
    normalised words, in C): the store hands over a few hundred names sharing the
    mention's known words, of which a misspelt brand or noun keeps the right ones near the
    top.
    """
    choices = list(dict.fromkeys(names))
    mention = language.fold(" ".join(language.terms(query)))
    folded = [_folded(name, language) for name in choices]
    found = extract(mention, folded, scorer=fuzz.token_set_ratio, processor=None, limit=limit)
    return {choices[index]: place for place, (_, _, index) in enumerate(found)}


@lru_cache(maxsize=131072)
def _folded(name: str, language: Language) -> str:
    """:meth:`Language.fold` of a name (cached: names recur in every search)."""
    return language.fold(name)


def score(mention: Sequence[str], product: Product, language: Language = ENGLISH) -> float:
    """How well mention words (from :meth:`Language.terms`) match one product (see :func:`rank`)."""
    return rank(" ".join(mention), [product], language=language)[0].score


def resolve_product(
    query: str,
    products: Iterable[Product],
    preferred: Iterable[str] = (),
    cart_bonus: float = 0.0,
    language: Language = ENGLISH,
) -> Product:
    """Find the product a shopper means among candidates.

    The product whose name the mention is (normalised, any word order) is returned.
    Otherwise one confident match is returned. Candidates within :data:`TIE_MARGIN` of the
    best that it dominates (:meth:`Scored.dominates`: worse in some respect, better in none)
    are no tie; a remaining near tie is broken by the cart's lines when exactly one of them
    is in the cart, else it is a question.

    Raises:
        UnknownProduct: With up to three close suggestions, when nothing matches well enough.
        AmbiguousProduct: With the tied options (names and SKUs), best first; ``settled``
            when the best has every word of the query (more candidates cannot break it).
    """
    prefer = set(preferred)
    return decide(query, rank(query, products, prefer, cart_bonus, language), prefer, language)


def decide(
    query: str, ranked: Sequence[Scored], prefer: set[str], language: Language = ENGLISH
) -> Product:
    """:func:`resolve_product`'s decision on candidates already ranked (best first).

    A caller searching in passes ranks each pass's new rows only and decides on them all.

    Raises:
        UnknownProduct, AmbiguousProduct: As :func:`resolve_product`.
    """
    if not language.terms(query) or not ranked or ranked[0].score < ACCEPT_SCORE:
        near = [s.product for s in ranked[:3] if s.score >= SUGGEST_SCORE]
        raise UnknownProduct(query, tuple(p.name for p in near), tuple(p.sku for p in near))
    top = _near_tie(ranked, prefer)
    if len(top) == 1:
        return top[0]
    in_cart = [p for p in top if p.sku in prefer]
    if len(in_cart) == 1:
        return in_cart[0]
    options = in_cart or top
    options = options[:MAX_OPTIONS]
    tie = AmbiguousProduct(query, tuple(p.name for p in options), tuple(p.sku for p in options))
    tie.settled = ranked[0].perfect
    raise tie


def _near_tie(ranked: Sequence[Scored], prefer: set[str]) -> list[Product]:
    """The candidates a shopper may mean.

    The exact names, else the best and those close to it that it does not dominate (a cart
    line stays unless the best is one too).
    """
    exact = [s.product for s in ranked if s.exact]
    if exact:
        return exact
    best = ranked[0]
    in_cart = best.product.sku in prefer
    return [
        s.product
        for s in ranked
        if s.score >= best.score - TIE_MARGIN
        and (s is best or not best.dominates(s) or (s.product.sku in prefer and not in_cart))
    ]
