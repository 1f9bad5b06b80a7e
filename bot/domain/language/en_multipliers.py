"""English multipliers of a line's quantity: "double the mugs", "twice as many", "the same again".

Pure (no I/O). A multiplier sets the line to its quantity times the factor; it is never an
add of a new product nor a removal. "a double espresso cup" (after an article) is a name.
"""

from __future__ import annotations

import re

_FACTORS = {
    "double": 2, "twice": 2, "two": 2, "2": 2, "triple": 3, "treble": 3, "thrice": 3,
    "three": 3, "3": 3, "quadruple": 4, "four": 4, "4": 4,
}  # fmt: skip
_MULTIPLIER = re.compile(
    r"(?<!\ba )(?<!\ban )(?<!\bthe )\b(?:"
    r"(?P<word>double|triple|treble|quadruple)(?:\s+up)?(?:\s+(?:on|of))?"
    r"|(?P<times>twice|thrice|(?:two|three|four|2|3|4)\s+times)(?:\s+as\s+(?:many|much))?"
    r"(?:\s+(?:of|the))?"
    r"|(?P<same>(?:the\s+)?same\s+(?:again|amount\s+again|once\s+more))"
    r")\b"
)


def multiplier(text: str | None) -> tuple[int, str] | None:
    """The factor a message multiplies a line by, and the rest of the message.

    Args:
        text: The shopper's message.

    Returns:
        ``(factor, rest)`` — "could you double the mugs" → ``(2, "could you the mugs")``,
        "twice as many filters" → ``(2, "filters")``, "the same again" → ``(2, "")`` —
        or None when the message says no multiplier.
    """
    lowered = (text or "").lower()
    match = _MULTIPLIER.search(lowered)
    if match is None:
        return None
    if match.group("same"):
        factor = 2
    else:
        said = (match.group("word") or match.group("times")).split()[0]
        factor = _FACTORS[said]
    rest = " ".join((lowered[: match.start()] + " " + lowered[match.end() :]).split())
    return factor, rest
