"""English cues that re-read a message's intent from its words before anything changes (pure).

The NLU sees "resume my subscription" close to "cancel my subscription", "I didn't mean to
add the mug" close to "add the mug", and "remove everything except the mug" close to "remove
the mug". These cues are read from the text, whatever intent the model gave, and always in
the direction of changing less (see :mod:`bot.chat.intent_guards`):

* :func:`keeps_subscription`: resume / renew / reactivate / unpause / keep, or a negated
  cancel ("I don't want to cancel my subscription") — never the cancel flow.
* :func:`stops_billing`: "stop the recurring payments" — a cancel request in other words.
* :func:`negated_add`: "I didn't mean to add the mug", "I never wanted 2 filters".
* :func:`kept_in_removal`: "remove everything except the mug", "only keep the beans".
* :func:`swap_wording`: "swop A for B", "put B in place of A" as a plain "swap A for B".
* :func:`quantity_correction`: "no wait, just 2", "sorry I meant 2".
* :func:`corrected_product`: "oops, not mugs, tripods".
"""

from __future__ import annotations

import re

_NEG = r"(?:don'?t|dont|do not|didn'?t|did not|never|not|won'?t|wouldn'?t|no need to)"
"""A negation; up to three words may stand between it and the verb ("didn't mean to add")."""
_GAP = r"\s+(?:[\w']+\s+){0,3}?"

_RESUME = re.compile(
    r"\b(?:resum\w*|renew\w*|re-?activat\w*|re-?start\w*|un-?paus\w*|re-?enabl\w*"
    r"|turn (?:it|my \w+|the \w+) back on|start (?:it|my \w+|the \w+) again"
    r"|keep (?:it|my \w+|the \w+|them|paying)(?: \w+)? (?:going|running|active|on)"
    r"|keep (?:my )?(?:subscription|plan|membership|care plus|care basic|care)\b"
    r"|stay (?:subscribed|on (?:my|the) (?:plan|subscription)))",
    re.IGNORECASE,
)
_EXIT = re.compile(
    r"\b(?:cancel\w*|unsubscrib\w*|terminat\w*|end|stop\w*|quit|close)\b", re.IGNORECASE
)
_PAUSE_WORD = re.compile(r"\b(?:paus\w*|on hold|freeze)\b", re.IGNORECASE)
_NEGATED_BEFORE = re.compile(_NEG + r"\s+(?:[\w']+\s+){0,3}$", re.IGNORECASE)


def _free(pattern: re.Pattern[str], text: str) -> bool:
    """``pattern`` occurs in ``text`` without a negation just before it."""
    return any(
        not _NEGATED_BEFORE.search(text[: match.start()]) for match in pattern.finditer(text)
    )


def _negated(pattern: re.Pattern[str], text: str) -> bool:
    return any(_NEGATED_BEFORE.search(text[: match.start()]) for match in pattern.finditer(text))


def keeps_subscription(text: str) -> str | None:
    """Whether a message keeps or resumes the subscription rather than cancelling it.

    Returns:
        ``"resume"`` for resume / renew / reactivate / unpause / keep it running;
        ``"keep"`` for a negated cancel ("I don't want to cancel my subscription", "please
        don't stop my plan"); ``None`` otherwise — also when a cancel word stands free
        ("cancel it, I don't want to renew", "stop the auto-renewal").
    """
    if not text or text.startswith("/"):
        return None
    lowered = text.lower()
    free_exit = any(
        not _NEGATED_BEFORE.search(lowered[: m.start()]) and not _is_noun_use(lowered, m)
        for m in _EXIT.finditer(lowered)
    )
    if free_exit:
        return None
    if _free(_RESUME, lowered):
        return "resume"
    if _negated(_EXIT, lowered):
        return "keep"
    return None


def _is_noun_use(text: str, match: re.Match[str]) -> bool:
    """Whether an exit word is no request ("the end of the month", "non-stop")."""
    before = text[: match.start()].rstrip()
    return before.endswith(("the", "non-", "non")) or text[match.end() :].startswith(" of")


_BILLING = re.compile(
    r"\b(?:stop|end|halt|cancel|quit)\w*\s+(?:[\w']+\s+){0,3}?"
    r"(?:recurring|monthly|automatic|auto[- ]?)?\s*"
    r"(?:payments?|charges?|charging|billing|direct debits?|renewals?|auto[- ]?renew\w*)\b"
    r"|\b(?:don'?t|do not|no longer)\s+(?:want to\s+)?(?:be\s+)?(?:charged|billed)\b",
    re.IGNORECASE,
)


def stops_billing(text: str) -> bool:
    """Whether a message asks to stop paying ("stop the recurring payments")."""
    return bool(text) and not text.startswith("/") and bool(_BILLING.search(text))


_NEGATED_ADD = re.compile(
    _NEG + r"\s+(?:mean(?:t)?|want(?:ed)?|need(?:ed)?|ask(?:ed)?|intend(?:ed)?|order(?:ed)?)"
    r"(?:\s+(?:to|for|you to))?(?:\s+(?:add|put|get|buy|order|include|have))?"
    r"\s+(?P<what>.+?)\s*(?:in(?:to)? (?:my|the) (?:cart|basket))?[.!]*$"
    r"|" + _NEG + r"\s+(?:add|put|buy|order)\w*\s+(?P<what2>.+?)[.!]*$",
    re.IGNORECASE,
)
_NOT_A_PRODUCT = re.compile(r"^(?:to\b|that\b|this\b|it\b|anything\b|any more\b|more\b)", re.I)


