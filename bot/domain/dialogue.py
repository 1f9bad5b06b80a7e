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

from bot.domain.answers import Answer as Answer
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
from bot.domain.retention_reading import (
    EXIT_WORDS,
    NEGATED_VERB,
    SWITCH_WORDS,
    keeps_as_is,
    mentions,
    option_word,
    retention_answer,
    words_pattern,
)
from bot.domain.retention_reading import asked_option as asked_option
from bot.domain.retention_reading import asks_for_another_option as asks_for_another_option
from bot.domain.retention_reading import declines_option_and_cancels as declines_option_and_cancels
from bot.domain.retention_reading import retention_choices as retention_choices

_DETAIL = words_pattern(r"how much (?:is|are|does|would) (?:it|that|this|they|those|the \w+)",
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
_TAKE_IT = words_pattern(
    r"(?:add|put|throw|pop|stick|chuck|toss|include|bung)\s+(?:it|that|this|them|those|one)\b"
    r"(?:\s+one)?(?:\s+(?:in|on|too|also|as well))*",
    r"(?:it|that|this|that one|this one)\s+(?:in\s+)?(?:too|also|as well)",
    r"i'?ll take (?:it|that|this|them|one)",
)


_REFERENCE = words_pattern("it", "that", "this", "them", "those")
_LOOSE = (None, "add_item", "choose_option", "out_of_scope", "nlu_fallback", "greet", "thank")
"""Intents under which a yes-phrase still answers the offer (the NLU may not know it)."""


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
    exits = mentions(EXIT_WORDS, text, NEGATED_VERB)
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
    takes_option = mentions(SWITCH_WORDS, text) or option_word(text, option_words)
    if kind is OfferKind.DOWNSELL and keeps_as_is(text) and not takes_option:
        return Answer.KEEP  # "no, I'll keep it": the item stays, nothing is removed
    if kind.is_retention:
        answer = retention_answer(kind, intent, text, option_words)
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
    if loose and (_YES.search(text) or mentions(_TAKE_IT, text)):
        return Answer.ACCEPT  # "go on then", "sure, throw it in"
    if intent == "add_item" and not has_product and _REFERENCE.search(text):
        return Answer.ACCEPT  # "put that in too": no product of its own, the offered one
    if intent in ("add_item", "choose_option") and option_word(text, option_words):
        return Answer.ACCEPT  # "add the screen protector" while it is on offer
    if intent not in CONFIDENCE_THRESHOLDS and _DETAIL.search(text):
        return Answer.DETAIL  # "how much is that?" read as another question
    return Answer.NONE
