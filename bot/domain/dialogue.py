"""Dialogue rules: how a reply answers the pending question, and when to confirm first.

Pure rules, no I/O. Every question the assistant asks stays pending until answered; the
next message is read against it first (:func:`read_answer`): the offer's own words
("pause", "switch", "basic"), yes-words ("go on then", "throw it in"), references ("put
that in too") and questions about the offer ("how much is that?"). A state-changing
intent runs only when the NLU is confident enough (:data:`CONFIDENCE_THRESHOLDS`);
otherwise the assistant asks "Do you want me to ...?" first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from enum import Enum

from bot.domain.language.en_offer_cues import is_hesitation, is_polite_close
from bot.domain.models import OfferKind


class Answer(str, Enum):
    """What a message does to the pending offer."""

    ACCEPT = "accept"
    DECLINE = "decline"
    DETAIL = "detail"
    PAUSE = "pause"
    SWITCH = "switch"
    DISCOUNT = "discount"
    KEEP = "keep"
    SEVERAL = "several"  # two retention options at once ("switch and the discount too")
    HOLD = "hold"  # hesitation ("no wait", "not sure"): nothing decided, asked again
    UNCLEAR = "unclear"  # a polite close ("ok thanks"): no clear yes, the change is asked back
    NONE = "none"

    @property
    def changes_state(self) -> bool:
        """Whether acting on this answer changes a cart or subscription."""
        return self not in (
            Answer.DETAIL, Answer.KEEP, Answer.NONE, Answer.SEVERAL, Answer.HOLD, Answer.UNCLEAR
        )  # fmt: skip


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


def _words(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b", re.IGNORECASE)


_NEGATED = r"(?:don't|dont|do not|not|no|never|without)\s+(?:\w+\s+){0,2}"
_PAUSE = _words(r"paus\w*", r"put it on hold", r"on hold", r"skip (?:a|one|the next) \w+",
                r"take a break", r"freeze")  # fmt: skip
_DISCOUNT = _words(r"discount\w*", r"money off", r"percent off", r"\d+ ?% off",
                   r"lower price", r"cheaper price", r"better price", r"reduced price")  # fmt: skip
_SWITCH = _words(r"switch\w*", r"downgrad\w*", r"cheaper plan", r"smaller plan", r"lower plan",
                 r"cheaper one", r"cheaper \w+")  # fmt: skip
_KEEP = _words(r"keep(?:ing)? (?:it|that|this|my \w+|the \w+|what i have|things as they are)",
               r"i'?ll keep", r"stay(?:ing)? (?:on|with|subscribed|a member)", r"i'?ll stay",
               r"stick(?:ing)? (?:with|to)", r"never ?mind", r"changed my mind",
               r"change of heart", r"on second thoughts?",
               r"leave (?:it|my \w+|the \w+) (?:as|alone)",
               r"carry on with", r"continue (?:with )?(?:it|my \w+|the \w+)",
               r"i (?:meant|didn'?t mean)", r"that'?s not what i (?:meant|said|asked)")  # fmt: skip
_KEEP_NEGATED_CANCEL = re.compile(
    r"\b(?:don'?t|dont|do not|not|never|no need to)\s+(?:\w+\s+){0,2}"
    r"(?:cancel|end|stop|terminate|unsubscribe|remove|delete|drop|take (?:it|that) out)\w*",
    re.IGNORECASE,
)
_EXIT = _words(r"cancel\w*", r"unsubscribe\w*", r"terminate", r"end (?:it|my|the)",
               r"stop (?:it|my|the)", r"get rid of", r"remove\w*", r"delete\w*", r"drop\w*",
               r"take (?:it|that|this|them) out")  # fmt: skip
_CANCEL = _words(r"cancel\w*", r"unsubscribe\w*", r"terminate", r"end (?:it|my|the)",
                 r"stop (?:it|my|the)")  # fmt: skip
"""Ending a subscription (not a cart removal: "drop-proof" is no cancel)."""
_OFFER_QUESTION = re.compile(
    r"^\s*(?:is|isn'?t|are|does|doesn'?t|do|did|how|what|why|when|which|who|will it|would it"
    r"|would that|will that|could it|can it)\b",
    re.IGNORECASE,
)
"""A question (not a polite request: "can I pause?", "could you switch me?" are requests)."""
_DETAIL = _words(r"how much (?:is|are|does|would) (?:it|that|this|they|those|the \w+)",
                 r"what(?:'s| is| does) (?:the|that|it|this) (?:price|cost)",
                 r"why (?:that|this|it|the)", r"what(?:'s| is) the difference",
                 r"difference", r"what do i get", r"tell me more")  # fmt: skip
_YES = re.compile(
    r"^\s*(?:yes|yeah|yep|yup|ya|sure|ok|okay|alright|go on|go ahead|go for it|do it|deal|"
    r"please do|why not|sounds good|fine|perfect|great|absolutely|definitely|of course)\b",
    re.IGNORECASE,
)
_TAKE_IT = _words(
    r"(?:add|put|throw|pop|stick|chuck|toss|include|bung)\s+(?:it|that|this|them|those|one)\b"
    r"(?:\s+one)?(?:\s+(?:in|on|too|also|as well))*",
    r"(?:it|that|this|that one|this one)\s+(?:in\s+)?(?:too|also|as well)",
    r"i'?ll take (?:it|that|this|them|one)",
)


_REFERENCE = _words("it", "that", "this", "them", "those")
_LOOSE = (None, "add_item", "choose_option", "out_of_scope", "nlu_fallback", "greet", "thank")
"""Intents under which a yes-phrase still answers the offer (the NLU may not know it)."""


_NEGATED_VERB = r"(?:don't|dont|do not|not|never)\s+(?:\w+\s+){0,2}"
"""A negation of a verb phrase; unlike :data:`_NEGATED` not a leading "no" ("no, I'll stay")."""


def _mentions(pattern: re.Pattern[str], text: str, negation: str = _NEGATED) -> bool:
    """The pattern occurs in ``text`` and is not negated ("don't pause" is no pause)."""
    for match in pattern.finditer(text):
        before = text[: match.start()]
        if not re.search(negation + r"$", before, re.IGNORECASE):
            return True
    return False


_NEGATED_OPTION = (
    r"(?:(?:don't|dont|do not|not|never|without)\s+(?:\w+\s+){0,2}|\bno\s+(?:the\s+)?)"
)
"""A negated option word: "no basic plan", "not the basic one" (never "no, I want basic")."""


def _option_word(text: str, option_words: Iterable[str]) -> bool:
    """An offered option's own word, not negated ("basic" yes; "no basic plan" no)."""
    return any(
        _mentions(re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE), text, _NEGATED_OPTION)
        for word in option_words
        if word
    )


