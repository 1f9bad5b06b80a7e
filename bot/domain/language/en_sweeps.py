"""English cues of removals that sweep several lines, and of "cancel the X (order)" (pure).

Review s23 (issue 12, "never a cart change on a guess"):

* :func:`swept_words`: "remove all the usb-c things", "take out all the cables", "remove
  both phone cases" — a removal whose words may name several cart lines at once.
* :func:`cancelled_item`: "stop the mouse pad order", "cancel the mugs", "cancel my tripod
  order" — a cancel of a product or a placed order, never an add and never the subscription.
* :func:`words_of` / :func:`names_all`: the words a cart line's name must hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.domain.language.en import English
from bot.domain.language.en_cues import says_add, says_remove, says_swap
from bot.domain.language.en_requests import clears_cart

_ENGLISH = English()
_SWEEP = re.compile(
    r"\b(?P<q>all|both|every|each)\s+(?:of\s+)?(?:the\s+|my\s+|those\s+|these\s+|your\s+)?"
    r"(?P<what>[a-z0-9][\w\s.-]*)"
)
_EXCEPT = re.compile(r"\b(?:except|but|apart\s+from|other\s+than|besides|extra)\b")
_FILLER = frozenset(
    {"out", "please", "from", "cart", "basket", "my", "away", "in", "of", "them", "the", "those",
     "these", "thing", "things", "stuff", "items", "item", "ones", "one", "products", "product",
     "lines", "line", "now", "thanks", "pls", "too", "as", "well"}
)  # fmt: skip
_PLURAL_STAND_INS = frozenset({"things", "stuff", "items", "ones", "bits", "products"})
_PARTS = re.compile(r",|;|&|\band\b|\bplus\b")
_CANCEL = re.compile(
    r"^\W*(?:(?:please|pls|can\s+you|could\s+you|would\s+you|i\s+want\s+to|i'?d\s+like\s+to|"
    r"i\s+need\s+to|i\s+wanna|just|ok|okay|hmm+|um+|uh+|oh|actually|so|and|then)\W+)*"
    r"(?:cancel|stop|call\s+off|halt)\s+(?P<what>.*?)[\s.!?]*$"
)
_ORDER = re.compile(r"\b(?:orders?|purchases?)\b")
_NOT_AN_ITEM = re.compile(
    r"\b(?:subscriptions?|plans?|membership|care|renew\w*|billing|payments?|charg\w*|"
    r"deliver(?:y|ies)|shipments?|packages?|parcels?|box(?:es)?|e-?mails?|newsletters?|"
    r"messages?|notifications?|texts?|marketing|spam|selling|offers?|suggest\w*|recommend\w*|"
    r"talking|asking|it|that|this|everything|all|them|last|one|ones|first|second|other)\b"
)
_CANCEL_FILLER = frozenset({"my", "the", "this", "that", "our", "a", "an", "please", "now", "for",
                            "me", "pls", "whole", "entire", "just"})  # fmt: skip


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def words_of(text: str) -> frozenset[str]:
    """The comparable words of a name or mention: lower case, split at "-", singular."""
    return frozenset(_singular(w) for w in re.findall(r"[a-z0-9]+", text.lower()))


def names_all(name: str, words: str) -> bool:
    """Whether every word of ``words`` is a word of ``name`` ("usb-c" in "USB-C Hub 7-in-1")."""
    wanted = words_of(words)
    return bool(wanted) and wanted <= words_of(name)


def swept_words(text: str | None) -> tuple[str, str] | None:
    """``(quantifier, product words)`` of "remove all the usb-c things" / "both phone cases".

    The quantifier is "all", "both", "every" or "each", or "plural" for a plural named with
    no quantifier ("remove the usb-c things", "take out the phone cases"): the caller asks
    first when the words name several lines. None for anything else: no removal verb, an
    add or a swap too, nothing named ("remove all", "remove both": other readings), a
    removal that keeps something ("all but the mug", "the extra mugs"), or several parts.
    """
    lowered = (text or "").lower()
    if not says_remove(lowered) or says_add(lowered) or says_swap(lowered):
        return None
    if _EXCEPT.search(lowered) or clears_cart(lowered) or _PARTS.search(lowered):
        return None
    match = _SWEEP.search(lowered)
    said = match.group("what") if match else lowered
    content = _ENGLISH.content(said).split()
    words = [w for w in content if w not in _FILLER and not says_remove(w)]
    if not words:
        return None
    if match is not None:
        return match.group("q"), " ".join(words)
    last = content[-1]
    plural = last in _PLURAL_STAND_INS or (len(last) > 3 and last.endswith("s"))
    return ("plural", " ".join(words)) if plural and not last.endswith("ss") else None


def cancelled_item(text: str | None) -> tuple[str, bool] | None:
    """``(product words, says order)`` of "stop the mouse pad order", "cancel the mugs".

    ``("", True)`` for "cancel my order"; None when the cancel is of something else (the
    subscription, a delivery, the emails, "it"/"that") or says nothing after the verb.
    """
    match = _CANCEL.match((text or "").lower())
    if match is None:
        return None
    what = match.group("what")
    if _NOT_AN_ITEM.search(what):
        return None
    order = bool(_ORDER.search(what))
    words = [w for w in re.findall(r"[\w-]+", _ORDER.sub(" ", what)) if w not in _CANCEL_FILLER]
    if not words and not order or len(words) > 5:
        return None
    return " ".join(words), order


_SPEC = re.compile(r"^(?:\d[\w.]*|gb|tb|mb|kg|g|ml|l|mm|cm|m|w|inch|in|k)$")


def head_noun(name: str, family: str | None = None) -> str | None:
    """The noun a product is: its family's last word, else its name's, before any spec."""
    words = [w for w in re.findall(r"[a-z0-9]+", (family or name).lower()) if not _SPEC.match(w)]
    return _singular(words[-1]) if words else None


def modifier_only(
    words: str, name: str, family: str | None, others: Iterable[tuple[str, str | None]]
) -> bool:
    """Whether ``words`` end in a word ``name`` holds only as a modifier of another's noun.

    "mouse" in "Mouse Pad" when the catalog has a "Wireless Mouse", "camera" in "Camera
    Shoulder Bag" when it has the Snap Camera family: the shopper may mean that other
    product, so the line is asked about, never changed on the guess (review s23). The
    line's own noun ("case" in "Clear Phone Case") or a word no other product is ("lite"
    in "nova lite") is the line itself.

    Args:
        words: What the shopper typed for the product.
        name: The line's product name.
        family: The line's product family, if any.
        others: ``(name, family)`` of catalog products the words may also mean.
    """
    said = [_singular(w) for w in re.findall(r"[a-z0-9]+", _ENGLISH.content(words).lower())]
    said = [w for w in said if w not in _FILLER and not _SPEC.match(w)]
    if not said or said[-1] not in words_of(name) or said[-1] == head_noun(name, family):
        return False
    return any(head_noun(n, f) == said[-1] for n, f in others if n != name)
