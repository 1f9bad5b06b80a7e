"""How a message answers the pending offer (pure): the :class:`Answer` kinds.

Read by :func:`bot.domain.dialogue.read_answer` and, for a retention offer,
:func:`bot.domain.retention_reading.retention_answer`.
"""

from __future__ import annotations

from enum import Enum


class Answer(str, Enum):
    """What a message does to the pending offer."""

    ACCEPT = "accept"
    DECLINE = "decline"
    DETAIL = "detail"
    PAUSE = "pause"
    SWITCH = "switch"
    DISCOUNT = "discount"
    KEEP = "keep"
    SEVERAL = "several"  # two retention options at once ("switch and the discount too")
    HOLD = "hold"  # hesitation ("no wait", "not sure"): nothing decided, asked again
    UNCLEAR = "unclear"  # a polite close ("ok thanks"): no clear yes, the change is asked back
    LATER = "later"  # "maybe later" to a retention offer: put off, nothing changes (s25)
    NONE = "none"

    @property
    def changes_state(self) -> bool:
        """Whether acting on this answer changes a cart or subscription."""
        return self not in (
            Answer.DETAIL, Answer.KEEP, Answer.NONE, Answer.SEVERAL, Answer.HOLD, Answer.UNCLEAR,
            Answer.LATER,
        )  # fmt: skip
