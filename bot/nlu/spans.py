"""Join entity spans the NLU model split inside one mention (pure, no Rasa import).

DIET tags each token with a BILOU tag; on an unfamiliar trailing word it can close a span
early and open a new one ("I can't afford the [pulse headphones] [studio]"). Two spans of the
same entity type that touch, with nothing but spaces between them, are one mention: no word,
comma, "&" or line break separates them. Any other separator ("and", ",", "&", "plus", a
quantity, another word) keeps the mentions apart, so "a mug and a tripod" stays two products.
A span that is only an amount ("2", "two", "a", "128": :func:`amount_only`, the grammar the
actions use) is no piece of a name and is never joined: "[2] [aria phone]" stays as it was,
and the actions read the quantity from the text as before.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from bot.domain.quantities import amount_only

ENTITY = "entity"
START = "start"
END = "end"
VALUE = "value"
CONFIDENCE = "confidence_entity"
PROCESSORS = "processors"
SAME_MENTION_KEYS = (ENTITY, "role", "group")
"""Two spans join only when these agree (a role or group is absent on both in this bot)."""

CONTRACTION_TAILS = frozenset({"s", "re", "ll", "ve", "d", "t", "m", "nt"})
"""What follows the apostrophe of "they're", "it's", "I'll", "don't": never a product."""
_APOSTROPHES = "'’"
_SPACES_ONLY = re.compile(r"[ \t]*")
"""What may lie between two spans of one mention: spaces or tabs on the same line (a line
break separates the items of a typed list, so it never joins)."""


def contraction_tail(text: str, span: Mapping[str, Any]) -> bool:
    """Whether a span is the tail of a contraction ("re" of "they're"), not a mention.

    The NLU model sometimes tags such a tail as a second product ("remove the headphones,
    they're too expensive" → ``headphones`` + ``re``); it is dropped, whatever its type.
    """
    start = span[START]
    word = text[span[START] : span[END]].lower()
    return (
        start >= 2
        and text[start - 1] in _APOSTROPHES
        and text[start - 2].isalpha()
        and word in CONTRACTION_TAILS
    )


def _touch(text: str, first: Mapping[str, Any], second: Mapping[str, Any]) -> bool:
    """Whether ``second`` starts right after ``first`` with only spaces between them."""
    end, start = first[END], second[START]
    return end <= start and _SPACES_ONLY.fullmatch(text[end:start]) is not None


def _same_mention(first: Mapping[str, Any], second: Mapping[str, Any]) -> bool:
    """Whether two spans have the same entity type, role and group, and both name words."""
    if not all(first.get(key) == second.get(key) for key in SAME_MENTION_KEYS):
        return False
    return not any(amount_only(str(span.get(VALUE, ""))) for span in (first, second))


def _joined(text: str, first: dict[str, Any], second: Mapping[str, Any], by: str) -> dict[str, Any]:
    """``first`` widened to the end of ``second``: value re-read, lower confidence kept."""
    joined = {**first, END: second[END], VALUE: text[first[START] : second[END]]}
    confidences = [c for c in (first.get(CONFIDENCE), second.get(CONFIDENCE)) if c is not None]
    if confidences:
        joined[CONFIDENCE] = min(confidences)
    processors = list(first.get(PROCESSORS, []))
    if by and by not in processors:
        processors.append(by)
    if processors:
        joined[PROCESSORS] = processors
    return joined


def merge_adjacent_spans(
    text: str,
    entities: Iterable[Mapping[str, Any]],
    types: Collection[str] = ("product",),
    by: str = "",
) -> list[dict[str, Any]]:
    """The entities with each run of touching same-type spans joined into one span.

    Args:
        text: The message text the spans index into.
        entities: Rasa entity dicts (``entity``, ``start``, ``end``, ``value``, ...).
        types: The entity types whose touching spans are one mention.
        by: A processor name recorded on each joined span (none when empty).

    Returns:
        New entity dicts in order of ``start``; the input is not modified. A span of
        ``types`` that is a contraction's tail ("re" of "they're") is dropped. A joined span
        keeps the first span's other keys (extractor, role, group), takes the lowest
        ``confidence_entity`` of its parts and its value is the text it now covers.
    """
    merged: list[dict[str, Any]] = []
    kept = (e for e in entities if not (e.get(ENTITY) in types and contraction_tail(text, e)))
    for entity in sorted(kept, key=lambda e: (e[START], e[END])):
        last = merged[-1] if merged else None
        if (
            last is not None
            and entity.get(ENTITY) in types
            and _same_mention(last, entity)
            and _touch(text, last, entity)
        ):
            merged[-1] = _joined(text, last, entity, by)
        else:
            merged.append(dict(entity))
    return merged
