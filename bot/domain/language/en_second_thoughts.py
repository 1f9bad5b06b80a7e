"""An answer that corrects itself: "yes... actually no", "no, actually yes" (pure, English).

The last decision wins; when the message changes its mind and ends on no decision ("yes —
actually, hmm"), it is unclear. A message with one decision, or with none, is not a second
thought at all (plain hesitation is read elsewhere).
"""

from __future__ import annotations

import re
from enum import Enum


class Decision(str, Enum):
    """How a self-correcting answer ends."""

    YES = "yes"
    NO = "no"
    UNCLEAR = "unclear"


_YES = r"yes|yeah|yep|yup|ya|sure|ok|okay|alright|fine|go ahead|do it|why not|of course"
_NO = r"no|nope|nah|don'?t|do not|not|never ?mind|forget it|no thanks"
_POLITE = r"(?:no|not a) (?:rush|worries|worry|problem|hurry|biggie)"
"""Politeness, not a decision: "sure — no rush", "yes... no worries"."""
_DECISION = re.compile(
    rf"\b(?P<polite>{_POLITE})\b|\b(?P<yes>{_YES})\b|\b(?P<no>{_NO})\b", re.IGNORECASE
)
_TURN = re.compile(
    r"\b(?:actually|wait|hang on|hold on|on second thoughts?|i mean|scratch that|"
    r"changed my mind|hmm+|err?m?)\b|\.\.\.|…|—|--",
    re.IGNORECASE,
)


def _decisions(text: str) -> list[Decision]:
    found = []
    for match in _DECISION.finditer(text):
        if match.group("polite"):
            continue
        decision = Decision.YES if match.group("yes") else Decision.NO
        if decision is Decision.YES and re.match(r"\s+(?:not|never)\b", text[match.end() :], re.I):
            decision = Decision.NO  # "sure not": not a yes
        found.append(decision)
    return found


def second_thought(text: str) -> Decision | None:
    """The decision a self-correcting answer ends on, or ``None`` if it does not correct itself.

    "yes... actually no" → NO; "no, actually yes" → YES; "sure — wait, no" → NO;
    "yes... no wait... yes?" → UNCLEAR. "yes please", "no thanks", "no wait" → None.
    """
    if not text or text.startswith("/"):
        return None
    turn = _TURN.search(text)
    if turn is None:
        return None
    before = _decisions(text[: turn.start()])
    after = _decisions(text[turn.end() :])
    if not before or not after:
        return None  # one decision, or plain hesitation ("no wait"): read elsewhere
    if set(after) == {before[-1]}:
        return None  # "yes, actually yes please": no change of mind
    if len(set(after)) > 1 and after[-1] is not after[-2]:
        return Decision.UNCLEAR  # "yes... no... yes?": still deciding
    return after[-1]
