"""Understanding what the shopper typed: product names (with misspellings) and quantities."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from bot.domain.errors import AmbiguousProduct, InvalidQuantity, UnknownProduct
from bot.domain.models import Product

MAX_QUANTITY = 20
ACCEPT_RATIO = 0.8
SUGGEST_RATIO = 0.6
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "couple": 2, "pair": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_FILLER = {"the", "a", "an", "my", "this", "that", "these", "those", "some", "of", "x"}


def normalize(text: str) -> str:
    """Lower-case, split digits from units ("256gb" → "256 gb"), drop punctuation and fillers."""
    text = re.sub(r"(\d)([a-z])", r"\1 \2", text.lower())
    words = re.findall(r"[a-z0-9]+", text)
    return " ".join(w for w in words if w not in _FILLER)


def parse_quantity(text: str | None, default: int = 1, maximum: int = MAX_QUANTITY) -> int:
    """Parse a quantity such as ``"2"``, ``"two"`` or ``None``.

    Raises:
        InvalidQuantity: If it is not a whole number from 1 to ``maximum``.
    """
    if text is None or not str(text).strip():
        return default
    word = str(text).strip().lower()
    if word in _NUMBER_WORDS:
        value = _NUMBER_WORDS[word]
    else:
        try:
            number = float(word)
        except ValueError as exc:
            raise InvalidQuantity(maximum) from exc
        if not number.is_integer():
            raise InvalidQuantity(maximum)
        value = int(number)
    if not 1 <= value <= maximum:
        raise InvalidQuantity(maximum)
    return value


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


def _pick(query: str, matches: Sequence[Product], preferred: set[str]) -> Product:
    if len(matches) == 1:
        return matches[0]
    in_cart = [p for p in matches if p.sku in preferred]
    if len(in_cart) == 1:
        return in_cart[0]
    raise AmbiguousProduct(query, tuple(p.name for p in matches))


def resolve_product(
    query: str, products: Sequence[Product], preferred: Iterable[str] = ()
) -> Product:
    """Find the product a shopper means.

    Tries, in order: exact name, family name, all words contained in a name, then a
    fuzzy match that tolerates small misspellings. Ties are broken in favour of
    ``preferred`` SKUs (the cart's lines).

    Raises:
        UnknownProduct: With close suggestions, when nothing matches well enough.
        AmbiguousProduct: When several products match equally well.
    """
    wanted = normalize(query)
    if not wanted:
        raise UnknownProduct(query)
    prefer = set(preferred)
    exact = [p for p in products if normalize(p.name) == wanted]
    if exact:
        return _pick(query, exact, prefer)
    family = [p for p in products if p.family and normalize(p.family) == wanted]
    if family:
        return _pick(query, family, prefer)
    words = set(wanted.split())
    containing = [p for p in products if words <= set(normalize(p.name).split())]
    if containing:
        return _pick(query, containing, prefer)
    scored = sorted(((_similarity(wanted, p), p) for p in products), key=lambda s: -s[0])
    if scored and scored[0][0] >= ACCEPT_RATIO:
        top = [p for score, p in scored if score >= scored[0][0] - 0.01]
        return _pick(query, top, prefer)
    suggestions = tuple(p.name for score, p in scored[:3] if score >= SUGGEST_RATIO)
    raise UnknownProduct(query, suggestions)
