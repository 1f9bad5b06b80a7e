"""English cues that decide whether a subscription message may change anything (review s21).

Pure functions, no I/O. They guard the requests the NLU reads as a cancel or a pause:

* :func:`says_cancel`: the message's own words say cancel / stop / end / terminate (S14,
  S29, S30, S32) — only then may a repeated or upset cancel request act at once.
* :func:`names_subscription`: subscription words ("subscription", "plan", "membership",
  "Care Plus") — "put it on hold" without them is not a pause (S36).
* :func:`plan_question`: a discount, payment-card / billing or renewal question about the
  plan ("give me 20% off my plan", "update my payment card", "when does it renew") —
  answered, never a cancel.
* :func:`complains`: complaint cues ("this is ridiculous", "total rip off", "fed up") in a
  message that also asks for something (S7, S27): the shopper is upset before the request
  is handled.
"""

from __future__ import annotations

import re

from bot.domain.request_rules import is_about_an_order, is_negated_request, is_unsure_request

_CANCEL = re.compile(
    r"\b(?:cancel\w*|stop|end|terminate|quit|unsubscribe|discontinue|close)\b", re.IGNORECASE
)
_SUBSCRIPTION = re.compile(
    r"\b(?:subscriptions?|subs|sub|plans?|membership|care\s+(?:basic|plus|premium|plan))\b",
    re.IGNORECASE,
)
_PAUSE = re.compile(r"\bpaus(?:e|ed|ing)\b", re.IGNORECASE)
_DISCOUNT = re.compile(
    r"\b(?:discount\w*|deal|coupon|promo\w*|cheaper\s+price|better\s+price|money\s+off)\b"
    r"|\d+\s*(?:%|percent)\s*off\b|\b(?:\d+\s*%|\d+\s+percent)",
    re.IGNORECASE,
)
_BILLING = re.compile(
    r"\b(?:payment|card|billing|billed|bill|invoice|bank|credit|debit|paypal)\b",
    re.IGNORECASE,
)
_RENEWAL = re.compile(
    r"\bwhen\b.{0,40}\brenew\w*|\brenewal(?:\s+date)?\b|\bnext\s+(?:payment|charge|bill\w*)\b"
    r"|\bwhen\b.{0,40}\b(?:charged|billed)\b",
    re.IGNORECASE,
)
_COMPLAINT = re.compile(
    r"\b(?:ridiculous|terrible|awful|horrible|outrageous|unacceptable|pathetic|useless|"
    r"disgrace\w*|fed\s+up|sick\s+of|tired\s+of|frustrat\w*|annoy\w*|angry|furious|"
    r"rip[\s-]?off|scam\w*|worst|ugh+|wtf|keep\s+charging\s+me)\b",
    re.IGNORECASE,
)


def says_cancel(text: str | None) -> bool:
    """Whether the words themselves say cancel, stop, end or terminate."""
    return bool(text) and _CANCEL.search(text or "") is not None


def says_pause(text: str | None) -> bool:
    """Whether the words say pause ("pause it for 2 weeks"), not "hold" or "freeze"."""
    return bool(text) and _PAUSE.search(text or "") is not None


def names_subscription(text: str | None) -> bool:
    """Whether the words name the subscription ("my plan", "the membership", "Care Plus")."""
    return bool(text) and _SUBSCRIPTION.search(text or "") is not None


def plan_question(text: str | None) -> str | None:
    """``"discount"``, ``"billing"`` or ``"renewal"`` for such a question, else ``None``.

    A message that says cancel is never one ("cancel it, I can't pay the bill"): the
    cancel flow reads it.
    """
    if not text or says_cancel(text):
        return None
    if _RENEWAL.search(text):
        return "renewal"
    if _BILLING.search(text):
        return "billing"
    if _DISCOUNT.search(text):
        return "discount"
    return None


def complains(text: str | None) -> bool:
    """Whether the message carries a complaint cue ("this is ridiculous", "rip off")."""
    if not text or text.startswith("/"):
        return False
    return _COMPLAINT.search(text) is not None


_REFERS_BACK = re.compile(r"\b(?:instead|it|that|this)\b", re.IGNORECASE)
_OTHER_ONE = re.compile(r"\b(?:too|also|as\s+well|other|both|all|remaining)\b", re.IGNORECASE)


_BARE_CANCEL = re.compile(
    r"^\W*(?:(?:no|nope|ok|okay|yes|yeah|just|please|pls|i\s+said|then)\W+)*"
    r"(?:cancel|end|stop|terminate)(?:\W+(?:it|now|please|pls|already|then|today"
    r"|just|for\s+real))*\W*$",
    re.IGNORECASE,
)


def clear_cancel(text: str | None, in_talk: bool = False) -> bool:
    """Whether the words plainly ask to cancel the subscription ("please cancel care premium").

    They say cancel and name the subscription or a plan; not negated ("don't cancel my
    plan"), not wondering ("should I cancel my plan?"), not about an order. Such a request
    needs no "Just to be sure" whatever the model's confidence (F11): the first one brings
    the retention offer, a question itself; asked again, it cancels (README).

    Args:
        text: The message.
        in_talk: The subscription is what is being discussed (a retention offer or a cancel
            question is open), so a bare "just cancel it" needs no subscription word
            ("cancel the mugs" still does).
    """
    if not text or text.startswith("/") or not says_cancel(text):
        return False
    if not (names_subscription(text) or (in_talk and _BARE_CANCEL.match(text))):
        return False
    return not (is_negated_request(text) or is_unsure_request(text) or is_about_an_order(text))


def refers_back(text: str | None) -> bool:
    """Whether a cancel/pause names no subscription, or points back ("pause it instead").

    "cancel the other one too" / "cancel both" point elsewhere: not a reference back.
    """
    if not text or _OTHER_ONE.search(text):
        return False
    return not names_subscription(text) or _REFERS_BACK.search(text) is not None
