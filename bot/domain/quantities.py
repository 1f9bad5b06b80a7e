"""How many the shopper asked for: the quantity grammar of cart requests (pure, no I/O).

Accepted: digits and number words (read by ``text2num``), "a couple / a pair / half a
dozen / a dozen", "2x", "x2", "×2", "another one" and "one more". Refused, with the valid
range: decimals, fractions, zero, negatives and more than :data:`MAX_QUANTITY`. A plain
number may still belong to a product name ("aria phone 128"): the flows try that reading
first and let the catalog search decide (:meth:`Language.readings`). The language's own
words come from :meth:`Language.quantity_phrases` (English: :mod:`bot.domain.language.en`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from bot.domain.errors import RefusedQuantity
from bot.domain.language import ENGLISH, Language
from bot.domain.matching import MAX_QUANTITY


class Direction(Enum):
    """Whether a quantity is the amount itself, one more, or one less."""

    ABSOLUTE = "absolute"
    MORE = "more"  # "one more", "another", "two extra"
    LESS = "less"  # "one less", "two fewer"


@dataclass(frozen=True)
class QuantityPhrase:
    """A quantity written in a message.

    Attributes:
        text: The phrase as written ("2x", "a couple of", "1.5").
        start: Its offset in the scanned text.
        end: Its end offset.
        value: The whole number, or None for a decimal, fraction or negative.
        kind: ``"marked"`` (never part of a name), ``"bare"`` (a plain number that may be
            part of a name), ``"refused"``, ``"more"`` or ``"less"``.
    """

    text: str
    start: int
    end: int
    value: int | None
    kind: str

    @property
    def direction(self) -> Direction:
        """Relative ("one more", "one less") or absolute."""
        if self.kind == "more":
            return Direction.MORE
        return Direction.LESS if self.kind == "less" else Direction.ABSOLUTE

    @property
    def may_be_name(self) -> bool:
        """A plain number, which the catalog may claim as part of a product name."""
        return self.kind == "bare"


def phrases(text: str, language: Language = ENGLISH) -> list[QuantityPhrase]:
    """Every quantity phrase of ``text``, in order."""
    return [
        QuantityPhrase(text[start:end], start, end, value, kind)
        for start, end, value, kind in language.quantity_phrases(text)
    ]


def main_phrase(text: str, language: Language = ENGLISH) -> QuantityPhrase | None:
    """The quantity a request is about: the first unambiguous phrase, else the first number."""
    found = phrases(text, language)
    certain = [phrase for phrase in found if not phrase.may_be_name]
    return (certain or found or [None])[0]


def checked(value: int | None, said: str, maximum: int = MAX_QUANTITY) -> int:
    """``value`` when it is a whole number from 1 to ``maximum``.

    Raises:
        RefusedQuantity: Otherwise (with what was said and the valid range).
    """
    if value is None or not 1 <= value <= maximum:
        raise RefusedQuantity(said.strip(), maximum)
    return value


def parse_quantity(
    text: str | None, default: int = 1, maximum: int = MAX_QUANTITY, language: Language = ENGLISH
) -> int:
    """The whole number a quantity text stands for ("2", "two", "2x", "a couple of").

    Args:
        text: The quantity as written, or None / blank for ``default``.
        default: The quantity when none was said.
        maximum: The largest quantity accepted (the shop's maximum).
        language: The shopper's language.

    Raises:
        RefusedQuantity: A decimal, fraction, zero, negative, too large, or no number.
    """
    if text is None or not text.strip():
        return default
    phrase = main_phrase(text, language)
    if phrase is not None:
        return checked(phrase.value, text, maximum)
    return checked(language.quantity(text), text, maximum)


def without(text: str, phrase: QuantityPhrase | None) -> str:
    """``text`` with the phrase's words taken out ("2x mug" → "mug")."""
    if phrase is None:
        return text
    words = re.escape(phrase.text.strip())
    return " ".join(re.sub(rf"(?i)(?<![\w.]){words}(?![\w])", " ", text).split())


def amount_only(text: str, language: Language = ENGLISH) -> bool:
    """Whether a product span is only an amount ("2", "x2", "two", "a couple of"): no name."""
    rest = without(text, main_phrase(text, language)) if text.strip() else ""
    return not language.content(rest).strip()


def contradicting(text: str, name: str, language: Language = ENGLISH) -> tuple[int, ...]:
    """The different counts one request says for one product ("3 mugs x2" → (3, 2)).

    Numbers of the product's own name ("2 256 GB SD Cards": the 256) don't count, nor do
    relative phrases ("one more"). Empty when the request says one count (or none).
    """
    in_name = set(re.findall(r"\d+", name))
    values: list[int] = []
    for phrase in phrases(text, language):
        if phrase.value is None or phrase.direction is not Direction.ABSOLUTE:
            continue
        if phrase.kind not in ("marked", "bare"):
            continue
        if phrase.may_be_name and str(phrase.value) in in_name:
            continue
        if phrase.value not in values:
            values.append(phrase.value)
    return tuple(values) if len(values) > 1 else ()


_YES_FIRST = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|ok|okay|sure|fine|alright|go\s+on)\b\W*", re.IGNORECASE
)
_COUNT_WORDS = frozenset(
    {
        "but", "only", "just", "make", "it", "please", "pls", "thanks", "thank", "you",
        "actually", "then", "i", "want", "need", "the", "a", "an", "of", "them", "those",
        "these", "one", "ones", "x", "will", "do", "for", "me", "instead",
    }
)  # fmt: skip


