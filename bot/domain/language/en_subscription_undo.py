"""English cues for taking back a subscription change just made (pure, no I/O).

"changed my mind", "switch me back", "swap it back", "I want my old plan back", "unpause
it", "put me back on Care Plus". They are read only right after the assistant changed a
subscription in this conversation (:mod:`bot.chat.subscription_undo`); elsewhere they mean
what the other flows make of them. "undo that" is read by
:func:`bot.domain.language.en_support.asks_to_undo` for either kind of change.
"""

from __future__ import annotations

import re

_LEAD = (
    r"^\W*(?:(?:oh|oops|no|nope|wait|sorry|hmm|hm|actually|ok|okay|please|pls|hold\s+on|"
    r"on\s+second\s+thought|i\s+think|never\s+mind|nevermind|um+|uh+)\W+)*"
)
_ASK = (
    r"(?:(?:can|could|would|will)\s+you\s+|please\s+|just\s+|"
    r"i(?:\s+want|\s+need|'?d\s+like|\s+would\s+like)\s+(?:you\s+)?to\s+)?"
)
_BACK = (
    r"(?:switch|swap|change|put|move|set|turn|take|go|get|revert|bring)\w*\s+"
    r"(?:me|it|that|this|us|my\s+(?:plan|subscription|membership))?\s*back"
)
_REVERT = re.compile(
    _LEAD
    + r"(?:"
    + r"(?:i(?:'?ve|\s+have)?\s+)?chang(?:ed|e)\s+my\s+mind"
    + r"|"
    + _ASK
    + _BACK
    + r"|"
    + _ASK
    + r"(?:undo|revert|reverse|cancel)\s+(?:the|that|my)\s+"
    r"(?:switch|swap|plan\s+change|change\s+of\s+plan|pause|downgrade|upgrade)"
    + r"|(?:i(?:\s+want|\s+need|'?d\s+like|\s+would\s+like)|give\s+me|can\s+i\s+(?:have|get))"
    r"\s+my\s+"
    r"(?:old|previous|original|other|last)\s+(?:plan|subscription)\s+back"
    + r"|(?:i(?:\s+want\s+to|'?d\s+like\s+to)\s+|let\s+me\s+|"
    + _ASK
    + r")"
    r"(?:go\s+back|return)\s+to\s+(?:my\s+)?(?:old|previous|original|the\s+old|the\s+other)\s+plan"
    + r"|"
    + _ASK
    + r"(?:un-?pause|resume|reactivate|restart)\s+(?:it|that|my\s+"
    r"(?:plan|subscription|membership)|the\s+(?:plan|subscription))"
    + r"|un-?pause"
    + r"|(?:don'?t|do\s+not)\s+(?:pause|switch|change)\s+"
    r"(?:it|that|me|my\s+(?:plan|subscription))" + r")\b",
    re.IGNORECASE,
)
_QUESTION = re.compile(r"^\W*(?:what|why|how|when|is|are|does|do|did)\b", re.IGNORECASE)


def asks_to_take_back(text: str | None) -> bool:
    """Whether the message takes back a change just made ("switch me back", "unpause it").

    A question ("why did you switch me back?") is not a request.
    """
    if not text or text.startswith("/") or len(text) > 200:
        return False
    return bool(_REVERT.search(text)) and not _QUESTION.search(text)


def names_other_plan(text: str, plan_names: tuple[str, ...], old_plan: str) -> bool:
    """Whether the message names a plan other than ``old_plan`` ("switch me to Care Max").

    Then it is a new plan change, not a way back.
    """
    lowered = " ".join(text.lower().split())
    return any(
        re.search(r"\b" + re.escape(name) + r"\b", lowered)
        for name in plan_names
        if name != old_plan.lower()
    )


_RESUME = re.compile(r"\b(?:un-?pause\w*|resum\w*|reactivat\w*|restart\w*)\b", re.IGNORECASE)


def asks_to_resume(text: str) -> bool:
    """Whether the message asks to resume ("unpause it"): no way back from a plan switch."""
    return bool(_RESUME.search(text))
