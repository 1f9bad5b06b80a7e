"""English words of a request for a further suggestion (pure; review s21, R4).

"and another suggestion?", "anything else you'd suggest?", "any other ideas?" after an
add-on was shown ask for the next suggestion. "another" (or "more", "other", "else")
next to a suggestion word is never a quantity or an add: the quantity grammar
(:mod:`.en_quantities`) and the add cue (:mod:`.en_cues`) skip it by :data:`NOT_BEFORE_IDEA`.
"""

from __future__ import annotations

import re

IDEA = (
    r"(?:suggest\w*|recommend\w*|recs?|ideas?|options?|alternatives?|picks?|tips?|"
    r"proposals?|advice|thoughts?|add-?ons?|offers?)"
)
"""Nouns and verbs of a suggestion."""
NOT_BEFORE_IDEA = rf"(?!\s+(?:[a-z'-]+\s+)?{IDEA}\b)"
"""A lookahead: not followed by a suggestion word, at most one word apart ("another good idea")."""
NOT_AFTER_IDEA = r"(?<!suggest )(?<!recommend )(?<!suggest me )(?<!recommend me )"
"""A lookbehind: not right after "suggest" / "recommend" ("suggest another")."""

_FURTHER = r"(?:another|other|more|else|different|new|next|one\s+more|any\s+more)"
_FURTHER_IDEA = re.compile(rf"(?<!\bthe\s)\b{_FURTHER}\s+(?:[a-z'-]+\s+)?{IDEA}\b")
_ELSE_TO_SUGGEST = re.compile(
    r"\b(?:anything|something|what|whatever|any\s*thing)\s+else\b.*\b(?:suggest|recommend|"
    r"propose|go(?:es)?\s+with|pair)\w*"
)
_ABOUT_A_PLAN = re.compile(r"\b(?:plans?|subscri\w*|membership|pause|discount|cancel\w*)\b")
_SUGGEST_ANOTHER = re.compile(
    r"\b(?:suggest|recommend|propose|show|offer)\w*\s+(?:me\s+|us\s+)?(?:another|something\s+else|"
    r"anything\s+else|one\s+more|something\s+different|a\s+different\s+one|other\s+(?:things|stuff))\b"
)


_BARE_ELSE = re.compile(
    r"^(?:(?:and|so|ok|okay|hmm|um|well|then)\W+)?(?:"
    r"(?:what|something|anything|any\s*thing)\s+else"
    r"(?:\s+(?:do\s+you\s+have|have\s+you\s+got|you\s+got|is\s+there|then|instead|"
    r"could\s+you\s+show\s+me|can\s+you\s+show\s+me))?"
    r"|(?:any\s+)?other\s+(?:options?|choices?)|(?:something|anything)\s+different"
    r"|(?:got\s+)?anything\s+else|show\s+me\s+(?:something|anything)\s+else"
    r")\W*$"
)


def asks_something_else(text: str | None) -> bool:
    """Whether the whole message is a bare "what else?" / "something else?" / "other options?".

    Said while an add-on is on offer it asks for the next one (never the same again); the
    caller checks that an add-on offer is open (without one, "anything else?" is no request
    for a suggestion).
    """
    lowered = " ".join((text or "").lower().replace("’", "'").split())
    return bool(lowered) and bool(_BARE_ELSE.match(lowered))


def wants_another_suggestion(text: str | None) -> bool:
    """Whether a message asks for a further suggestion than the one(s) shown.

    "and another suggestion?", "any other ideas?", "more recommendations", "anything else
    you'd suggest?", "what else goes with it?", "recommend something else". Not "the other
    option" (an answer to "Did you mean A or B?"), not "add another mug".
    """
    lowered = " ".join((text or "").lower().replace("’", "'").split())
    if not lowered or lowered.startswith("/") or _ABOUT_A_PLAN.search(lowered):
        return False  # "what other plan options are there?": the plans, not an add-on
    return bool(
        _FURTHER_IDEA.search(lowered)
        or _ELSE_TO_SUGGEST.search(lowered)
        or _SUGGEST_ANOTHER.search(lowered)
    )


_NOT_IT = r"(?:no|nah|nope|not\s+(?:that|this|it)(?:\s+one)?|don'?t\s+like\s+(?:that|it))"
_DIFFERENT_ONE = re.compile(
    rf"^(?:(?:and|so|ok|okay|hmm|um|well|then|{_NOT_IT})\W+)*"
    r"(?:(?:(?:a|the|any)\s+)?(?:different|next|other)(?:\s+one)?|another(?:\s+one)?|"
    r"(?:something|anything)\s+(?:else|different)|what\s+else|show\s+me\s+another(?:\s+one)?|"
    r"(?:got|have\s+you\s+got|do\s+you\s+have)\s+(?:another|a\s+different)\s+one)"
    r"(?:\s+(?:please|pls|then|instead|maybe))?\W*$"
)
_DECLINED_FIRST = re.compile(rf"^{_NOT_IT}\b")


def asks_a_different_one(text: str | None) -> bool:
    """Whether the whole message asks for another one than the suggestion shown (review s27).

    "another one?", "a different one", "next one", "something different please", "not
    that, something else": said about a suggestion, it asks for the next-ranked one (never
    the same again, never one more of it). The caller checks that a suggestion was shown.
    """
    lowered = " ".join((text or "").lower().replace("’", "'").split())
    return bool(lowered) and bool(_DIFFERENT_ONE.match(lowered))


def declines_the_shown_one(text: str | None) -> bool:
    """Whether a request for another suggestion first turns the shown one down ("not that, …")."""
    return bool(_DECLINED_FIRST.match(" ".join((text or "").lower().split())))


def asks_past_the_shown(text: str | None) -> bool:
    """Whether a suggestion request asks past the ones shown (review s27, F21).

    "another suggestion", "what else?", "a different one?": the suggestion flow then skips
    every add-on already shown in the conversation.
    """
    further = wants_another_suggestion(text) or asks_something_else(text)
    return further or asks_a_different_one(text)
