"""English cues for subscription requests the NLU has no intent for, and answers it misreads.

Pure functions, no I/O (review s20: G6, G25, G27, G29, G30 and two cancel/pause phrasings):

* "stop" on its own: :func:`is_bare_stop`.
* "is my subscription active?", "what's my subscription status": :func:`asks_status`.
* "resume my subscription", "unpause it", "start my deliveries again": :func:`asks_resume`.
* "cancel my monthly delivery": :func:`cancels_recurring_delivery` (a subscription's delivery
  is the subscription, not a placed order).
* "not cancel, just pause", "I don't want to cancel, just pause it": :func:`pause_not_cancel`.
* "what if I pause it?", "how does a pause work?": :func:`asks_pause_terms` (a question about
  the pause, never the pause itself).
* "cancel my delivery" (no recurring word): :func:`cancels_a_delivery` — an order or the
  subscription, so it is asked back when there is a subscription.
* "not that, the 256 one", "not the first, the second": :func:`picked_part` (the part of a
  did-you-mean answer that picks).
* Answers to "add 2 × Case, or make it Phone × 2?": :func:`which_line_answer`.
"""

from __future__ import annotations

import re

_SUBSCRIPTION = r"(?:subscription|subscriptions|plan|membership|deliver(?:y|ies)|box(?:es)?)"
_BARE_STOP = re.compile(
    r"^\W*(?:(?:please|pls|ok|okay|just|no|oh)\W+)*stop(?:\W+(?:it|that|this|now|please|"
    r"already|stop|thanks|thank you))*\W*$",
    re.IGNORECASE,
)
_STATUS = re.compile(
    r"\b(?:(?:is|are)\s+my\s+(?:\w+\s+){0,3}" + _SUBSCRIPTION + r"\s+(?:still\s+)?"
    r"(?:active|on|running|live|valid|going|paused|working|current|cancell?ed)"
    r"|status\s+of\s+my\s+(?:\w+\s+)?"
    + _SUBSCRIPTION
    + r"|"
    + _SUBSCRIPTION
    + r"(?:'s)?\s+status|am\s+i\s+(?:still\s+)?subscribed"
    r"|what(?:'s|s|\s+is)\s+my\s+(?:current\s+)?(?:subscription|plan|membership)\b"
    r"(?!\s+(?!called|price|cost|now|rn|right|again|currently)\w)"
    r"|(?:what|which)\s+(?:\w+\s+){0,2}(?:subscription|plan|membership|tier)\s+"
    r"(?:am\s+i|i'?m|im|do\s+i|have\s+i|did\s+i|is\s+(?:mine|it))\b"
    r"|how\s+much\s+(?:is|does|do\s+i\s+pay\s+for|am\s+i\s+paying\s+for)\s+my\s+"
    r"(?:\w+\s+){0,2}(?:subscription|plan|membership)"
    r"|(?:details|price|cost)\s+(?:of|on|for|about)\s+my\s+(?:\w+\s+){0,2}"
    r"(?:subscription|plan|membership)|(?:tell\s+me\s+about|show\s+me)\s+my\s+"
    r"(?:\w+\s+){0,2}(?:subscription|plan|membership)"
    r"|when\s+(?:does|is|will)\s+my\s+(?:\w+\s+){0,2}(?:subscription|plan|membership)\s+"
    r"(?:renew|due|charged|billed|paused)"
    r"|(?:do\s+i\s+have|have\s+i\s+got)\s+(?:an?\s+)?(?:active\s+)?(?:subscription|plan|membership))",
    re.IGNORECASE,
)
_RESUME = re.compile(
    r"\b(?:resum\w*|un-?paus\w*|re-?activat\w*|re-?start\w*|turn\s+(?:it|my\s+\w+)\s+back\s+on"
    r"|(?:start|begin|get)\s+(?:my\s+|the\s+)?(?:\w+\s+){0,2}" + _SUBSCRIPTION + r"\s+"
    r"(?:going\s+)?again|(?:start|continue)\s+(?:it|my\s+\w+)\s+again)\b",
    re.IGNORECASE,
)
_OTHER_RESUME = re.compile(r"\b(?:checkout|order|shopping|cart|chat|conversation)\b", re.I)
_NEGATED = re.compile(r"\b(?:don'?t|do\s+not|not|never|no)\b", re.IGNORECASE)
_CANCEL_VERB = re.compile(r"\b(?:cancel|stop|end|pause|switch)\b", re.IGNORECASE)
_RECURRING_DELIVERY = re.compile(
    r"\b(?:cancel\w*|stop|end)\s+(?:my\s+|the\s+|our\s+)?"
    r"(?:monthly|weekly|fortnightly|quarterly|yearly|annual|recurring|regular|repeat\w*|"
    r"subscription)\s+(?:deliver(?:y|ies)|box(?:es)?|shipments?|orders?)\b"
    r"|\b(?:cancel\w*|stop|end)\s+(?:all\s+)?(?:my\s+|the\s+|future\s+)+deliveries\b",
    re.IGNORECASE,
)
_PAUSE_TERMS = re.compile(
    r"\bwhat\s+(?:happens|would\s+happen|will\s+happen|happen)?\s*(?:if|when)\s+(?:i|we)\s+"
    r"(?:\w+\s+){0,2}paus\w*"
    r"|\bhow\s+(?:does|do|would|will)\s+(?:a\s+|the\s+)?paus\w*\s+(?:\w+\s+){0,2}work"
    r"|\bhow\s+(?:does|do|would|will)\s+paus\w*\s+work"
    r"|\bwhat\s+(?:does|would)\s+(?:a\s+|the\s+)?paus\w*\s+(?:\w+\s+)?(?:mean|do|cost|involve)"
    r"|\bwhat\s+(?:are\s+)?the\s+(?:pause\s+terms|terms\s+of\s+(?:a\s+|the\s+)?pause)"
    r"|\b(?:if|when)\s+i\s+paus\w*(?:\W+\w+){0,3}?\W+(?:what|how|do|does|will|would|am|is)\b",
    re.IGNORECASE,
)
_ONE_DELIVERY = re.compile(
    r"\b(?:cancel\w*|stop|call\s+off)\s+(?:my\s+|the\s+|our\s+|this\s+|that\s+|next\s+|"
    r"upcoming\s+|today'?s\s+|this\s+week'?s\s+)*"
    r"(?:deliver(?:y|ies)|shipments?|parcels?|packages?|box(?:es)?)\b",
    re.IGNORECASE,
)
_PAUSE_NOT_CANCEL = re.compile(
    r"\b(?:not|don'?t|do\s+not|no\s+need\s+to|rather\s+not)\s+(?:want\s+to\s+)?cancel\w*\b"
    r".*?\b(?:paus\w*|put\s+it\s+on\s+hold|freeze)"
    r"|\b(?:just\s+|only\s+)?paus\w*\b.*?\b(?:not|don'?t|do\s+not|rather\s+than|instead\s+of)\s+"
    r"(?:\w+\s+)?cancel",
    re.IGNORECASE,
)
_NOT_CLAUSE = re.compile(
    r"^\W*(?:no|nope|nah)?\W*(?:not|don'?t\s+want)\s+(?:the\s+|that\s+|this\s+)?[^,;.!-]*?"
    r"(?:\s+one)?\s*[,;.!-]+\s*(?:but\s+|i\s+(?:want|meant|mean)\s+|i'?d\s+like\s+)?(?P<rest>.+)$",
    re.IGNORECASE,
)
_AFFIRM = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|sure|ok|okay|please|yes please|go on|do it|that one|alright)"
    r"\W*(?:please|thanks|thank you)?\W*$",
    re.IGNORECASE,
)
_FIRST = re.compile(r"\b(?:first|1st|top|former|number one|option one|option 1)\b", re.I)
_SECOND = re.compile(r"\b(?:second|2nd|bottom|latter|last|number two|option two|option 2)\b", re.I)
_CHEAPER = re.compile(r"\b(?:cheaper|cheapest|less\s+expensive|lower[-\s]priced?)\b", re.I)
_DEARER = re.compile(
    r"\b(?:pricier|priciest|dearer|more\s+expensive|most\s+expensive|(?<!less )expensive)\b",
    re.I,
)
_OFFERED = re.compile(
    r"\b(?:offer\w*|suggest\w*|recommend\w*|add-?on|accessor\w*|new one|extra one|yours)\b", re.I
)
_LINE = re.compile(
    r"\b(?:my\s+(?:one|line|item)|in\s+my\s+cart|cart\s+line|the\s+line|mine|what\s+i\s+have"
    r"|the\s+one\s+i\s+(?:have|added|picked|chose|ordered))\b",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[a-z0-9]+")
_COMMON = {"the", "a", "an", "one", "gb", "tb", "please", "of", "x", "and", "for", "with", "pro"}


def is_bare_stop(text: str | None) -> bool:
    """Whether the message is "stop" on its own ("stop", "please stop", "stop it")."""
    return bool(text) and bool(_BARE_STOP.match(text or ""))


def asks_status(text: str | None) -> bool:
    """Whether the message asks about the subscription's state ("is my plan active?")."""
    if not text or _CANCEL_VERB.search(text):
        return False  # "cancel it, is it still active?": the cancel is read as usual
    return bool(_STATUS.search(text)) and not asks_resume(text)


def asks_resume(text: str | None) -> bool:
    """Whether the message asks to resume a paused subscription ("unpause it")."""
    if not text or _OTHER_RESUME.search(text):
        return False
    match = _RESUME.search(text)
    if match is None:
        return False
    return not _NEGATED.search(text[: match.start()])  # "don't resume it"


def cancels_recurring_delivery(text: str | None) -> bool:
    """Whether a cancel names the subscription's recurring delivery ("my monthly delivery")."""
    if not text or _NEGATED.search(text.split("cancel")[0] if "cancel" in text else ""):
        return False
    return bool(_RECURRING_DELIVERY.search(text))


def pause_not_cancel(text: str | None) -> bool:
    """Whether the message asks for a pause instead of a cancel ("not cancel, just pause")."""
    if not text or re.search(r"\b(?:don'?t|not|never)\s+(?:\w+\s+)?paus", text, re.I):
        return False
    return bool(_PAUSE_NOT_CANCEL.search(text))


def asks_pause_terms(text: str | None) -> bool:
    """Whether the message asks what a pause would mean ("what if I pause it?"), not for one."""
    return bool(text) and bool(_PAUSE_TERMS.search(text or ""))


def cancels_a_delivery(text: str | None) -> bool:
    """Whether a cancel names a delivery, shipment or box without saying it recurs.

    "cancel my delivery" may mean a placed order or the subscription: asked back. The
    recurring wordings ("my monthly delivery", "all my deliveries") are
    :func:`cancels_recurring_delivery`; a negated cancel ("don't cancel my delivery") is
    neither.
    """
    if not text or cancels_recurring_delivery(text):
        return False
    match = _ONE_DELIVERY.search(text)
    return match is not None and not _NEGATED.search(text[: match.start()])


def picked_part(text: str) -> str:
    """The part of an answer that picks: "not that, the 256 one" → "the 256 one"."""
    match = _NOT_CLAUSE.match(text)
    return match.group("rest").strip() if match else text.strip()


def which_line_answer(
    text: str, offered: str, line: str, prices: tuple[int, int] | None = None
) -> int | None:
    """Which option an answer to "add 2 × Case, or make it Phone × 2?" picks.

    Args:
        text: The typed answer.
        offered: The offered product's name (the first option).
        line: The cart line's product name (the second option).
        prices: The two options' unit prices, for "the cheaper one" / "the pricier one".

    Returns:
        0 for the offered item, 1 for the cart line, -1 for a plain "yes" (which picks
        neither: the question is asked again), None when the message does not answer.
    """
    if _AFFIRM.match(text):
        return -1
    said = picked_part(text)
    picks = {0 for pattern in (_FIRST, _OFFERED) if pattern.search(said)} | {
        1 for pattern in (_SECOND, _LINE) if pattern.search(said)
    }
    if prices is not None and prices[0] != prices[1]:  # "the cheaper one" (issue 12, H6)
        cheaper = 0 if prices[0] < prices[1] else 1
        picks |= {cheaper} if _CHEAPER.search(said) else set()
        picks |= {1 - cheaper} if _DEARER.search(said) else set()
    words = {_singular(w) for w in _WORDS.findall(said.lower())} - _COMMON
    own = [set(_WORDS.findall(name.lower())) - _COMMON for name in (offered, line)]
    heads = [_head(name) for name in (offered, line)]
    for index, name_words in enumerate(own):
        if words & (name_words - own[1 - index]) or heads[index] in words - {heads[1 - index]}:
            picks.add(index)
    return picks.pop() if len(picks) == 1 else None


def _head(name: str) -> str:
    """The naming noun of a product name: its last word that is not a size ("phone")."""
    words = [w for w in _WORDS.findall(name.lower()) if w.isalpha() and w not in _COMMON]
    return words[-1] if words else ""


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
