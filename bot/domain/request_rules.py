"""Rules for a request before it runs: how sure the NLU must be, and what the words say.

Pure rules, no I/O. A state-changing intent runs only when the NLU is confident enough
(:data:`CONFIDENCE_THRESHOLDS`); a negated ("don't add a tripod") or unsure ("should I get a
tripod?") request is declined or confirmed first; a cancel is about an order or the
subscription; :func:`request_summary` words a request for "Do you want me to …?".
"""

from __future__ import annotations

import re
from collections.abc import Mapping

CONFIDENCE_THRESHOLDS: dict[str, float] = {
    "add_item": 0.50,
    "remove_item": 0.70,
    "change_quantity": 0.70,
    "swap_item": 0.70,
    "remove_too_expensive": 0.70,
    "choose_option": 0.55,
    "affirm": 0.60,
    "deny": 0.60,
    "cancel_subscription": 0.55,
    "cancel_anyway": 0.75,
    "pause_subscription": 0.70,
    "undo_change": 0.70,
}
"""The NLU confidence each state-changing intent needs before its action runs.

Below it, the assistant asks a yes/no confirmation instead (Rasa's FallbackClassifier
already turns anything below 0.4 into ``nlu_fallback``). Removals and "cancel anyway" ask
for more than adds: an unwanted add is seen in the cart, an unwanted cancel is not. A first
cancel request normally only brings the retention offer (the cancel is then one "cancel
anyway" away), so it needs less than "cancel anyway" itself.
"""

DEFAULT_THRESHOLD = 0.70
"""For an intent outside the table whose message still changes state (e.g. "can I get a
discount instead?" read as ``ask_discount_code`` during a retention offer)."""


def threshold_for(intent: str | None) -> float:
    """The confidence a state change requested with ``intent`` needs."""
    return CONFIDENCE_THRESHOLDS.get(intent or "", DEFAULT_THRESHOLD)


_CHANGE_VERB = (
    r"(?:add|put|get|buy|order|remove|delete|drop|take|cancel|pause|swap|replace|change|throw"
    r"|include|empty|clear)"
)
_NEGATED_REQUEST = re.compile(
    r"\b(?:don'?t|dont|do not|didn'?t|did not|never|not|won'?t|no need to)\s+"
    r"(?:[\w']+\s+){0,3}?" + _CHANGE_VERB + r"\b"
    r"|\bno need for\b",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(?:maybe|might|perhaps|later|not sure|thinking (?:about|of)|considering|wondering"
    r"|already (?:have|got|own|bought))\b"
    r"|^\s*(?:should|shall i|do i|does|is|are|would it|will it|what about|how about|which|why"
    r"|what if)\b",
    re.IGNORECASE,
)
_REQUEST_VERB = re.compile(
    r"\b(?:" + _CHANGE_VERB[3:-1] + r"|make|set|want|need|give|like|swap|keep)\b", re.IGNORECASE
)


def is_negated_request(text: str) -> bool:
    """Whether the message asks NOT to make a change ("don't add a tripod", "no need for it").

    Up to three words may stand between the negation and the verb: "I didn't mean to add
    the mug", "I never wanted to add 2 filters", "I don't want to cancel my subscription".
    """
    return bool(_NEGATED_REQUEST.search(text))


def is_unsure_request(text: str) -> bool:
    """Whether the message wonders rather than asks for a change.

    "should I get a tripod?", "tripod?", "maybe later", "I already have one": a change the
    message seems to name is confirmed first.
    """
    if _HEDGE.search(text):
        return True
    return text.rstrip().endswith("?") and not _REQUEST_VERB.search(text)


_ORDER = re.compile(
    r"\b(?:orders?|purchases?|deliver(?:y|ies)|packages?|parcels?|shipments?)\b", re.I
)
_SUBSCRIPTION = re.compile(
    r"\b(?:subscriptions?|plans?|membership|care|renewals?)\b", re.IGNORECASE
)


_BARE_CANCEL = re.compile(
    r"^\W*(?:\w+\W+)?(?:cancel|undo|scrap|scratch|forget)\s+(?:that|it|this|the last one)\b"
    r"|^\W*(?:\w+\W+)?(?:cancel|undo)\W*(?:(?:please|pls|now|then)\W*)?$",
    re.IGNORECASE,
)


def is_bare_cancel(text: str) -> bool:
    """Whether "cancel that/it" names nothing: after a cart change it may mean undoing it.

    "cancel that", "ok cancel it", "undo that", a bare "cancel" — no subscription, plan or
    order word.
    """
    return bool(_BARE_CANCEL.search(text)) and not _SUBSCRIPTION.search(text)


def is_about_an_order(text: str) -> bool:
    """Whether a cancel request is about a placed order, not the subscription."""
    return bool(_ORDER.search(text)) and not _SUBSCRIPTION.search(text)


def request_summary(intent: str | None, entities: Mapping[str, str]) -> str:
    """What a request would do, in the shopper's own words ("add 2 × mug")."""
    product = entities.get("product") or "that"
    quantity = entities.get("quantity")
    phrases = {
        "add_item": f"add {quantity} × {product}" if quantity else f"add {product}",
        "remove_item": f"remove {product}",
        "change_quantity": (
            f"change {product} to {quantity}" if quantity else f"change the quantity of {product}"
        ),
        "swap_item": f"swap to {product}",
        "remove_too_expensive": f"remove {product}",
        "cancel_subscription": "cancel your subscription",
        "cancel_anyway": "cancel your subscription",
        "pause_subscription": "pause your subscription",
        "choose_option": f"go with {product}",
        "undo_change": "undo your last cart change",
    }
    return phrases.get(intent or "", "go ahead with the offer")


def needs_confirmation(intent: str | None, confidence: float) -> bool:
    """Whether a state change requested with this intent and confidence must be confirmed."""
    return confidence < threshold_for(intent)
