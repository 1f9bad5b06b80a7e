"""The s19 intent cues (pure): keep/resume, stop billing, negated adds, except-removals,
swap wording, quantity corrections, self-correcting answers, widened negation/bare cancel."""

from __future__ import annotations

import pytest

from bot.domain.dialogue import is_bare_cancel, is_negated_request
from bot.domain.language.en_intents import (
    keeps_subscription,
    kept_in_removal,
    negated_add,
    quantity_correction,
    stops_billing,
    swap_wording,
)
from bot.domain.language.en_second_thoughts import Decision, second_thought


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("resume my subscription", "resume"),
        ("actually resume my subscription", "resume"),
        ("renew my subscription", "resume"),
        ("no, renew it", "resume"),
        ("reactivate my plan", "resume"),
        ("please unpause it", "resume"),
        ("I changed my mind, keep it running", "resume"),
        ("keep my subscription", "resume"),
        ("I don't want to cancel my subscription", "keep"),
        ("I do not want to end my plan", "keep"),
        ("don't cancel", "keep"),
        ("cancel my subscription", None),
        ("I want to cancel my care plan", None),
        ("cancel it, I don't want to renew", None),
        ("stop the auto-renewal", None),
        ("pause my subscription", None),
        ("/cancel_anyway", None),
    ],
)
def test_keeps_subscription(text, kind):
    assert keeps_subscription(text) == kind


@pytest.mark.parametrize(
    ("text", "stops"),
    [
        ("stop the recurring payments", True),
        ("I don't want to be charged every month anymore", True),
        ("stop charging me", True),
        ("cancel the auto renew", True),
        ("add a mug", False),
        ("how much is shipping?", False),
    ],
)
def test_stops_billing(text, stops):
    assert stops_billing(text) is stops


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("I didn't mean to add the mug", "the mug"),
        ("I never wanted to add 2 filters", "2 filters"),
        ("I never wanted 2 filters", "2 filters"),
        ("I don't want the mug", "the mug"),
        ("I didn't ask for the tripod", "the tripod"),
        ("I don't want any more mugs", None),
        ("I don't want to cancel", None),
        ("add the mug", None),
    ],
)
def test_negated_add(text, what):
    assert negated_add(text) == what


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("remove everything except the mug", "the mug"),
        ("take out everything but the beans", "the beans"),
        ("all but the mug", "the mug"),
        ("only keep the mug", "the mug"),
        ("keep only the beans", "the beans"),
        ("remove everything apart from the tripod please", "the tripod"),
        ("remove all the mugs except one", "one"),
        ("remove everything", None),
        ("remove the mug", None),
    ],
)
def test_kept_in_removal(text, kept):
    assert kept_in_removal(text) == kept


def test_swap_wording():
    assert swap_wording("swop the socks for the ankle socks") == (
        "swap the socks for the ankle socks"
    )
    assert swap_wording("put the decaf beans in place of the espresso beans") == (
        "swap the espresso beans for the decaf beans"
    )
    assert swap_wording("swap the mug for the tripod") is None


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("no wait, just 2", 2),
        ("sorry I meant 2", 2),
        ("no wait, just two please", 2),
        ("actually 3", 3),
        ("2", None),
        ("make it 2", None),
    ],
)
def test_quantity_correction(text, quantity):
    assert quantity_correction(text) == quantity


@pytest.mark.parametrize(
    ("text", "decision"),
    [
        ("yes... actually no", Decision.NO),
        ("sure — wait, no", Decision.NO),
        ("sure why not, actually no don't", Decision.NO),
        ("no, actually yes", Decision.YES),
        ("no, I mean yes", Decision.YES),
        ("no thanks... actually, yes please", Decision.YES),
        ("yes... actually no wait... yes", Decision.UNCLEAR),
        ("yes, actually yes please", None),
        ("no wait", None),
        ("yes please", None),
        ("not sure", None),
        ("sure — no rush", None),
        ("yes... no worries", None),
    ],
)
def test_second_thought(text, decision):
    assert second_thought(text) == decision


@pytest.mark.parametrize(
    "text",
    [
        "I didn't mean to add the mug",
        "I never wanted to add 2 filters",
        "I don't want to cancel my subscription",
        "don't add a tripod",
    ],
)
def test_negation_window_is_three_words(text):
    assert is_negated_request(text)


@pytest.mark.parametrize("text", ["add a mug", "not now, add a mug"])
def test_plain_requests_are_not_negated(text):
    assert not is_negated_request(text)


@pytest.mark.parametrize("text", ["cancel", "cancel it", "ok cancel", "cancel please", "undo"])
def test_bare_cancel(text):
    assert is_bare_cancel(text)


@pytest.mark.parametrize("text", ["cancel my subscription", "cancel my plan please"])
def test_named_cancel_is_not_bare(text):
    assert not is_bare_cancel(text)
