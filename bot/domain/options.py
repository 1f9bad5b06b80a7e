"""Answers to "Did you mean …?": which option a reply picks, by ordinal, name or attribute (pure).

"the first one", "the 65 W one" and a full name pick by position or words
(:func:`pick_option`); "the cheaper one" and "the bigger one" pick by
the options' own price and the size or capacity their names state; "yes" / "that one"
takes the only option of "Did you mean X?". An answer the options cannot decide (equal
prices, no size in the names) picks nothing: the question is asked again, never guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from bot.domain.language import ENGLISH, Language
from bot.domain.matching import TIE_MARGIN, rank
from bot.domain.models import Product

PRICE, SIZE = "price", "size"  # what Language.comparison picks by


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


@dataclass(frozen=True)
class Pick:
    """What a reply does to a pending "Did you mean …?".

    Attributes:
        product: The option it picks, or None.
        answered: The reply is an answer to the question even if it picks nothing ("the
            cheaper one" when both cost the same, "yes" to two options): ask again rather
            than read it as a new request.
    """

    product: Product | None
    answered: bool
    narrowed: tuple[Product, ...] = ()  # the options still in question when it narrows them


def by_attribute(
    options: Sequence[Product], attribute: str, way: int, language: Language = ENGLISH
) -> Product | None:
    """The one option with the lowest (``way`` -1) or highest (1) price or size, if one.

    Sizes compare only when every option's name states one in the same dimension ("128
    GB" and "256 GB"; "13-inch" and "15-inch"). A tie for the extreme, or a size missing
    or not comparable, decides nothing (None).
    """
    values: list[Decimal | float]
    if attribute == PRICE:
        values = [option.price for option in options]
    elif attribute == SIZE:
        sizes = [language.size(option.name) for option in options]
        if any(s is None for s in sizes) or len({s[0] for s in sizes if s}) != 1:
            return None
        values = [s[1] for s in sizes if s]
    else:
        return None
    if not values:
        return None
    best = min(values) if way < 0 else max(values)
    return options[values.index(best)] if values.count(best) == 1 else None


def read_pick(answer: str, options: Sequence[Product], language: Language = ENGLISH) -> Pick:
    """How a reply answers "Did you mean …?" with these options (in the order shown).

    Args:
        answer: The shopper's reply (or the product mention in it).
        options: The options still on offer, in order.
        language: The shopper's language.
    """
    if not options:
        return Pick(None, False)
    compared = language.comparison(answer)
    if compared is not None:
        return Pick(by_attribute(options, *compared, language), True)
    if language.affirms(answer):  # "yes" / "that one": only "Did you mean X?" is answered
        return Pick(options[0] if len(options) == 1 else None, True)
    ruled_out = language.rejection(answer)
    if ruled_out is not None or language.other_one(answer):
        return _other_than(ruled_out, options, language)
    picked = pick_option(answer, options, language)
    if picked is None:
        fits = narrowed(answer, options, language)
        return Pick(None, bool(fits), fits)
    return Pick(picked, True)


def _other_than(ruled_out: str | None, options: Sequence[Product], language: Language) -> Pick:
    """What is left once an option is ruled out ("not the 128 one", "the other one").

    With one option left it is picked; with more the question narrows to them; "the other
    one" ruling nothing out picks only when one option is left (else it is asked again).
    """
    out = pick_option(ruled_out, options, language) if ruled_out else None
    left = tuple(option for option in options if option is not out)
    if ruled_out and out is None:
        return Pick(None, True)  # rules out something that is not an option: ask again
    if len(left) == 1:
        return Pick(left[0], True)
    return Pick(None, True, left if out is not None else ())


def narrowed(
    answer: str, options: Sequence[Product], language: Language = ENGLISH
) -> tuple[Product, ...]:
    """The options an answer still fits when it fits several ("the aria phone" of three).

    Empty when it fits none, or all of them (nothing narrowed).
    """
    ranked = rank(language.content(answer), options, language=language)
    if not ranked or ranked[0].score < PICK_SCORE:
        return ()
    near = {s.product.sku for s in ranked if s.score > ranked[0].score - TIE_MARGIN}
    kept = tuple(option for option in options if option.sku in near)
    return kept if 1 < len(kept) < len(options) else ()


def is_plain_answer(text: str, count: int, language: Language = ENGLISH) -> bool:
    """Whether a message only answers a pending question of ``count`` options.

    "the cheaper one", "yes", "no", "the second one": these answer the question whatever
    intent the NLU reads in them (the pending question comes first).
    """
    return (
        language.comparison(text) is not None
        or language.affirms(text)
        or language.denies(text)
        or language.other_one(text)
        or language.rejection(text) is not None
        or language.ordinal(text, count) is not None
    )