def negated_add(text: str) -> str | None:
    """What a message says was never wanted ("I didn't mean to add the mug" → "the mug").

    Returns:
        The product words (with any quantity), or ``None`` when the message is no negated
        add. "I don't want any more mugs" is left to the existing statement guard.
    """
    if not text or text.startswith("/"):
        return None
    match = _NEGATED_ADD.search(text.strip())
    if match is None:
        return None
    what = (match.group("what") or match.group("what2") or "").strip(" ,.!")
    what = re.sub(r"\s+(?:any ?more|anymore|after all|either|please)$", "", what, flags=re.I)
    if not what or _NOT_A_PRODUCT.match(what) or _EXIT.search(what) or _PAUSE_WORD.search(what):
        return None
    return what


_EXCEPT = re.compile(
    r"\b(?:remove|delete|drop|take out|clear|get rid of|empty)\b.*?\b(?:everything|all|"
    r"the rest|every\w*|all the items|all items)\b.*?\b(?:except(?: for)?|but(?: not)?|"
    r"apart from|other than|besides|save for|aside from)\s+(?P<kept>.+)$"
    r"|\ball but\s+(?P<kept2>.+)$"
    r"|\b(?:only keep|keep only|just keep|keep just|leave only|leave just|only leave)\s+"
    r"(?P<kept3>.+)$"
    r"|\btake (?:out|away) everything but\s+(?P<kept4>.+)$",
    re.IGNORECASE,
)


def kept_in_removal(text: str) -> str | None:
    """What a sweeping removal keeps ("remove everything except the mug" → "the mug")."""
    if not text or text.startswith("/"):
        return None
    match = _EXCEPT.search(text.strip())
    if match is None:
        return None
    kept = next(g for g in match.groups() if g is not None)
    kept = re.sub(r"\s+(?:in (?:my|the) cart|please|thanks?)$", "", kept.strip(" ,.!?"), flags=re.I)
    return kept or None


_EXTRA = re.compile(
    r"\b(?:remove|delete|drop|take out|get rid of|lose|ditch|toss)\s+(?:all\s+)?the\s+"
    r"(?:extra|additional|spare|surplus|superfluous)\s+(?P<what>.+?)[.!?]*$",
    re.IGNORECASE,
)


def extras_in_removal(text: str) -> str | None:
    """The product whose extra units a removal means ("remove the extra mugs" → "mugs").

    "The extra mugs" are all but one of them: the line is to be set to 1, never removed.
    """
    if not text or text.startswith("/"):
        return None
    match = _EXTRA.search(text.strip())
    return match.group("what").strip(" ,") if match else None


_SWOP = re.compile(r"\bswop(s|ped|ping)?\b", re.IGNORECASE)
_IN_PLACE = re.compile(
    r"^(?:please\s+)?(?:can you\s+)?(?:put|use|get|give me|add|i want)\s+(?P<new>.+?)\s+"
    r"in (?:place|lieu) of\s+(?P<old>.+?)[.!?]*$",
    re.IGNORECASE,
)


def swap_wording(text: str) -> str | None:
    """A swap said in words the swap reader does not know, as "swap OLD for NEW".

    "swop the socks for the ankle socks" → "swap the socks for the ankle socks"; "put the
    decaf beans in place of the espresso beans" → "swap the espresso beans for the decaf
    beans". ``None`` when the message needs no rewording.
    """
    if not text or text.startswith("/"):
        return None
    place = _IN_PLACE.search(text.strip())
    if place is not None:
        return f"swap {place.group('old')} for {place.group('new')}"
    if _SWOP.search(text):
        return _SWOP.sub(lambda m: "swap" + (m.group(1) or ""), text)
    return None


_CORRECTION = re.compile(
    r"^\W*(?:(?:no|nope|oops|sorry|wait|hang on|hold on|actually|i mean|i meant|make that|"
    r"my bad|correction|scratch that|err?m?|um+)\b[\s,.!-]*)+(?:i\s+)?(?:meant\s+|mean\s+)?"
    r"(?:just|only)?\s*(?P<q>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"(?:\s+(?:of them|please|then|instead))?[\s.!]*$",
    re.IGNORECASE,
)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}  # fmt: skip


def quantity_correction(text: str) -> int | None:
    """The quantity a correction asks for ("no wait, just 2", "sorry I meant 2") or None."""
    if not text or text.startswith("/"):
        return None
    match = _CORRECTION.search(text.strip())
    if match is None:
        return None
    said = match.group("q").lower()
    return _NUMBERS.get(said) or int(said)


_NOT_X_BUT_Y = re.compile(
    r"^\W*(?:(?:oops|sorry|no|wait|actually|i meant|i mean)\b\W+)*not\s+(?:the\s+)?"
    r"(?P<old>[a-z][\w\s-]*?)\s*[,;]\s*(?:but\s+|i meant\s+)?(?:the\s+)?"
    r"(?P<new>[a-z][\w\s-]*?)[.!]*$",
    re.IGNORECASE,
)


def corrected_product(text: str) -> tuple[str, str] | None:
    """The product a correction swaps ("oops, not mugs, tripods" → ("mugs", "tripods"))."""
    if not text or text.startswith("/"):
        return None
    match = _NOT_X_BUT_Y.search(text.strip())
    if match is None or _PAUSE_WORD.search(text) or _EXIT.search(text):
        return None
    return match.group("old").strip(), match.group("new").strip()
