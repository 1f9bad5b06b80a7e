"""Where everyday English starts a new item of a list the formal joints miss (s25, F15, F31).

"3 mugs n a tripod", "2 mugs w/ a tripod", "two mugs then three filters", "2 mugs 1 tripod":
each item keeps its own count. These breaks cut a message even where the model's product
span runs across them ("mugs n a tripod" is no product): no product name holds such a word.
"with" and "w/" join items only when a count starts the next one ("2 mugs with a tripod"):
"a case with my phone" is one request.
"""

from __future__ import annotations

import re

from bot.domain.language.en_words import NAME_UNITS

_NUMBERS = r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
_COUNT = rf"(?:{_NUMBERS}|an?|another|a\s+couple\s+of|a\s+pair\s+of|a\s+dozen)"
_NOT_AFTER_COUNT = "|".join(
    sorted({re.escape(u) for u in NAME_UNITS} | {"x", "more", "less", "of", "pcs", "pc"})
)
_ITEM = rf"(?:{_NUMBERS})\s+(?!(?:{_NOT_AFTER_COUNT})\b)[a-z]"
"""A count followed by a word that is no unit: "2 mugs", never "128 gb" or "3 x"."""

_ALWAYS = re.compile(r"\s+(?:n|'n'|'n|then|and\s+then)\s+|\s*&n\s*")
"""Slang and sequence joints: "3 mugs n a tripod", "two mugs then three filters"."""
_WITH_COUNT = re.compile(rf"\s+(?:with\s+|w\s+|w/\s*)(?=(?:{_COUNT})\s+[a-z])|\s+w/\s*(?=[a-z])")
"""'with' / 'w/' before a counted item ("2 mugs with a tripod"); "w/ tripod" too."""
_NEW_COUNT = re.compile(rf"(?<=[a-z])\s+(?={_ITEM})")
"""A count right after an item's words ("2 mugs 1 tripod"): a new item starts."""
_COUNTED = re.compile(rf"(?<![\w-])(?:{_ITEM})")


def item_breaks(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` where a new item starts though no formal joint says so.

    A count starting a new item cuts only when the words before it were counted too
    ("2 mugs 1 tripod"), so "usb-c cable 2 pack" or "phone 12 pro" stay whole.
    """
    lowered = text.lower()
    breaks = [m.span() for m in _ALWAYS.finditer(lowered)]
    breaks += [m.span() for m in _WITH_COUNT.finditer(lowered)]
    for match in _NEW_COUNT.finditer(lowered):
        start = max([end for _, end in breaks if end <= match.start()], default=0)
        if _COUNTED.search(lowered[start : match.start()]):
            breaks.append(match.span())
    return merged(breaks)


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans in order, overlapping ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
