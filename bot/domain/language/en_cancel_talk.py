"""English cues for talk about cancelling a subscription (issue 12, s27; pure, no I/O).

Built on the clause reading of :mod:`bot.domain.language.en_clauses`:

* :func:`refused_options` — the retention options a message turns down ("no pausing, just
  cancel my sub", "cancel without the downgrade", "no offers, just cancel"): never offered,
  never carried out.
* :func:`refused_subscription` — the subscription itself refused or thrown out ("i dont
  want care plus", "no care plus", "lose the care plus", "get rid of my membership"): a
  cancel request of that plan, never a cart change.
* :func:`cancel_question` — a question *about* cancelling ("how do I cancel?", "can I
  cancel anytime?", "is there a fee to cancel?", "what if I cancel?", "do I lose my
  discount?"): answered, never a cancel.
* :func:`acknowledges` — "ok", "fine", "alright", "got it": an acknowledgement of an answer,
  never a yes to an offer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.domain.language.en_clauses import Stance, asked_text, clauses, refused, without_courtesy

PAUSE, CHEAPER_PLAN, DISCOUNT = "pause", "cheaper_plan", "discount"
"""The retention options (as :mod:`bot.domain.retention` names them)."""
ALL_OPTIONS = frozenset({PAUSE, CHEAPER_PLAN, DISCOUNT})

_OPTION_WORDS = (
    (PAUSE, re.compile(r"\b(?:paus\w*|hold|freez\w*|break)\b")),
    (CHEAPER_PLAN, re.compile(
        r"\b(?:downgrad\w*|switch\w*|cheaper|smaller|lower|basic|change\s+of\s+plan|"
        r"another\s+plan|other\s+plans?|different\s+plan)\b")),
    (DISCOUNT, re.compile(r"\b(?:discount\w*|deals?|coupons?|promo\w*|money\s+off|%|percent)\b")),
)  # fmt: skip
_EVERY_OPTION = re.compile(
    r"\b(?:offers?|alternatives?|options?|retention|sales?\s+pitch|pitch|upsell\w*|"
    r"persuad\w*|convinc\w*|tricks?|anything\s+else|counter-?offers?)\b"
)


_OPTION = (
    r"paus\w*|downgrad\w*|switch\w*|discounts?|offers?|deals?|alternatives?|cheaper\s+plan|"
    r"on\s+hold|a\s+break"
)
_EMBEDDED = re.compile(
    r"\s*\b(?:no|without|never|(?:i\s+)?(?:don'?t|do\s+not)(?:\s+(?:want|need|wanna))?"
    rf"(?:\s+(?:to|a|an|the|any))?)\s+(?:{_OPTION})(?:\s+(?:it|me|pls|please))*\b",
    re.IGNORECASE,
)
"""A refusal inside a clause, with no comma before it: "cancel my sub no pause pls"."""


def refused_in_clause(text: str | None) -> list[str]:
    """Option refusals said inside a clause ("cancel it i dont want to pause" → the pause)."""
    return [m.group(0).strip() for m in _EMBEDDED.finditer(text or "")]


def without_refusals(text: str | None) -> str:
    """The asking words: refusing clauses and in-clause option refusals taken out."""
    return _EMBEDDED.sub("", asked_text(text or "")).strip()


def refused_options(text: str | None, plan_words: Iterable[str] = ()) -> frozenset[str]:
    """The retention options the message turns down (``pause``, ``cheaper_plan``, ``discount``).

    Args:
        text: The message ("no pausing, just cancel my sub" → ``{"pause"}``).
        plan_words: The cheaper plan's own words ("basic"): refusing them refuses the switch.
    """
    found: set[str] = set()
    own = {w.lower() for w in plan_words if w and len(w) > 2}
    for thing in refused(text or "") + refused_in_clause(asked_text(text or "")):
        if _EVERY_OPTION.search(thing):
            return ALL_OPTIONS
        found |= {option for option, pattern in _OPTION_WORDS if pattern.search(thing)}
        if own & set(re.findall(r"[a-z0-9]+", thing)):
            found.add(CHEAPER_PLAN)
    return frozenset(found)


_SUBSCRIPTION_NOUN = r"(?:subscriptions?|subs?|membership|plan|care\s+plan)"
_DETERMINER = r"(?:(?:my|the|this|that|our|your|current)\s+)?"
_REMOVAL = re.compile(
    r"^(?:(?:i\s+)?(?:want\s+to|wanna|need\s+to|would\s+like\s+to|'?d\s+like\s+to)\s+|"
    r"(?:please|pls|plz|can\s+you|could\s+you)\s+)?"
    r"(?:lose|get\s+rid\s+of|ditch|drop|dump|scrap|bin|axe|nix|kill|remove|delete|"
    r"take\s+away|do\s+away\s+with|be\s+done\s+with|(?:i'?m|im|i\s+am)\s+done\s+with)\s+",
)
_TAIL = re.compile(r"(?:\s+(?:anymore|any\s+more|now|please|pls|thanks|for\s+good|altogether))+$")


def refused_subscription(text: str | None, plan_names: Iterable[str]) -> bool:
    """Whether the message turns down or throws out the subscription itself.

    "i dont want care plus", "no care plus", "i don't want my subscription anymore", "lose
    the care plus", "get rid of my membership": the thing refused or removed is only a
    plan's name (with or without "plan" / "subscription") or the subscription's own noun,
    and nothing else is asked. "I don't want to cancel my plan", "no care plus, switch me to
    basic" and "lose the mugs" are not.

    Args:
        text: The message.
        plan_names: The shop's plan names ("Care Plus", ...).
    """
    parts = clauses(text or "")
    if not parts:
        return False
    names = "|".join(re.escape(name.lower()).replace(r"\ ", r"\s+") for name in plan_names if name)
    thing = rf"^{_DETERMINER}(?:(?:{names})(?:\s+{_SUBSCRIPTION_NOUN})?|{_SUBSCRIPTION_NOUN})$"
    if names == "":
        thing = rf"^{_DETERMINER}{_SUBSCRIPTION_NOUN}$"
    named = re.compile(thing)
    hits = 0
    for clause in parts:
        words = _TAIL.sub("", clause.text.strip(" .!?")).strip()
        if clause.stance is Stance.REFUSE and named.match(words):
            hits += 1
            continue
        removal = _REMOVAL.match(words) if clause.stance is Stance.ASK else None
        if removal and named.match(_TAIL.sub("", words[removal.end() :]).strip()):
            hits += 1
            continue
        return False  # another request or refusal beside it: not this reading
    return hits > 0


_CANCEL = r"cancel\w*|unsubscrib\w*|terminat\w*|end\s+(?:it|my|the)|quit"
_QUESTIONS = (
    ("how", re.compile(
        rf"^(?:so\s+|ok\s+|okay\s+|hi\s+|hey\s+)?(?:how\s+(?:do|can|would|should|could)\s+"
        rf"(?:i|we|one|you)|how\s+to|where\s+(?:do|can)\s+i|what(?:'s|\s+is)\s+the\s+way\s+to)"
        rf"\s+(?:\w+\s+){{0,2}}(?:{_CANCEL})\b"
        rf"|\bhow\s+(?:does|do|would|will)\s+(?:a\s+|the\s+)?(?:{_CANCEL})\s+(?:\w+\s+)?work")),
    ("when", re.compile(
        rf"\b(?:can|could|may)\s+(?:i|we)\s+(?:still\s+|also\s+)?(?:{_CANCEL})\b.*?\b(?:any\s*time|"
        rf"whenever|later|at\s+any\s+(?:time|point)|after|before|whenever\s+i\s+want|online|"
        rf"here|in\s+the\s+chat|myself|free|easily|anytime\s+i\s+want|if\s+i)\b"
        rf"|\bwhen\s+can\s+(?:i|we)\s+(?:{_CANCEL})")),
    ("fee", re.compile(
        rf"\b(?:fee|fees|charge|charged|cost|costs|penalty|penalt\w+|pay|refund\w*|free)\b.*?"
        rf"\b(?:{_CANCEL})|\b(?:{_CANCEL})\b.*?\b(?:fee|fees|charge|charged|cost|costs|penalt\w+|"
        rf"refund\w*|pay|free)\b")),
    ("what_if", re.compile(
        rf"\bwhat\s+(?:happens|would\s+happen|will\s+happen|happen|if|about)\s*(?:if|when|after|"
        rf"once)?\s+(?:i|we)\s+(?:\w+\s+){{0,2}}(?:{_CANCEL})|\bif\s+i\s+(?:{_CANCEL})\b.*?\b"
        rf"(?:what|do|does|will|would|am|is|can)\b|\b(?:if|when|once)\s+(?:i|we)\s+"
        rf"(?:\w+\s+)?(?:{_CANCEL})")),
    ("lose", re.compile(
        r"\b(?:do|will|would|did|does)\s+(?:i|we)\s+(?:still\s+)?(?:lose|keep|get\s+to\s+keep|"
        r"miss\s+out\s+on|forfeit|lose\s+out\s+on)\b|\bwhat\s+(?:do|will|would)\s+i\s+lose\b")),
)  # fmt: skip
_QUESTION_START = re.compile(
    r"^(?:(?:so|ok|okay|hi|hey|and|but|hmm+|um+|uh+|well|also|btw|oh|quick\s+question)\W+)*"
    r"(?:how|can|could|"
    r"may|is|are|do|does|did|will|would|what|when|where|if|whats|what's|am)\b"
)
_REQUEST = re.compile(
    r"\b(?:can|could|would|will)\s+you\s+(?:please\s+|pls\s+)?(?:just\s+)?(?:cancel|end|stop)"
    r"|\b(?:please|pls|plz)\s+cancel|\bcancel\s+(?:it|my|the)\b.*\b(?:now|today|please|pls)\b"
)


def cancel_question(text: str | None, retention_open: bool = False) -> str | None:
    """The kind of question about cancelling the message asks, else ``None``.

    Kinds: ``how`` ("how do I cancel?"), ``when`` ("can I cancel anytime / later?"), ``fee``
    ("is there a fee to cancel?"), ``what_if`` ("what happens if I cancel?") and ``lose``
    ("do I lose my discount?": only with a cancel word, or while a retention offer is open).
    A request worded as a question ("can you cancel it?", "can I cancel my subscription
    please") is not one; nor is a button payload.

    Args:
        text: The message.
        retention_open: A retention offer is open (a cancel is what is being discussed).
    """
    plain = " ".join(without_courtesy(text or "").lower().replace("\u2019", "'").split())
    if not plain or plain.startswith("/") or _REQUEST.search(plain):
        return None
    if not (plain.endswith("?") or _QUESTION_START.search(plain)):
        return None
    cancels = re.search(rf"\b(?:{_CANCEL})", plain) is not None
    for kind, pattern in _QUESTIONS:
        if pattern.search(plain) and (cancels or (kind == "lose" and retention_open)):
            return kind
    return None


_ACK = re.compile(
    r"^\W*(?:ok(?:ay|ey)?|k+|kk|fine|alright|all\s+right|right|got\s+it|gotcha|i\s+see|"
    r"understood|noted|cool|good\s+to\s+know|makes\s+sense|fair\s+enough|oh\s+ok(?:ay)?|"
    r"ah\s+ok(?:ay)?|ok(?:ay)?\s+(?:cool|then|got\s+it|i\s+see|thanks|thx|ty|great)|"
    r"thanks|thank\s+you|thx|ty)"
    r"(?:\W+(?:thanks|thank\s+you|thx|ty|then|cool))*\W*$",
    re.IGNORECASE,
)


def acknowledges(text: str | None) -> bool:
    """Whether the whole message only acknowledges ("ok", "fine", "alright", "got it, thanks")."""
    return bool(text) and not (text or "").startswith("/") and bool(_ACK.match(text or ""))
