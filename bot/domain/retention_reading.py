"""How a message answers a retention offer: the option it asks for, keeps, or declines (pure).

Split from :mod:`bot.domain.dialogue` (s25). The shopper's own words come first, whatever
the intent: an option named ("a discount instead"), keeping the subscription ("no, I'll keep
it"), declining the option and cancelling ("no pause, just cancel"), two options at once,
"maybe later" (:data:`Answer.LATER`, nothing changes), or a question about an option
(:func:`asked_option`: presented with its terms first, never carried out).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.domain.answers import Answer
from bot.domain.language.en_retention_answers import asks_about_option, says_later, suggests_option
from bot.domain.models import OfferKind


def words_pattern(*patterns: str) -> re.Pattern[str]:
    """One case-blind pattern matching any of ``patterns`` as whole words."""
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b", re.IGNORECASE)


_NEGATED = r"(?:don't|dont|do not|not|no|never|without)\s+(?:\w+\s+){0,2}"
_PAUSE = words_pattern(r"paus\w*", r"put it on hold", r"on hold", r"skip (?:a|one|the next) \w+",
                       r"take a break", r"freeze")  # fmt: skip
_DISCOUNT = words_pattern(r"discount\w*", r"money off", r"percent off", r"\d+ ?% off",
                          r"lower price", r"cheaper price", r"better price",
                          r"reduced price")  # fmt: skip
SWITCH_WORDS = words_pattern(r"switch\w*", r"downgrad\w*", r"cheaper plan", r"smaller plan",
                            r"lower plan", r"cheaper one", r"cheaper \w+")  # fmt: skip
_KEEP = words_pattern(
    r"keep(?:ing)? (?:it|that|this|my \w+|the \w+|what i have|things as they are)",
    r"i'?ll keep", r"stay(?:ing)? (?:on|with|subscribed|a member)", r"i'?ll stay",
    r"stick(?:ing)? (?:with|to)", r"never ?mind", r"changed my mind",
    r"change of heart", r"on second thoughts?",
    r"leave (?:it|my \w+|the \w+) (?:as|alone)",
    r"carry on with", r"continue (?:with )?(?:it|my \w+|the \w+)",
    r"i (?:meant|didn'?t mean)", r"that'?s not what i (?:meant|said|asked)",
)  # fmt: skip
_KEEP_NEGATED_CANCEL = re.compile(
    r"\b(?:don'?t|dont|do not|not|never|no need to)\s+(?:\w+\s+){0,2}"
    r"(?:cancel|end|stop|terminate|unsubscribe|remove|delete|drop|take (?:it|that) out)\w*",
    re.IGNORECASE,
)
EXIT_WORDS = words_pattern(r"cancel\w*", r"unsubscribe\w*", r"terminate", r"end (?:it|my|the)",
                           r"stop (?:it|my|the)", r"get rid of", r"remove\w*", r"delete\w*",
                           r"drop\w*", r"take (?:it|that|this|them) out")  # fmt: skip
_CANCEL = words_pattern(r"cancel\w*", r"unsubscribe\w*", r"terminate", r"end (?:it|my|the)",
                        r"stop (?:it|my|the)")  # fmt: skip
"""Ending a subscription (not a cart removal: "drop-proof" is no cancel)."""
_OFFER_QUESTION = re.compile(
    r"^\s*(?:is|isn'?t|are|does|doesn'?t|do|did|how|what|why|when|which|who|will it|would it"
    r"|would that|will that|could it|can it)\b",
    re.IGNORECASE,
)
"""A question (not a polite request: "can I pause?", "could you switch me?" are requests)."""
NEGATED_VERB = r"(?:don't|dont|do not|not|never)\s+(?:\w+\s+){0,2}"
"""A negation of a verb phrase; unlike :data:`_NEGATED` not a leading "no" ("no, I'll stay")."""


def mentions(pattern: re.Pattern[str], text: str, negation: str = _NEGATED) -> bool:
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


def option_word(text: str, option_words: Iterable[str]) -> bool:
    """An offered option's own word, not negated ("basic" yes; "no basic plan" no)."""
    return any(
        mentions(re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE), text, _NEGATED_OPTION)
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
    if not mentions(_CANCEL, text, NEGATED_VERB) or _KEEP_NEGATED_CANCEL.search(text):
        return False
    names = any(mentions(p, text) for p in (_PAUSE, _DISCOUNT, SWITCH_WORDS))
    return not names and not option_word(text, option_words)


