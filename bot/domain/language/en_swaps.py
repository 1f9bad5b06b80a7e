"""English swaps: what a swap request replaces and with what, and the quantity it says.

Pure (no I/O): "swap the mug for the tripod", "I want the 128gb sd card instead",
"instead of the mug, a tripod", "rather have X than Y", "not X, Y".
"""

from __future__ import annotations

import re

from bot.domain.language.en_quantities import quantity_phrases
from bot.domain.language.en_words import COMMAND, FILLER, content

_SWAP_WORDS = {
    "swap", "switch", "replace", "exchange", "trade", "rather", "prefer", "version", "upgrade",
    "downgrade",
}  # fmt: skip
_SWAP_PATTERNS = [
    re.compile(
        r"\b(?:swap|switch|replace|change|exchange|trade|upgrade|downgrade)\s+(?P<old>.+?)\s+"
        r"(?:for|with|to|into)\s+(?P<new>.+)$"
    ),
    re.compile(r"\binstead of\s+(?P<old>.+?)(?:,|\s+(?=i\b|i'd|i'll|give|get))\s*(?P<new>.+)$"),
    re.compile(r"^(?P<new>.+?)\s+instead of\s+(?P<old>.+)$"),
    re.compile(r"\brather (?:have )?(?P<new>.+?)\s+than\s+(?P<old>.+)$"),
    re.compile(r"\bnot (?P<old>.+?),\s*(?P<new>.+)$"),
]


def swap_sides(text: str, mentions: list[str]) -> tuple[str | None, str]:
    """What a swap replaces and with what ("swap the mug for the tripod").

    Returns:
        The old side's product words (None: not said; "": "it" / "that", the product
        in focus) and the new side's ("128gb sd card" in "I want the 128gb sd card
        instead"). The model's spans on a side are its words when there are any.
    """
    lowered = " ".join(text.lower().split())
    old, new = None, lowered
    for pattern in _SWAP_PATTERNS:
        match = pattern.search(lowered)
        if match:
            old, new = match.group("old"), match.group("new")
            break

    def words(side: str) -> str:
        inside = [m for m in mentions if m.lower() in side]
        if inside:
            return " ".join(inside)
        return " ".join(w for w in content(side).split() if w not in _SWAP_WORDS)

    return (None if old is None else words(old)), words(new)


def swap_quantity(text: str) -> str | None:
    """The quantity said on a swap's new side ("3" in "swap the mugs for 3 tripods").

    A quantity form ("2x", "a couple of"), a number opening the new product's words,
    or "a" / "an" / "one" right before them ("for a tripod": 1). None when none is
    said ("the 128 GB one instead"); a number after the name is the name's ("aria
    phone 128").
    """
    lowered = " ".join(text.lower().split())
    new = lowered
    for pattern in _SWAP_PATTERNS:
        match = pattern.search(lowered)
        if match:
            new = match.group("new")
            break
    found = [p for p in quantity_phrases(new) if p[3] != "more"]
    marked = [p for p in found if p[3] != "bare"]
    if marked:
        return new[marked[0][0] : marked[0][1]]
    words = re.findall(r"[a-z0-9][a-z0-9.'-]*", new)
    first = next((i for i, w in enumerate(words) if w not in COMMAND | FILLER | _SWAP_WORDS), None)
    if first is None:
        return None
    if first and words[first - 1] in ("a", "an", "one"):
        return words[first - 1]
    opening = [p for p in found if new[p[0] : p[1]].split()[0] == words[first]]
    return new[opening[0][0] : opening[0][1]] if opening else None


_PART = re.compile(
    r"^(?:just |only )?(?P<q>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an)"
    r"(?P<of> of)?\s+(?P<rest>\S.*)$"
)


def swap_old_quantity(text: str) -> str | None:
    """How many of the old line a swap names ("one" in "swap one of the mugs for a tripod").

    "one of the mugs", "2 of the mugs", "1 tripod", "just one of the headphones", "a mug":
    the number that opens the old side. None when the old side names no number ("the mugs",
    "the 128 GB one"): the whole line is meant. A number after the name is the name's
    ("swap the aria phone 128 for ...").
    """
    lowered = " ".join(text.lower().split())
    for pattern in _SWAP_PATTERNS:
        match = pattern.search(lowered)
        if match:
            part = _PART.match(match.group("old").strip())
            if part is None or (part.group("q") in ("a", "an") and part.group("of")):
                return None
            return part.group("q")
    return None


_OF_SEVERAL = re.compile(
    r"\b(?P<q>\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+of\s+"
    r"(?:the|my|these|those|your)\b"
)


def part_count(text: str) -> str | None:
    """The number of a line a message names as a part of it ("one of the cameras").

    None when it names no part ("the cameras are too expensive"): the whole line is meant.
    """
    match = _OF_SEVERAL.search(" ".join(text.lower().split()))
    return match.group("q") if match else None