_ASKS_MAY_I = re.compile(r"^\s*(?:can|could|may|might)\s+(?:i|we)\b.*\?\s*$", re.IGNORECASE)
_OTHER_OPTION = {
    Answer.PAUSE: OfferKind.RETENTION_PAUSE,
    Answer.DISCOUNT: OfferKind.RETENTION_DISCOUNT,
    Answer.SWITCH: OfferKind.RETENTION_PLAN,
}


def asks_for_another_option(kind: str, answer: Answer, text: str) -> bool:
    """Whether the message asks if it may have an option other than the one offered.

    "can i pause it instead?" to a plan offer, "could i get a discount to stay?": a question,
    so it is asked back (naming the option and its terms), never carried out at once.
    """
    other = _OTHER_OPTION.get(answer)
    return other is not None and other.value != kind and bool(_ASKS_MAY_I.search(text))


def declines_option_and_cancels(text: str, option_words: Iterable[str] = ()) -> bool:
    """Whether a message asks to cancel and names no option it wants ("no pause, just cancel").

    Every option it names is negated ("no basic plan, cancel my care plus"), so the offer's
    own "cancel right away" is the answer: never the declined option, never a no-op.
    """
    if not _mentions(_CANCEL, text, _NEGATED_VERB) or _KEEP_NEGATED_CANCEL.search(text):
        return False
    names = any(_mentions(p, text) for p in (_PAUSE, _DISCOUNT, _SWITCH))
    return not names and not _option_word(text, option_words)


def keeps_as_is(text: str) -> bool:
    """Whether the message keeps the subscription or cart line as it is, against an exit offer.

    "no, I'll keep it", "never mind", "don't cancel", "leave it as it is". A plain cancel or
    remove word that is not negated wins ("changed my mind, cancel it" cancels).
    """
    if _KEEP_NEGATED_CANCEL.search(text):
        return True
    return _mentions(_KEEP, text, _NEGATED_VERB) and not _mentions(_EXIT, text)


def retention_choices(kind: OfferKind, text: str, option_words: Iterable[str] = ()) -> list[Answer]:
    """Every retention option a message asks for, in the order pause, discount, switch.

    The offered plan's own words ("basic") count as switching when a plan is on offer.
    """
    found = [
        answer
        for answer, pattern in ((Answer.PAUSE, _PAUSE), (Answer.DISCOUNT, _DISCOUNT),
                                (Answer.SWITCH, _SWITCH))
        if _mentions(pattern, text)
    ]  # fmt: skip
    plan_words = kind is OfferKind.RETENTION_PLAN and _option_word(text, option_words)
    if plan_words and Answer.SWITCH not in found:
        found.append(Answer.SWITCH)
    return found


