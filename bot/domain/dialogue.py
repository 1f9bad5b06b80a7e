"""Dialogue rules: how a reply answers the pending question, and when to confirm first.

Pure rules, no I/O. Every question the assistant asks stays pending until answered; the
next message is read against it first (:func:`read_answer`): the offer's own words
("pause", "switch", "basic"), yes-words ("go on then", "throw it in"), references ("put
that in too") and questions about the offer ("how much is that?"). A state-changing
intent runs only when the NLU is confident enough (the table and the request-level rules
live in :mod:`bot.domain.request_rules`, re-exported here); otherwise the assistant asks
"Do you want me to ...?" first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum

from bot.domain.language.en_offer_cues import is_hesitation, is_polite_close
from bot.domain.models import OfferKind
from bot.domain.request_rules import CONFIDENCE_THRESHOLDS as CONFIDENCE_THRESHOLDS
from bot.domain.request_rules import DEFAULT_THRESHOLD as DEFAULT_THRESHOLD
from bot.domain.request_rules import is_about_an_order as is_about_an_order
from bot.domain.request_rules import is_bare_cancel as is_bare_cancel
from bot.domain.request_rules import is_negated_request as is_negated_request
from bot.domain.request_rules import is_unsure_request as is_unsure_request
from bot.domain.request_rules import needs_confirmation as needs_confirmation
from bot.domain.request_rules import request_summary as request_summary
from bot.domain.request_rules import threshold_for as threshold_for


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
                 r"difference", r"what do i get", r"tell me more",
                 # "what is it exactly?", "what's that?", "what exactly is that one?" (issue 12)
                 r"what(?:'s| is|s| exactly is) (?:it|that|this)(?: one| thing)?"
                 r"(?: exactly| again)?(?=\W*$)")  # fmt: skip
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
