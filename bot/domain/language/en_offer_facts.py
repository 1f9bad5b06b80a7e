"""English cues for questions the cart can't answer from a total (pure, no I/O; issue 12, s25).

* a delivery-date question ("when will it arrive?", "when does my order ship",
  "how long does delivery take?"): the chat sees no orders or delivery dates, so it says
  so and where to look — never a total, never a pitch;
* a question about the open offer's product ("does it fit my phone?", "is it dishwasher
  safe?"): answered from what the offer holds (its price, its true reason, whether it is
  made to go with a line of the cart), or honestly "I don't know that";
* "swap it back": the reversal of a swap, and of nothing else.
"""

from __future__ import annotations

import re

_DELIVERY = re.compile(
    r"\b(?:when|how\s+long|how\s+soon|how\s+quickly|what\s+day|which\s+day|by\s+when|"
    r"what\s+time)\b.*\b(?:arriv\w*|ship|ships|shipped|shipping|deliver\w*|dispatch\w*|"
    r"get\s+(?:here|there|to\s+me)|reach\s+me|receive\s+it|be\s+here|come)\b"
    r"|\b(?:delivery|shipping|arrival|dispatch)\s+(?:date|day|time|estimate|window)s?\b"
    r"|\beta\b|\btrack(?:ing)?\s+(?:my|the)\s+(?:order|parcel|package|delivery)\b",
    re.IGNORECASE,
)
_NOT_DELIVERY = re.compile(
    r"\bfree\s+shipping\b|\bship(?:ping)?\s+to\b|\bhow\s+much\b|\bcost\b|\bprice\b",
    re.IGNORECASE,
)


def asks_delivery_date(text: str | None) -> bool:
    """Whether the message asks when an order ships or arrives ("when will it arrive?").

    A free-shipping question ("when do I get free shipping?"), a destination ("do you
    ship to Canada?") or a price ("how much is shipping?") is not one.
    """
    if not text or text.startswith("/") or len(text) > 200:
        return False
    return bool(_DELIVERY.search(text)) and not _NOT_DELIVERY.search(text)


_QUESTION = re.compile(
    r"\?\s*$|^\W*(?:is|are|does|do|will|would|can|could|should|what|how|which|has|have)\b",
    re.IGNORECASE,
)
_REFERS = re.compile(r"\b(?:it|its|it's|this|that|they|these|those|them|one)\b", re.IGNORECASE)
_DETAIL = re.compile(
    r"\bhow\s+much\b|\bprice\b|\bcost\w*\b|\bwhy\b|\bdifference\b|\bdiffer\b|"
    r"\bwhat(?:'s|\s+is)\s+(?:it|that|this)(?:\s+exactly)?\W*$|\bin\s+stock\b|\bbigger\b|"
    r"\bcheaper\b|\bsmaller\b|\bother\s+(?:one|option)s?\b|\belse\b|\banother\b",
    re.IGNORECASE,
)
_FITS = re.compile(
    r"\b(?:fit|fits|work\s+with|works\s+with|compatible|go\s+with|goes\s+with|suit|suits|"
    r"match|matches)\b",
    re.IGNORECASE,
)


def offer_fact_question(text: str | None) -> str | None:
    """What a question about the offered product asks: ``"fits"``, ``"other"`` or None.

    ``"fits"``: whether it goes with something ("does it fit my phone?", "will it work
    with my laptop?"); ``"other"``: any other fact ("is it dishwasher safe?", "what colour
    is it?"). None for a message that is no such question, or one the offer's detail reply
    answers already (its price, why it was suggested, the difference, another one).
    """
    if not text or text.startswith("/") or len(text) > 200:
        return None
    if not _QUESTION.search(text) or not _REFERS.search(text) or _DETAIL.search(text):
        return None
    return "fits" if _FITS.search(text) else "other"


_TARGET = re.compile(
    r"\b(?:fit|fits|work\s+with|works\s+with|compatible\s+with|go\s+with|goes\s+with|suit|"
    r"suits|match|matches)\b(?P<rest>.*)$",
    re.IGNORECASE,
)
_NOT_TARGET = frozenset(
    {"my", "the", "a", "an", "your", "this", "that", "it", "with", "on", "in", "for", "to",
     "our", "me", "i", "mine", "one"}
)  # fmt: skip


def fit_target(text: str) -> list[str]:
    """The words naming what a "fits" question asks about ("does it fit my phone?" → phone).

    Empty when it names nothing ("does it fit?"): then the line it goes with is meant.
    """
    found = _TARGET.search(text or "")
    if found is None:
        return []
    words = re.findall(r"[a-z0-9][a-z0-9-]*", found.group("rest").lower())
    return [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w not in _NOT_TARGET]


_SWAP_BACK = re.compile(
    r"^\W*(?:(?:oops|oh|no|wait|sorry|actually|ok|okay|please|pls|can\s+you|could\s+you|"
    r"just)\W+)*(?:swap|switch|change|trade|exchange)\s+(?:it|that|them|this|those|"
    r"(?:the|my)\s+[\w\s-]{1,40}?)?\s*back(?:\s+(?:again|please|to\s+(?:the|what|how)\b.*))?"
    r"\W*$",
    re.IGNORECASE,
)


def asks_to_swap_back(text: str | None) -> bool:
    """Whether the message asks to reverse a swap ("swap it back", "switch back please")."""
    return bool(text) and not str(text).startswith("/") and bool(_SWAP_BACK.search(str(text)))
