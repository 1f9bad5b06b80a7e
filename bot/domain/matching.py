"""Understanding what the shopper typed: which product (with misspellings) and how many.

The store's search index retrieves a few dozen candidates for a mention; this module re-ranks
them with rapidfuzz and decides: one confident match, a near tie to ask about, or nothing
good (with suggestions). Language-specific parts come from :mod:`bot.domain.language`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from bot.domain.errors import AmbiguousProduct, InvalidQuantity, UnknownProduct
from bot.domain.language import ENGLISH, Language
from bot.domain.models import Product

MAX_QUANTITY = 20
ACCEPT_SCORE = 0.8  # a match at least this good may be acted on
SUGGEST_SCORE = 0.5  # "I couldn't find X" lists candidates at least this good
TIE_MARGIN = 0.04  # candidates this close to the best are a near tie
WORD_MATCH = 80  # rapidfuzz ratio from which a word counts as the same (one typo in five)
CART_BONUS = 0.06  # remove / change: how much a line already in the cart is preferred
MAX_OPTIONS = 4  # at most this many options in "Did you mean …?"
NUMBER_MISMATCH = 0.5  # a number in the mention that the name lacks halves the score


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
    exact: bool = False  # the mention is the product's name (normalised)


def _is_number(word: str) -> bool:
    return word.replace(".", "", 1).isdigit()


def _words(product: Product, language: Language) -> tuple[list[str], list[str]]:
    """The name's words, and those plus the family's and adjacent pairs run together."""
    name = language.terms(product.name)
    words = name + [w for w in language.terms(product.family or "") if w not in name]
    joined = [a + b for a, b in zip(words, words[1:], strict=False)]
    return name, words + joined


def _similarities(mention: Sequence[str], vocabulary: Sequence[str]) -> np.ndarray:
    """Rapidfuzz ratios (0–100) of every mention word against every vocabulary word.

    Numbers must be equal: a number scores 100 against itself and 0 against anything else.
    """
    matrix = cdist(mention, vocabulary, scorer=fuzz.ratio, dtype=np.float32)
    for row, word in enumerate(mention):
        if _is_number(word):
            matrix[row] = [100.0 if word == other else 0.0 for other in vocabulary]
    for column, other in enumerate(vocabulary):
        if _is_number(other):
            matrix[:, column] = [100.0 if word == other else 0.0 for word in mention]
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
    mention covers, so "travel tripod" beats "tripod" for "Travel Tripod"; an identical
    name scores 1. A number in the mention that the name lacks (capacity, size, pack or
    model number) halves the score.

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
    words = {p.sku: _words(p, language) for p in unique}
    vocabulary = sorted({w for _, all_words in words.values() for w in all_words})
    column = {w: i for i, w in enumerate(vocabulary)}
    matrix = _similarities(mention, vocabulary)
    numbers = [w for w in mention if _is_number(w)]
    scored = []
    for product in unique:
        name, all_words = words[product.sku]
        if not name:
            scored.append(Scored(0.0, product))
            continue
        best = matrix[:, [column[w] for w in all_words]].max(axis=1)
        covered = (matrix[:, [column[w] for w in name]] >= WORD_MATCH).any(axis=0).sum()
        exact = list(mention) == name
        if exact:
            value = 1.0
        else:
            value = min(float(0.8 * best.mean() / 100 + 0.2 * covered / len(name)), 0.99)
        if any(w not in all_words for w in numbers):
            value *= NUMBER_MISMATCH
        value += cart_bonus if product.sku in prefer else 0.0
        scored.append(Scored(value, product, exact))
    return sorted(scored, key=lambda s: (-s.score, s.product.name, s.product.sku))


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

    The product whose name the mention is (normalised) is returned. Otherwise one confident
    match is returned, and a near tie (within :data:`TIE_MARGIN` of the best) is broken by
    the cart's lines when exactly one of them is in the cart, else it is a question.

    Raises:
        UnknownProduct: With up to three close suggestions, when nothing matches well enough.
        AmbiguousProduct: With the tied options (names and SKUs), best first.
    """
    prefer = set(preferred)
    ranked = rank(query, products, prefer, cart_bonus, language)
    if not language.terms(query) or not ranked or ranked[0].score < ACCEPT_SCORE:
        near = tuple(s.product.name for s in ranked[:3] if s.score >= SUGGEST_SCORE)
        raise UnknownProduct(query, near)
    exact = [s.product for s in ranked if s.exact]
    top = exact or [s.product for s in ranked if s.score >= ranked[0].score - TIE_MARGIN]
    if len(top) == 1:
        return top[0]
    in_cart = [p for p in top if p.sku in prefer]
    if len(in_cart) == 1:
        return in_cart[0]
    options = in_cart or top
    options = options[:MAX_OPTIONS]
    raise AmbiguousProduct(query, tuple(p.name for p in options), tuple(p.sku for p in options))


PICK_SCORE = 0.5  # an answer to "Did you mean …?" must match one option at least this well


def pick_option(
    answer: str, options: Sequence[Product], language: Language = ENGLISH
) -> Product | None:
    """The option an answer to "Did you mean A or B?" picks, if it picks exactly one.

    An ordinal ("the first one", "2", "the last"), a distinguishing attribute ("the 65 W
    one", "the leather one") or the full name all pick; anything else picks nothing.

    Args:
        answer: The shopper's reply (or the product mention in it).
        options: The options, in the order they were shown.
        language: The shopper's language.
    """
    index = language.ordinal(answer, len(options))
    if index is not None:
        return options[index]
    ranked = rank(language.content(answer), options, language=language)
    if not ranked or ranked[0].score < PICK_SCORE:
        return None
    if len(ranked) > 1 and ranked[1].score > ranked[0].score - TIE_MARGIN:
        return None
    return ranked[0].product