def keeps_as_is(text: str) -> bool:
    """Whether the message keeps the subscription or cart line as it is, against an exit offer.

    "no, I'll keep it", "never mind", "don't cancel", "leave it as it is". A plain cancel or
    remove word that is not negated wins ("changed my mind, cancel it" cancels).
    """
    if _KEEP_NEGATED_CANCEL.search(text):
        return True
    return mentions(_KEEP, text, NEGATED_VERB) and not mentions(EXIT_WORDS, text)


def retention_choices(kind: OfferKind, text: str, option_words: Iterable[str] = ()) -> list[Answer]:
    """Every retention option a message asks for, in the order pause, discount, switch.

    The offered plan's own words ("basic") count as switching when a plan is on offer.
    """
    found = [
        answer
        for answer, pattern in ((Answer.PAUSE, _PAUSE), (Answer.DISCOUNT, _DISCOUNT),
                                (Answer.SWITCH, SWITCH_WORDS))
        if mentions(pattern, text)
    ]  # fmt: skip
    plan_words = kind is OfferKind.RETENTION_PLAN and option_word(text, option_words)
    if plan_words and Answer.SWITCH not in found:
        found.append(Answer.SWITCH)
    return found


def retention_answer(
    kind: OfferKind, intent: str | None, text: str, option_words: Iterable[str]
) -> Answer:
    """The shopper's own words first ("a discount instead" under any intent), then the intent.

    Keeping the subscription is read before the intent, so "no, I'll keep my plan" (a ``deny``
    or even a ``cancel_subscription`` to the NLU) never cancels. Keeping is accepting a
    discount offer: the discount is the offer to stay. Two options at once ("switch to basic
    and give me the discount too") are never both granted, nor one of them silently: the
    answer is ``SEVERAL`` and the shopper is asked.
    """
    names_option = any(mentions(p, text) for p in (_PAUSE, _DISCOUNT, SWITCH_WORDS))
    names_option = names_option or option_word(text, option_words)
    if keeps_as_is(text) and not names_option:
        return Answer.ACCEPT if kind is OfferKind.RETENTION_DISCOUNT else Answer.KEEP
    if says_later(text) and not names_option:
        return Answer.LATER  # "maybe later": put off, never a decline (s25)
    if intent in ("cancel_subscription", "cancel_anyway"):
        return Answer.NONE  # the cancel flows decline the offer and cancel
    if declines_option_and_cancels(text, option_words):
        return Answer.DECLINE  # "no pause, just cancel it": the offer's cancel, under any intent
    asks_option = names_option or intent in ("pause_subscription", "ask_discount_code")
    if asks_option and _OFFER_QUESTION.search(text):
        return Answer.DETAIL  # "is the pause free?": answered, nothing changes
    if len(retention_choices(kind, text, option_words)) > 1:
        return Answer.SEVERAL
    if mentions(_PAUSE, text):
        return Answer.PAUSE
    if mentions(_DISCOUNT, text):
        return Answer.DISCOUNT
    if mentions(SWITCH_WORDS, text):
        return Answer.SWITCH
    if option_word(text, option_words):
        return Answer.ACCEPT  # "basic": the offered plan's own word
    if intent == "pause_subscription":
        return Answer.PAUSE
    if intent == "ask_discount_code":
        return Answer.DISCOUNT
    return Answer.NONE


_ASKED = (Answer.PAUSE, Answer.SWITCH, Answer.DISCOUNT, Answer.ACCEPT)


def asked_option(
    kind: OfferKind, answer: Answer, text: str, option_words: Iterable[str] = ()
) -> Answer | None:
    """The one option a question or suggestion asks about, to present with its terms (s25).

    "what about pausing?", "pause instead?", "could I pause it instead", "how about a
    discount?", "is a pause possible?": the option (``PAUSE``, ``SWITCH``, ``DISCOUNT``),
    never carried out at once. A question about the offered option's details ("how much
    is it?") keeps its usual answer; so does a message naming no option, or two.

    Args:
        kind: The open retention offer's kind.
        answer: How :func:`retention_answer` read the message.
        text: The message.
        option_words: Words naming the offered option ("basic").
    """
    if answer not in (*_ASKED, Answer.DETAIL) or not asks_about_option(text):
        return None
    named = retention_choices(kind, text, option_words)
    if len(named) != 1:
        return None
    other = _OTHER_OPTION[named[0]] is not kind
    if answer is Answer.DETAIL and not (other or suggests_option(text)):
        return None  # "is the pause free?" to a pause offer: its details, as before
    return named[0]
