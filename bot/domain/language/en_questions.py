"""English cues of a question about buying, never a request to buy (pure; review s21, S11).

"can you give me a discount if I buy 10 mugs", "could I get a better price if i buy 3
tripods", "would I get free shipping if I added 2 mugs?", "how much would 3 tripods cost?":
each names products and a quantity like an add does, but asks something. The flows answer
the question (discount, free-shipping gap, price) and ask before any add.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class Topic(str, Enum):
    """What a purchase question asks about."""

    DISCOUNT = "discount"  # "a discount / deal / better price if I buy 10 mugs"
    SHIPPING = "shipping"  # "free shipping if I added 2 mugs?"
    PRICE = "price"  # "how much would 3 tripods cost?"
    OTHER = "other"  # "if I order 5 filters, will they ship together?"


@dataclass(frozen=True)
class PurchaseQuestion:
    """A question about a purchase the shopper has not asked for.

    Attributes:
        topic: What is asked.
        what: The purchase it is about as written ("10 mugs"), or "" when none is named.
        about_cart: The "purchase" is the cart itself or its shipping ("how much for free
            shipping?", "how much for everything?"): no product, never an add.
    """

    topic: Topic
    what: str
    about_cart: bool = False


_BUY = (
    r"(?:buy|bought|take|took|get|got|add|added|order|ordered|purchase|purchased|grab|grabbed"
    r"|put|picked\s+up|pick\s+up)"
)
_CONDITIONAL = re.compile(
    r"\b(?:if|when|once|say)\s+(?:i|we)\s+(?:(?:were|was)\s+to\s+|(?:do|did|'d|would|will)\s+)?"
    + _BUY
    + r"\s+(?:in\s+)?(?P<what>[^?!.,;]+)"
    r"|\b(?:for|on|when)\s+(?:buying|getting|taking|ordering|adding)\s+(?P<what2>[^?!.,;]+)"
)
_PRICE = re.compile(
    r"^\W*(?:(?:so|and|ok|okay|hmm|hey|hi|um)\W+)?(?:how\s+much|what)\s+"
    r"(?:would|will|do|does|did|is|are|'d|should)\s+(?P<what>.+?)\s+"
    r"(?:cost|come\s+to|be|set\s+me\s+back|run\s+me|total)\b"
    r"|^\W*(?:(?:so|and|ok|okay|hmm|hey|hi|um)\W+)?how\s+much\s+(?:for|would\s+it\s+be\s+for)\s+"
    r"(?P<what2>[^?!.]+)"
)
# "add 3 filters?", "so get 2 mugs??": an add asked as a question is asked back (review s23)
_ASKED_ADD = re.compile(
    r"^\W*(?:(?:so|and|ok|okay|hmm|um|maybe|just|then)\W+)*"
    r"(?:add|get|grab|order|buy|include|(?:put|throw|toss)\s+in)\s+(?P<what>[^?!.]+?)\s*\?+\W*$"
)
_DISCOUNT_OF = re.compile(
    r"\b(?:discount|deal|price\s+break|reduction)\s+(?:on|for|with)\s+(?P<what>[^?!.,;]+)"
)
_ASKS = re.compile(
    r"\?\s*$|^\W*(?:can|could|would|will|do|does|did|is|are|if|what|how|when|any|should)\b"
)
_TOPICS = (
    (
        Topic.DISCOUNT,
        re.compile(
            r"\b(?:discount\w*|deals?|better\s+price|cheaper|bulk|coupon|promo\w*|vouchers?"
            r"|money\s+off|\d+\s*%|percent\s+off|reduction|price\s+break|lower\s+price"
            r"|good\s+price|special\s+price)\b"
        ),
    ),
    (Topic.SHIPPING, re.compile(r"\b(?:free\s+(?:shipping|delivery)|shipping|delivery|postage)\b")),
    (Topic.PRICE, re.compile(r"\b(?:how\s+much|cost\w*|price\w*|total)\b")),
)
_CART_WORDS = frozenset({
    "the", "my", "a", "an", "your", "our", "this", "that", "it", "them", "all", "of", "in",
    "everything", "whole", "total", "subtotal", "grand", "cart", "basket", "order", "orders",
    "free", "shipping", "delivery", "postage", "deliver", "ship", "it's", "items", "stuff",
    "lot", "tax", "taxes", "fee", "fees",
})  # fmt: skip
_SHIPPING_WORDS = frozenset({"shipping", "delivery", "postage", "deliver", "ship"})
"""Words of a "purchase" that is the cart or its shipping, never a product."""
_TRAILING = re.compile(
    r"\s+(?:is\s+there|are\s+there|do\s+you|can\s+you|could\s+you|would|will)\b.*$"
)


def purchase_question(text: str | None) -> PurchaseQuestion | None:
    """The question a message asks about buying something, or ``None`` for a request.

    A conditional ("… if I buy 10 mugs") or a price question ("how much would 3 tripods
    cost?") is a question whatever its verbs, and so is an add asked with a question mark
    ("add 3 filters?": its price, asked back); "can I get 10 mugs" is a polite request (no
    conditional), read as usual.
    """
    lowered = " ".join((text or "").lower().split())
    match = _CONDITIONAL.search(lowered) or _PRICE.search(lowered) or _ASKED_ADD.search(lowered)
    asked = _DISCOUNT_OF.search(lowered) if _ASKS.search(lowered) else None
    found = match or asked
    if found is None:
        return None
    what = next((value for value in found.groupdict().values() if value), "")
    what = _TRAILING.sub("", what).strip(" ,.;:!?")
    topic = next((t for t, cue in _TOPICS if cue.search(lowered)), Topic.OTHER)
    if match is not None and match.re in (_PRICE, _ASKED_ADD) and topic is Topic.OTHER:
        topic = Topic.PRICE
    words = re.findall(r"[a-z']+|\d+", what)
    if words and all(word in _CART_WORDS for word in words):  # "how much for free shipping?"
        return PurchaseQuestion(topic, "", about_cart=True)
    if _SHIPPING_WORDS.intersection(words):  # "how much for shipping to canada?": no purchase
        return None
    return PurchaseQuestion(topic, what)