def count_after_yes(text: str | None, language: Language = ENGLISH) -> int | None:
    """The count a "yes" answer changes to ("yes but only one", "ok, just 2 please").

    Only a yes followed by a count and filler words counts: "yes, the 256 one" or a yes
    saying anything else is no count (None), and neither is a plain "yes".
    """
    said = _YES_FIRST.match(text or "")
    if said is None:
        return None
    rest = (text or "")[said.end() :]
    phrase = main_phrase(rest, language)
    if phrase is None or phrase.value is None or phrase.direction is not Direction.ABSOLUTE:
        return None
    if re.match(r"\s*ones?\b", rest[phrase.end :], re.IGNORECASE):
        return None  # "yes, the 256 one": a pick by name, no count
    others = re.findall(r"[a-z][a-z']*", without(rest, phrase).lower())
    return phrase.value if all(word in _COUNT_WORDS for word in others) else None


_OFFER_COUNT_WORDS = _COUNT_WORDS | frozenset(
    {"add", "that", "throw", "in", "get", "give", "take", "those", "yes", "too", "go", "with"}
)


def count_with_yes(text: str | None, language: Language = ENGLISH) -> int | None:
    """The count a yes to an offer takes ("yes pls, make it two", "yeah add two", "yes 2 of those").

    The yes comes first and the rest says only a count and filler words: that many of the
    offered item (trial 14, F18 / F19). "yes, double it" or a yes naming more is no count.
    """
    said = _YES_FIRST.match(text or "")
    if said is None:
        return None
    rest = (text or "")[said.end() :]
    phrase = main_phrase(rest, language)
    if phrase is None or phrase.value is None or phrase.direction is Direction.LESS:
        return None
    if re.match(r"\s*ones?\b", rest[phrase.end :], re.IGNORECASE):
        return None  # "yes, the 256 one": a pick by name, no count
    others = re.findall(r"[a-z][a-z']*", without(rest, phrase).lower())
    return phrase.value if all(word in _OFFER_COUNT_WORDS for word in others) else None


def after_yes(text: str | None) -> str | None:
    """What follows a yes at the start of a message ("yes, double it" → "double it"), else None."""
    said = _YES_FIRST.match(text or "")
    return None if said is None else (text or "")[said.end() :]
