"""Talk about cancelling (s27): refused options, the subscription refused, cancel questions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.domain.language.en_cancel_talk import (
    ALL_OPTIONS,
    CHEAPER_PLAN,
    DISCOUNT,
    PAUSE,
    acknowledges,
    cancel_question,
    refused_options,
    refused_subscription,
)
from bot.domain.language.en_clauses import refused
from bot.domain.models import Plan
from bot.domain.retention import RetentionPolicy, choose_option
from bot.domain.subscription_state import picked_subscription, says_other_one

PLANS = ("Care Basic", "Care Plus", "Care Premium")


@pytest.mark.parametrize(
    ("text", "options"),
    [
        ("no pausing, just cancel my sub", {PAUSE}),
        ("cancel without pausing", {PAUSE}),
        ("dont pause it, cancel it", {PAUSE}),
        ("cancel my membership pls, no pause", {PAUSE}),
        ("no downgrade, just cancel", {CHEAPER_PLAN}),
        ("cancel it, i dont want a cheaper plan", {CHEAPER_PLAN}),
        ("no care basic, cancel it", {CHEAPER_PLAN}),
        ("no pause, no downgrade, just cancel", {PAUSE, CHEAPER_PLAN}),
        ("cancel pls, i dont want a discount", {DISCOUNT}),
        ("no offers, just cancel", ALL_OPTIONS),
        ("cancel it, no alternatives", ALL_OPTIONS),
        ("cancel my subscription", set()),
        ("don't cancel, just pause", set()),
        ("no thanks, cancel it", set()),
        ("cancel my sub no pause pls", {PAUSE}),
        ("cancel it i dont want to pause", {PAUSE}),
        ("cancel my plan no discount", {DISCOUNT}),
        ("add a mug no tripod", set()),
    ],
)
def test_refused_options_are_read_from_refusing_clauses(text, options):
    assert refused_options(text, ["basic"]) == frozenset(options)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i dont want care plus", True),
        ("no care plus", True),
        ("lose the care plus", True),
        ("get rid of my care plus", True),
        ("i don't want my subscription anymore", True),
        ("i dont want my sub", True),
        ("ditch my membership pls", True),
        ("I no longer want care plus", True),
        ("remove my subscription", True),
        ("i dont want the care plus plan", True),
        ("i dont want to cancel my plan", False),
        ("no care plus, switch me to basic", False),
        ("lose the mugs", False),
        ("i dont want the mugs", False),
        ("no", False),
        ("", False),
    ],
)
def test_the_subscription_refused_or_thrown_out(text, expected):
    assert refused_subscription(text, PLANS) is expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("can I cancel anytime?", "when"),
        ("can i cancel whenever", "when"),
        ("can I cancel later?", "when"),
        ("how do I cancel my subscription?", "how"),
        ("how do I cancel?", "how"),
        ("how to cancel my membership", "how"),
        ("is there a fee to cancel?", "fee"),
        ("whats the fee to cancel", "fee"),
        ("will i be charged if i cancel", "fee"),
        ("is it free to cancel?", "fee"),
        ("what if I cancel?", "what_if"),
        ("what happens if I cancel?", "what_if"),
        ("hmm what if i cancel my sub", "what_if"),
        ("what happens to my discount if i cancel", "what_if"),
        ("is cancelling free?", "fee"),
        ("how does cancelling work", "how"),
    ],
)
def test_questions_about_cancelling(text, kind):
    assert cancel_question(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "can i cancel my subscription?",
        "can you cancel my subscription?",
        "cancel my subscription",
        "cancel it now please",
        "can i cancel it?",
        "/cancel_subscription",
        "do I lose my discount?",  # no cancel word, no offer open: not about cancelling
    ],
)
def test_requests_are_no_cancel_questions(text):
    assert cancel_question(text) is None


def test_losing_something_is_about_cancelling_while_the_offer_is_open():
    assert cancel_question("do I lose my discount?", retention_open=True) == "lose"
    assert cancel_question("will i keep my perks?", retention_open=True) == "lose"


@pytest.mark.parametrize("text", ["ok", "fine", "alright", "okay thanks", "got it", "OK!", "k"])
def test_acknowledgements(text):
    assert acknowledges(text)


@pytest.mark.parametrize("text", ["yes", "sure", "yes please", "ok cancel it", "ok switch me"])
def test_a_yes_or_a_request_is_no_acknowledgement(text):
    assert not acknowledges(text)


def test_no_longer_wanting_something_refuses_it():
    assert refused("I no longer want care plus") == ["care plus"]
    assert refused("i no longer need my sub") == ["my sub"]


OPTIONS = [(1, "Care Basic"), (2, "Care Premium")]


@pytest.mark.parametrize(
    ("text", "picked"),
    [
        ("not premium", 1),
        ("not the premium one", 1),
        ("no not premium", 1),
        ("not premium pls", 1),
        ("not the basic one", 2),
        ("not basic, premium", 2),
        ("not premium, the basic", 1),
        ("not premium, the premium", None),
        ("the other one", None),
        ("neither", None),
        ("both", None),
        ("premium", 2),
    ],
)
def test_a_refused_option_is_excluded_from_the_pick(text, picked):
    assert picked_subscription(text, OPTIONS) == picked


def test_of_three_not_one_picks_none():
    three = [(1, "Care Basic"), (2, "Care Plus"), (3, "Care Premium")]
    assert picked_subscription("not premium", three) is None
    assert picked_subscription("not premium, plus", three) == 2


@pytest.mark.parametrize("text", ["the other one", "no, the other one", "the other one pls"])
def test_the_other_one_says_no_option(text):
    assert says_other_one(text)


def _plan(code: str, price: str, tier: int) -> Plan:
    return Plan(code, code.replace("-", " ").title(), Decimal(price), "month", tier)


def test_a_refused_option_is_never_chosen():
    current, basic = _plan("care-plus", "9.99", 2), _plan("care-basic", "4.99", 1)
    policy = RetentionPolicy()
    assert choose_option("auto", current, [basic], policy).option == CHEAPER_PLAN
    assert choose_option("auto", current, [basic], policy, frozenset({CHEAPER_PLAN})).option == (
        PAUSE
    )
    left = choose_option("auto", current, [basic], policy, frozenset({CHEAPER_PLAN, PAUSE}))
    assert left.option == DISCOUNT
    assert choose_option("auto", current, [basic], policy, ALL_OPTIONS) is None
