"""English cues of one message with a removal and an add (pure; review s27, issue 12, F48).

"remove the tripod and add 2 mugs", "add a mug and remove the tripod", "take out the
tripod, then add two mugs": two requests in one message. The chat layer carries out both
when both are clear, else asks (never silently drops one): :mod:`bot.chat.two_requests`.
"""

from __future__ import annotations

import re

from bot.domain.language.en_cues import says_add, says_remove, says_swap, self_correction

_PARTS = re.compile(r"\s*(?:,|;|&|\band\s+then\b|\band\b|\bplus\b|\bthen\b|\bbut\b)\s*")
_ALSO = re.compile(r"^(?:also|too|please|pls|then)\s+|\s+(?:also|too|as\s+well)$")


def removal_and_add(text: str | None) -> tuple[str, str] | None:
    """``(removal part, add part)`` of a message that asks exactly one of each, else None.

    Each part must say its own verb ("remove the tripod and 2 mugs" is one removal of two
    lines, never an add). A swap ("swap the tripod for a mug") is a swap, not two requests.
    """
    lowered = " ".join((text or "").lower().split())
    if not lowered or lowered.startswith("/") or says_swap(lowered):
        return None
    if self_correction(lowered) is not None:  # "add a tripod, I mean remove the mug": asked
        return None
    parts = [_ALSO.sub("", p).strip() for p in _PARTS.split(lowered) if p and p.strip()]
    if len(parts) != 2:
        return None
    kinds = [_kind(part) for part in parts]
    if set(kinds) != {"add", "remove"}:
        return None
    removal = parts[kinds.index("remove")]
    return removal, parts[kinds.index("add")]


def _kind(part: str) -> str | None:
    removes, adds = says_remove(part), says_add(part)
    if removes and not adds:
        return "remove"
    if adds and not removes:
        return "add"
    return None
