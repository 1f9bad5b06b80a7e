"""English cues that decide whether a message asks for a change at all (pure, no I/O).

Read before a flow changes a cart or subscription, from the message text and the pending
state: a bulk removal ("remove everything", "empty my cart") is confirmed first; a leading
"no, but …" answers the open offer and asks for something else; a negated want ("I don't
need any more mugs") or a statement ("mugs are nice") changes nothing; a pause may say how
long ("pause it for 3 months"). Every word list of these rules is English and lives here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.language.en import English

_ENGLISH = English()

# Words that never name a product when the cart is cleared ("empty my whole cart").
_BULK_WORDS = {
    "everything", "all", "whole", "entire", "lot", "stuff", "items", "item", "things",
    "thing", "empty", "clear", "wipe", "out", "reset", "completely", "cart", "basket",
    "bin", "scrap", "ditch", "over", "start",
}  # fmt: skip
_CLEAR_VERB = re.compile(
    r"\b(?:remove|delete|drop|clear|empty|wipe|reset|ditch|scrap|bin|dump|"
    r"get\s+rid\s+of|take\b.*\bout|throw\b.*\bout|start\s+(?:over|again))\b"
)
_ALL = re.compile(
    r"\b(?:everything|all|whole|entire|it\s+all|them\s+all|start\s+(?:over|again))\b"
    r"|\b(?:empty|clear|wipe|reset)\s+(?:out\s+)?(?:my\s+|the\s+)?(?:whole\s+|entire\s+)?"
    r"(?:cart|basket)\b"
)
_QUESTION = re.compile(r"^\s*(?:is|are|does|do|did|was|what|why|how|which|should)\b")


def clears_cart(text: str | None) -> bool:
    """Whether a message asks to empty the whole cart ("remove everything", "clear the cart").

    Nothing else may be named: "remove all the mugs" is a removal of one line.
    """
    lowered = (text or "").lower()
    if not _CLEAR_VERB.search(lowered) or not _ALL.search(lowered) or _QUESTION.search(lowered):
        return False
    rest = [w for w in _ENGLISH.content(lowered).split() if w not in _BULK_WORDS]
    return not rest


_DECLINE = re.compile(
    r"^\s*(?:no|nah|nope|no\s+thanks?|no\s+thank\s+you|not\s+(?:that|this)(?:\s+one)?|"
    r"i'?ll\s+pass|pass|not\s+interested|no\s+need)\b[\s,.;:!-]*"
    r"(?:(?:thanks|thank\s+you|thx)\b[\s,.;:!-]*)?"
    r"(?:(?:but|instead|rather)\b[\s,.;:!-]*)?(?P<rest>.*)$"
)
_JOINED = re.compile(r"^\s*(?:no|nah|nope)\s+(?P<word>\w+)")


def declined_then(text: str | None) -> str | None:
    """The request after a leading no ("no, but add a tripod" → "add a tripod"), if any.

    The no must be set apart (a comma, "thanks" or "but"): "no more mugs" is no decline.
    """
    lowered = " ".join((text or "").lower().split())
    match = _DECLINE.match(lowered)
    if match is None:
        return None
    rest = match.group("rest").strip(" ,.;:!-")
    said = lowered[: match.start("rest")]
    set_apart = re.search(r"[,.;:!-]|\b(?:but|thanks?|thank you|thx|instead|rather)\b", said)
    if not rest or not set_apart:
        return None
    return rest


_NEGATED_WANT = re.compile(
    r"\b(?:don'?t|dont|do\s+not|no\s+longer|won'?t|not)\s+(?:really\s+|actually\s+|even\s+)?"
    r"(?P<verb>need|want|require|like)\s+(?P<what>.*)$"
    r"|^\s*(?:no\s+more|enough)\s+(?P<more>.+)$"
)
_DEFINITE = re.compile(r"^(?:the|my|that|this|those|these|it|them|one\s+of)\b")
_MORE = re.compile(r"\b(?:any\s*more|more|another|other|extra|additional|else)\b")


@dataclass(frozen=True)
class NegatedWant:
    """A "don't need / don't want" message.

    Attributes:
        words: What is not wanted, as said ("any more mugs", "the mug anymore").
        definite: It points at something in the cart ("the mug", "it") and says nothing
            of more of it: a plain removal ("I don't want the mug anymore").
        product: Its product words ("mugs"), empty for "it" / "that".
    """

    words: str
    definite: bool
    product: str


def negated_want(text: str | None) -> NegatedWant | None:
    """A message saying the shopper does not want or need something, if it is one."""
    match = _NEGATED_WANT.search((text or "").lower())
    if match is None:
        return None
    if match.group("more"):  # "no more mugs": never a plain removal
        what = match.group("more").strip(" .!?")
        return NegatedWant(what, False, _ENGLISH.content(what))
    what = match.group("what").strip(" .!?")
    before_anymore = re.sub(r"\s*\b(?:any\s*more|any\s+longer)\s*$", "", what)
    definite = (
        match.group("verb") in ("need", "want", "require")
        and bool(_DEFINITE.match(before_anymore))
        and not _MORE.search(before_anymore)
    )
    return NegatedWant(what, definite, _ENGLISH.content(before_anymore))


_STATEMENT = re.compile(
    r"^(?P<what>(?:the\s+|these\s+|those\s+|your\s+|my\s+|this\s+|that\s+)?[\w\s'.-]+?)\s+"
    r"(?:is|are|was|were|look|looks|seem|seems|sound|sounds|feel|feels)\s+"
    r"(?:(?:so|really|very|quite|pretty|a\s+bit|kinda|too|not)\s+)*"
    r"(?P<how>[a-z-]+)(?:\s+[\w']+){0,3}\s*[.!]*$"
)
_I_LIKE = re.compile(
    r"^(?:i|we)\s+(?:really\s+)?(?:like|love|adore|hate|dislike)\s+(?P<what>.+?)[.!]*$"
)
_REQUEST = re.compile(
    r"\b(?:add|put|throw|buy|get|give|order|grab|remove|delete|drop|take|swap|switch|replace|"
    r"change|make|set|cancel|pause|want|need|would|could|can|please|show|tell|check|"
    r"bye|goodbye|thanks|thank)\b"
)


def product_statement(text: str | None) -> str | None:
    """What a statement about products talks about ("mugs are nice" → "mugs"), if it is one.

    A statement asks for nothing: no request verb, not a question. The flows answer it
    without changing anything.
    """
    lowered = " ".join((text or "").lower().split())
    if not lowered or lowered.endswith("?") or _REQUEST.search(lowered):
        return None
    match = _STATEMENT.match(lowered) or _I_LIKE.match(lowered)
    if match is None or _ENGLISH.quantity_phrases(lowered):
        return None  # "2 is fine", "one mug is enough": an answer about how many
    what = _ENGLISH.content(match.group("what")).strip()
    return what or None


_FAREWELL = re.compile(
    r"\b(?:bye|goodbye|good\s*bye|byee+|cya|see\s+(?:you|ya)|later|ciao|farewell|"
    r"good\s*night|take\s+care|that'?s\s+(?:all|it|everything)|i'?m\s+(?:done|off|good)|"
    r"all\s+(?:done|set|good)|nothing\s+else|done\s+for\s+(?:now|today)|gotta\s+go|"
    r"have\s+a\s+(?:good|nice|great)\s+\w+|signing\s+off|cheerio|ttyl|adios|leaving|"
    r"talk\s+to\s+you|gotta\s+(?:go|run)|nite|catch\s+you|im\s+off)\b"
)


def says_farewell(text: str | None) -> bool:
    """Whether a message says goodbye ("bye", "that's all", "see you", "I'm done")."""
    return bool(_FAREWELL.search((text or "").lower()))


_UNITS = {"day": 1, "week": 7, "month": 30, "year": 365}
_LENGTH = re.compile(
    r"\b(?P<n>\d+(?:[.,]\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|(?:an?\s+)?couple(?:\s+of)?|(?:an?\s+)?few|several|some|half\s+an?)\s*-?\s*"
    r"(?P<unit>days?|weeks?|wks?|months?|mos?|years?|yrs?)\b"
)


def pause_length(text: str | None) -> tuple[str, int | None] | None:
    """How long a pause the message asks for: ``(as said, days)``, or None when not said.

    "3 months" is 90 days (a month is 30), "two weeks" 14, "a month" 30; a length that
    says no exact number ("a few months", "1.5 months", "half a year") has ``days`` None.
    """
    match = _LENGTH.search((text or "").lower())
    if match is None:
        return None
    said = " ".join(match.group().split())
    unit = next(days for name, days in _UNITS.items() if match.group("unit").startswith(name[0]))
    count = match.group("n")
    if count.startswith("half") or re.search(r"few|several|some|[.,]", count):
        return said, None
    number = _ENGLISH.quantity(count.replace(" of", "").split()[-1])
    return said, (number * unit if number else None)


def describe_days(days: int) -> str:
    """A pause length in words: 30 → "a month", 90 → "3 months", 14 → "2 weeks"."""
    for name, unit in (("year", 365), ("month", 30), ("week", 7), ("day", 1)):
        if days % unit == 0:
            count = days // unit
            return f"a {name}" if count == 1 else f"{count} {name}s"
    return f"{days} days"  # pragma: no cover - every whole number is a count of days