def _retention_answer(
    kind: OfferKind, intent: str | None, text: str, option_words: Iterable[str]
) -> Answer:
    """The shopper's own words first ("a discount instead" under any intent), then the intent.

    Keeping the subscription is read before the intent, so "no, I'll keep my plan" (a ``deny``
    or even a ``cancel_subscription`` to the NLU) never cancels. Keeping is accepting a
    discount offer: the discount is the offer to stay. Two options at once ("switch to basic
    and give me the discount too") are never both granted, nor one of them silently: the
    answer is ``SEVERAL`` and the shopper is asked.
    """
    names_option = any(_mentions(p, text) for p in (_PAUSE, _DISCOUNT, _SWITCH))
    names_option = names_option or _option_word(text, option_words)
    if keeps_as_is(text) and not names_option:
        return Answer.ACCEPT if kind is OfferKind.RETENTION_DISCOUNT else Answer.KEEP
    if intent in ("cancel_subscription", "cancel_anyway"):
        return Answer.NONE  # the cancel flows decline the offer and cancel
    if declines_option_and_cancels(text, option_words):
        return Answer.DECLINE  # "no pause, just cancel it": the offer's cancel, under any intent
    asks_option = names_option or intent in ("pause_subscription", "ask_discount_code")
    if asks_option and _OFFER_QUESTION.search(text):
        return Answer.DETAIL  # "is the pause free?": answered, nothing changes
    if len(retention_choices(kind, text, option_words)) > 1:
        return Answer.SEVERAL
    if _mentions(_PAUSE, text):
        return Answer.PAUSE
    if _mentions(_DISCOUNT, text):
        return Answer.DISCOUNT
    if _mentions(_SWITCH, text):
        return Answer.SWITCH
    if _option_word(text, option_words):
        return Answer.ACCEPT  # "basic": the offered plan's own word
    if intent == "pause_subscription":
        return Answer.PAUSE
    if intent == "ask_discount_code":
        return Answer.DISCOUNT
    return Answer.NONE


def _named_exit_option(
    kind: OfferKind, intent: str | None, text: str, takes: bool, has_product: bool
) -> Answer:
    """The option of an exit offer a message names in its own words, over its yes / no.

    To a retention offer "yes cancel it" cancels (the offer's "cancel right away"); to a
    downsell "yes remove them" removes ("Just remove it") and "no, switch me" switches.
    Only for a yes / no reading: a cancel intent runs the cancel flow as before.
    """
    if not (kind is OfferKind.DOWNSELL or kind.is_retention):
        return Answer.NONE
    if intent not in ("affirm", "deny") and (intent not in _LOOSE or has_product):
        return Answer.NONE  # "add a drop-proof case": a request of its own
    exits = _mentions(_EXIT, text, _NEGATED_VERB)
    if exits and not takes:
        return Answer.DECLINE  # the offer's "cancel / just remove it" option
    if kind is OfferKind.DOWNSELL and takes and not exits:
        return Answer.ACCEPT
    return Answer.NONE


def read_answer(
    kind: OfferKind,
    intent: str | None,
    text: str,
    has_product: bool = False,
    option_words: Iterable[str] = (),
) -> Answer:
    """How a message answers the pending offer of ``kind``.

    Args:
        kind: The pending offer's kind.
        intent: The message's intent.
        text: The message.
        has_product: Whether the message names a product of its own.
        option_words: Words naming the offered option ("basic", "screen protector").

    Returns:
        ``NONE`` when the message does not answer the offer (its own action then runs).
    """
    if intent == "ask_offer_detail":
        return Answer.DETAIL
    if is_hesitation(text):
        return Answer.HOLD  # "no wait", "hold on", "not sure": the offer stays open
    takes_option = _mentions(_SWITCH, text) or _option_word(text, option_words)
    if kind is OfferKind.DOWNSELL and keeps_as_is(text) and not takes_option:
        return Answer.KEEP  # "no, I'll keep it": the item stays, nothing is removed
    if kind.is_retention:
        answer = _retention_answer(kind, intent, text, option_words)
        if answer is not Answer.NONE or intent in ("cancel_subscription", "cancel_anyway"):
            return answer
    named = _named_exit_option(kind, intent, text, takes_option, has_product)
    if named is not Answer.NONE:  # "yes cancel it", "yes remove them": the option named wins
        return named
    if is_polite_close(text) and not has_product:
        return Answer.UNCLEAR  # "ok thanks": maybe a yes, maybe goodbye: asked back
    if intent == "deny":
        return Answer.DECLINE
    pronoun = not has_product and _REFERENCE.search(text)
    if intent == "remove_item" and kind.adds_to_cart and pronoun:
        return Answer.DECLINE  # "get rid of it" with an add-on open: the offer, never a line
    if intent == "affirm":
        return Answer.ACCEPT
    loose = intent in _LOOSE and not has_product
    if loose and (_YES.search(text) or _mentions(_TAKE_IT, text)):
        return Answer.ACCEPT  # "go on then", "sure, throw it in"
    if intent == "add_item" and not has_product and _REFERENCE.search(text):
        return Answer.ACCEPT  # "put that in too": no product of its own, the offered one
    if intent in ("add_item", "choose_option") and _option_word(text, option_words):
        return Answer.ACCEPT  # "add the screen protector" while it is on offer
    if intent not in CONFIDENCE_THRESHOLDS and _DETAIL.search(text):
        return Answer.DETAIL  # "how much is that?" read as another question
    return Answer.NONE
