"""Issue 12 (s25): the text rules for answers during a cancellation and to a yes/no question."""

from __future__ import annotations

import pytest

from bot.domain.dialogue import Answer, asked_option, read_answer
from bot.domain.language.en_retention_answers import (
    asks_about_option,
    says_later,
    says_yes_and_no,
    withdraws,
)
from bot.domain.models import OfferKind

PLAN, PAUSE = OfferKind.RETENTION_PLAN, OfferKind.RETENTION_PAUSE


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("what about pausing?", True),
        ("pause instead?", True),
        ("could I pause it instead", True),
        ("how about a discount", True),
        ("can i pause it instead?", True),
        ("or a discount?", True),
        ("pause it instead", False),
        ("yes, pause it instead", False),
        ("pause it for 2 weeks", False),
        ("/pause_subscription", False),
    ],
)
def test_a_question_or_suggestion_about_an_option_is_told_from_an_order(text, asks):
    assert asks_about_option(text) is asks


@pytest.mark.parametrize(
    ("kind", "text", "intent", "option"),
    [
        (PLAN, "what about pausing?", "pause_subscription", Answer.PAUSE),
        (PLAN, "pause instead?", "affirm", Answer.PAUSE),
        (PLAN, "could I pause it instead", "nlu_fallback", Answer.PAUSE),
        (PLAN, "how about a discount?", "affirm", Answer.DISCOUNT),
        (PLAN, "what about basic?", "affirm", Answer.SWITCH),
        (PAUSE, "pause instead?", "pause_subscription", Answer.PAUSE),
        (PLAN, "is the pause free?", "ask_offer_detail", Answer.PAUSE),  # the other option
        (PAUSE, "is the pause free?", "pause_subscription", None),  # the offer's own details
        (PLAN, "pause it instead", "pause_subscription", None),  # an order
        (PLAN, "what about a pause or a discount?", "affirm", None),  # two: "not both"
        (PLAN, "how much is it?", "affirm", None),
    ],
)
def test_the_option_a_question_asks_about(kind, text, intent, option):
    words = ["basic"] if kind is PLAN else []
    answer = read_answer(kind, intent, text, option_words=words)

    assert asked_option(kind, answer, text, words) is option


@pytest.mark.parametrize(
    "text",
    ["cancel that", "never mind", "forget it", "I don't want that", "i dont want that",
     "changed my mind", "I've changed my mind", "scratch that", "oh, never mind then",
     "actually, forget it"],
)  # fmt: skip
def test_a_withdrawal_is_the_whole_message(text):
    assert withdraws(text)


@pytest.mark.parametrize(
    "text", ["cancel that and add a mug", "no", "cancel my subscription", "forget the mug"]
)
def test_a_request_is_no_withdrawal(text):
    assert not withdraws(text)


@pytest.mark.parametrize(
    ("text", "both"),
    [
        ("no way, that's cheap! ok", True),
        ("yes... actually no", True),
        ("no, actually yes", True),
        ("yes — wait, no", True),
        ("okay... no", True),
        ("no pause, just cancel it", False),
        ("ok, no basic plan, cancel it", False),
        ("sure, no rush", False),
        ("yes, no problem", False),
        ("yes please", False),
        ("no thanks", False),
        ("no wait", False),
    ],
)
def test_an_answer_that_says_both_yes_and_no(text, both):
    assert says_yes_and_no(text) is both


@pytest.mark.parametrize("text", ["maybe later", "later", "not now", "not now, thanks"])
def test_maybe_later_to_a_retention_offer_is_later(text):
    assert says_later(text)
    for intent in ("deny", "affirm", "goodbye", None):
        assert read_answer(PLAN, intent, text, option_words=["basic"]) is Answer.LATER


@pytest.mark.parametrize("text", ["see you later", "later on I'll switch", "maybe"])
def test_other_words_with_later_are_not_a_put_off(text):
    assert not says_later(text)


def test_later_changes_no_state():
    assert not Answer.LATER.changes_state
