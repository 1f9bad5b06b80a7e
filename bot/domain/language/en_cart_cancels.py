"""English cues of a counted removal and of "cancel my cart" (pure; review s27, issue 12).

* :func:`counted_removal`: "cancel one tripod", "remove 2 mugs", "take 1 tripod out",
  "get rid of two of the mugs", "minus one mug" — a cart verb, a count, then the product:
  exactly that many come out of the line (F40, F7/F8). "cancel" with a count is always
  about the cart: a subscription has no count.
* :func:`cancels_cart`: "cancel my cart", "cancel items", "cancel the items in my cart",
  "cancel everything in the cart" — the cart, never the subscription (F60).
* :func:`cancels_everything`: "cancel everything", "cancel it all" — names neither the cart
  nor the subscription, so the caller asks which when both could be meant (F60).
"""

from __future__ import annotations

import re

from bot.domain.language import en_quantities
from bot.domain.language.en_cues import says_add, says_swap

_LEAD = (
    r"^\W*(?:(?:please|pls|can\s+you|could\s+you|would\s+you|will\s+you|i\s+want\s+to|"
    r"i'?d\s+like\s+to|i\s+need\s+to|i\s+wanna|let'?s|just|ok|okay|so|and|then|actually|"
    r"hmm+|um+|uh+|oh|hey|hi)\W+)*"
)
_VERB = (
    r"(?:cancel|remove|delete|drop|minus|subtract|take\s+out|take\s+away|take\s+off|"
    r"get\s+rid\s+of|ditch|scrap|nix|lose|dump|bin|knock\s+off|call\s+off)"
)
_COUNT = (
    r"(?P<q>\d+|a\s+couple(?:\s+of)?|a\s+pair\s+of|an?|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve)"
)
_TAIL = (
    r"(?:\s+(?:out|off|away))?(?:\s+(?:from|of|in|off)\s+(?:my\s+|the\s+)?(?:cart|basket))?"
    r"(?:\s+(?:please|pls|thanks|now))?[\s.!?]*$"
)
_WHAT = r"(?:of\s+)?(?:the\s+|my\s+|those\s+|these\s+)?(?P<what>[a-z][\w\s-]*?)"
_COUNTED = re.compile(rf"{_LEAD}{_VERB}\s+{_COUNT}\s+{_WHAT}{_TAIL}")
_COUNTED_TAKE = re.compile(  # "take 2 mugs out", "take one tripod off"
    rf"{_LEAD}(?:take|knock)\s+{_COUNT}\s+{_WHAT}\s+(?:out|off|away){_TAIL}"
)
_SPEC = re.compile(r"^(?:gb|tb|mb|mm|cm|w|k|inch|in|m|pack|x)\b")
_CONNECTOR = re.compile(r"\b(?:and|plus|then|but|or|instead|except)\b|[,;&]")

_CANCEL = re.compile(rf"{_LEAD}(?:cancel|call\s+off|scrap|abandon|void)\s+(?P<what>.*?)[\s.!?]*$")
_CART = re.compile(r"\b(?:cart|basket|trolley|items?|products?)\b")
_CART_FILLER = frozenset(
    {"my", "the", "this", "whole", "entire", "all", "of", "everything", "in", "from", "shopping",
     "cart", "basket", "trolley", "item", "items", "product", "products", "stuff", "things",
     "thing", "that", "are", "is", "i", "have", "added", "please", "pls", "now", "it", "just",
     "what", "whats", "what's", "inside", "content", "contents", "lot"}
)  # fmt: skip
_EVERYTHING = re.compile(
    r"^(?:(?:it|them)\s+all|all(?:\s+of\s+(?:it|them))?|everything|the\s+lot|all\s+of\s+that)"
    r"(?:\s+(?:please|pls|now))?$"
)


def _count(said: str) -> int | None:
    said = " ".join(said.split())
    if said in ("a", "an"):
        return 1
    if said.startswith(("a couple", "a pair")):
        return 2
    return en_quantities.quantity(said)


def counted_removal(text: str | None) -> tuple[int, str] | None:
    """``(count, product words)`` of "cancel one tripod", "remove 2 mugs", "take 1 tripod out".

    None when the message is not one counted removal: no cart verb or no count right after
    it, a number that is part of a name ("remove 2 tb drive" is read as usual), an add or a
    swap too, or several parts ("remove a tripod and add 2 mugs").
    """
    lowered = " ".join((text or "").lower().split())
    if _CONNECTOR.search(lowered):
        return None
    match = _COUNTED.match(lowered) or _COUNTED_TAKE.match(lowered)
    if match is None:
        return None
    what = match.group("what").strip()  # "i want to cancel one mug": the lead is no add
    if says_add(what) or says_swap(what):
        return None
    count = _count(match.group("q"))
    if count is None or count < 1 or not what or _SPEC.match(what):
        return None
    return count, what


def _cart_words(what: str) -> bool:
    """Whether ``what`` names the cart and nothing else ("the items in my cart")."""
    words = re.findall(r"[a-z']+", what)
    return bool(words) and bool(_CART.search(what)) and all(w in _CART_FILLER for w in words)


def cancels_cart(text: str | None) -> bool:
    """Whether a message cancels the cart ("cancel my cart", "cancel items", "cancel all items").

    Only cart words may follow the verb: "cancel my subscription", "cancel the mug" and
    "cancel my order" are other requests.
    """
    match = _CANCEL.match(" ".join((text or "").lower().split()))
    return match is not None and _cart_words(match.group("what"))


def cancels_everything(text: str | None) -> bool:
    """Whether a message cancels "everything" / "it all" and names neither cart nor plan."""
    match = _CANCEL.match(" ".join((text or "").lower().split()))
    return match is not None and bool(_EVERYTHING.match(match.group("what")))
