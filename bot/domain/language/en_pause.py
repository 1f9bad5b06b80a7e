"""How long a pause the shopper asks for, in English: a length or an end date (pure, no I/O).

"for 2 weeks" and "for a fortnight" are lengths; "until the 20th", "till january 10" and
"until friday" are end dates, read with python-dateutil relative to the caller's today.
A length or date the shopper named but that cannot be read exactly ("until further
notice", "till next friday" when two Fridays fit) is reported as unread, so the flow
asks instead of pausing for the default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta

from bot.domain.language.en_requests import pause_length
from bot.domain.request_rules import is_negated_request, is_unsure_request

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}
_FORTNIGHT = re.compile(r"\b(?:(?P<n>an?|one|two|three|four|\d+)\s+)?fortnights?\b")
_HALF = re.compile(r"\bhalf\s+an?\s+(?P<unit>month|year|week)\b")
_HALF_DAYS = {"month": 15, "year": None, "week": None}  # 182.5 and 3.5 days: not exact
_UNTIL = re.compile(r"\b(?:until|till|til|'til|through|thru)\s+(?P<when>.+)$")
_FILLER = re.compile(
    r"\b(?:please|pls|thanks|thank\s+you|the|of|on|then|for\s+me|instead|rather|ok|okay)\b|[?!.,]"
)
_VAGUE = re.compile(r"\bfor\s+(?:a\s+|some\s+)?(?P<what>while|bit|time|now|the\s+moment)\b")
_NEXT = re.compile(r"^(?P<which>next|this|coming|the\s+coming)?\s*(?P<day>[a-z]+)$")


@dataclass(frozen=True)
class PauseAsked:
    """A pause length the shopper named.

    Attributes:
        said: The words as said ("until the 20th", "a fortnight").
        days: The exact length in days; None when said but not exact ("a few months").
        readable: False when the words could not be read at all ("until further notice").
    """

    said: str
    days: int | None
    readable: bool = True


def read_pause(text: str | None, today: date) -> PauseAsked | None:
    """The pause length a message asks for, relative to ``today``; None when none is said."""
    lowered = " ".join((text or "").lower().split())
    for reader in (_fortnight, _half):
        asked = reader(lowered)
        if asked is not None:
            return asked
    until = _UNTIL.search(lowered)
    if until is not None:
        return _until(until.group(), until.group("when"), today)
    length = pause_length(lowered)
    if length is not None:
        return PauseAsked(*length)
    vague = _VAGUE.search(lowered)
    if vague is not None and not vague.group("what").endswith(("now", "moment")):
        return PauseAsked(vague.group(), None, readable=False)  # "for a while": how long?
    return None


def says_length(text: str | None, today: date) -> bool:
    """Whether an answer to a pause question says how long ("fine, make it 10 days").

    Not when it hedges or negates ("maybe in 2 weeks", "don't pause it for a month"), nor a
    button payload: the length in those is no answer.
    """
    if not text or text.startswith("/") or read_pause(text, today) is None:
        return False
    return not is_unsure_request(text) and not is_negated_request(text)


def _fortnight(lowered: str) -> PauseAsked | None:
    match = _FORTNIGHT.search(lowered)
    if match is None:
        return None
    count = match.group("n") or "a"
    number = int(count) if count.isdigit() else _COUNTS[count]
    return PauseAsked(match.group(), 14 * number)


def _half(lowered: str) -> PauseAsked | None:
    match = _HALF.search(lowered)
    return None if match is None else PauseAsked(match.group(), _HALF_DAYS[match.group("unit")])


def _until(said: str, when: str, today: date) -> PauseAsked:
    """An end date: "the 20th", "january 10", "friday", "tomorrow"; unread if unclear."""
    words = " ".join(_FILLER.sub(" ", when).split())
    end = _weekday(words, today) if not any(c.isdigit() for c in words) else _dated(words, today)
    if end is None or end <= today:
        return PauseAsked(said, None, readable=False)
    return PauseAsked(said, (end - today).days)


def _weekday(words: str, today: date) -> date | None:
    """A weekday end: "tomorrow", "friday"; "next friday" only when one Friday fits."""
    if words == "tomorrow":
        return today + relativedelta(days=1)
    match = _NEXT.match(words)
    if match is None or match.group("day") not in _WEEKDAYS:
        return None
    wanted = _WEEKDAYS.index(match.group("day"))
    ahead = (wanted - today.weekday()) % 7 or 7
    if match.group("which") == "next" and wanted > today.weekday():
        return None  # this week's or next week's Friday: ask rather than guess
    return today + relativedelta(days=ahead)


def _dated(words: str, today: date) -> date | None:
    """A dated end ("20th", "january 10", "10 jan"): the next such day from ``today``."""
    start = datetime(today.year, today.month, today.day)
    try:
        parsed = date_parser.parse(words, default=start)
    except (ValueError, OverflowError):
        return None
    if parsed.time() != start.time():
        return None  # "until 5pm": a time of day, not a pause length
    end = parsed.date()
    if end > today:
        return end
    has_month = any(c.isalpha() for c in re.sub(r"\d+(?:st|nd|rd|th)\b", "", words))
    return end + (relativedelta(years=1) if has_month else relativedelta(months=1))
