"""English cues for three requests read from the text first (pure, no I/O).

* asking for a person ("human please", "let me talk to a person", "agent");
* undoing the last cart change ("undo that", "put it back");
* changing the subscription plan without cancelling ("switch me to the basic plan",
  "can I move to a cheaper plan?").

Each cue is anchored or needs two signals (a verb and a plan word), so an ordinary cart
request never matches: "is this a human?" is a bot question, "put the mug in" an add, and
"switch the mug for the tripod" a swap.
"""

from __future__ import annotations

import re

_PERSON = r"(?:a\s+|an\s+|some\s+|the\s+|your\s+|real\s+|actual\s+|live\s+)*" + (
    r"(?:human(?:\s+being)?|person|agent|operator|representative|rep|staff\s+member|"
    r"(?:someone|somebody)\s+(?:real|from\s+(?:the\s+|your\s+)?(?:shop|team|support|store))|"
    r"support\s+(?:person|agent|team)|customer\s+(?:service|support)|team\s+member)"
)
_ASK_PERSON = re.compile(
    r"^\W*(?:(?:hi|hello|hey|ok|okay|no|please|pls|just|i\s+said)\W+)*" + _PERSON + r"\W*"
    r"(?:please|pls|now|asap)?\W*$"
    r"|\b(?:talk|speak|chat|connect|transfer|put|pass|hand|get|give|need|want|reach|contact)"
    r"\w*\s+(?:me\s+)?(?:to|with|through\s+to|over\s+to|me|a|an|some|real|someone)?\s*"
    + _PERSON
    + r"\b"
    + r"|\b(?:human|agent|person|operator|representative)\s+(?:please|pls|now)\b",
    re.IGNORECASE,
)
_NOT_A_REQUEST = re.compile(
    r"^\W*(?:are|r|am|is|was)\s+(?:you|u|this|it|i)\b|\bbot\s+or\b|\bor\s+a\s+bot\b",
    re.IGNORECASE,
)


def asks_for_person(text: str | None) -> bool:
    """Whether the message asks to talk to a person ("human please", "agent", "real person").

    A question about the bot itself ("are you a human?", "is this a person or a bot?") is
    not a request for one.
    """
    if not text or text.startswith("/") or len(text) > 200:
        return False
    return bool(_ASK_PERSON.search(text)) and not _NOT_A_REQUEST.search(text)


_FILLER = (
    r"(?:(?:oops|oh|no|wait|sorry|hmm|actually|ok|okay|please|pls|can\s+you|could\s+you|"
    r"would\s+you|just)\W+)*"
)
_UNDO = re.compile(
    r"^\W*" + _FILLER + r"(?:undo|revert|reverse|roll\s+back)"
    r"(?:\s+(?:that|it|this|them|those|the\s+last(?:\s+(?:change|one|thing))?|"
    r"my\s+last\s+change|the\s+change|what\s+you\s+(?:just\s+)?did))?"
    r"(?:\s+please)?\W*$"
    r"|^\W*"
    + _FILLER
    + r"put\s+(?:it|that|them|those|this)\s+back(?:\s+(?:in|into|to)\s+(?:my|the)\s+"
    r"(?:cart|basket))?(?:\s+please)?\W*$",
    re.IGNORECASE,
)


def asks_to_undo(text: str | None) -> bool:
    """Whether the message asks to undo the last cart change ("undo that", "put it back")."""
    return bool(text) and not str(text).startswith("/") and bool(_UNDO.search(str(text)))


_UNDO_CUE = re.compile(
    r"\b(?:undo\w*|un-do|revert\w*|reverse|roll\s*back|back\s+out|go\s+back|"
    r"(?:put|take|switch|swap|change|set|move|turn)\s+(?:\w+\s+){0,3}?back|"
    r"\w*back\s+(?:to|as)\s+(?:it|before|how)|"
    r"chang\w*\s+my\s+mind|didn'?t\s+mean|did\s+not\s+mean|mistake|oops|whoops|"
    r"unpause|old\s+plan|as\s+(?:it|they)\s+was|restore)\b",
    re.IGNORECASE,
)


def says_undo(text: str | None) -> bool:
    """Whether the words themselves ask to take something back ("oops", "put it back").

    An ``undo_change`` reading without any such word ("add 2 mugs" misread) is asked first,
    never run: an undo on a guess would change the cart the shopper did not name. A button
    payload says it by itself.
    """
    return bool(text) and (str(text).startswith("/") or bool(_UNDO_CUE.search(str(text))))


_PLAN_WORD = re.compile(r"\b(?:plans?|subscriptions?|membership|tier)\b", re.IGNORECASE)
_CHANGE_VERB = re.compile(
    r"\b(?:switch\w*|move|moving|change|changing|downgrad\w*|upgrad\w*|go(?:ing)?\s+(?:down|up)|"
    r"swap\w*|drop\s+(?:down\s+)?to|put\s+me\s+on|get\s+me\s+on|cheaper|cheapest|"
    r"less\s+expensive|lower)\b",
    re.IGNORECASE,
)
_EXIT = re.compile(r"\b(?:cancel\w*|paus\w*|stop|end|terminate|quit|unsubscribe)\b", re.IGNORECASE)
_QUESTION_ONLY = re.compile(
    r"^\W*(?:what\w*|which|why|how|is|are|does|do|did|tell\s+me\s+about|list|show)\b",
    re.IGNORECASE,
)


def asks_plan_change(text: str | None, plan_names: tuple[str, ...] = ()) -> bool:
    """Whether the message asks to change the subscription's plan, without cancelling it.

    It needs a change word ("switch", "move", "downgrade", "cheaper"…) and either a plan
    word ("plan", "subscription") or a plan's whole name ("care basic"). A cancel or a
    pause is not a plan change (the cancel flow handles them), nor is a question about the
    plans ("which plans do you have?", "is the cheaper plan missing anything?"); "can I
    move to …?" is a request.

    Args:
        text: The message.
        plan_names: The shop's plan names, lower case ("care basic").
    """
    if not text or text.startswith("/") or len(text) > 300:
        return False
    lowered = " ".join(text.lower().split())
    named = any(re.search(r"\b" + re.escape(name) + r"\b", lowered) for name in plan_names)
    if not (_PLAN_WORD.search(lowered) or named):
        return False
    if _EXIT.search(lowered) or _QUESTION_ONLY.search(lowered):
        return False
    return bool(_CHANGE_VERB.search(lowered))


def mentions_change(text: str | None) -> bool:
    """Whether the message has a plan-change word at all (a cheap first test)."""
    return bool(text) and bool(_CHANGE_VERB.search(str(text)))


_CHEAPEST = re.compile(r"\b(?:cheapest|lowest|most\s+basic|smallest)\b", re.IGNORECASE)
_CHEAPER = re.compile(
    r"\b(?:cheaper|less\s+expensive|lower|downgrad\w*|go(?:ing)?\s+down|step\s+down|"
    r"smaller|less)\b",
    re.IGNORECASE,
)
_PRICIER = re.compile(
    r"\b(?:upgrad\w*|better|higher|go(?:ing)?\s+up|step\s+up|more\s+cover\w*|bigger)\b",
    re.IGNORECASE,
)
CHEAPEST, CHEAPER, PRICIER = "cheapest", "cheaper", "pricier"


def plan_direction(text: str) -> str | None:
    """The direction a plan change names without a plan name: cheapest, cheaper or pricier."""
    if _CHEAPEST.search(text):
        return CHEAPEST
    if _CHEAPER.search(text):
        return CHEAPER
    if _PRICIER.search(text):
        return PRICIER
    return None
