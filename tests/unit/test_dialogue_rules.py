"""Dialogue rules: reading a reply against the pending offer, and the confidence table."""

from __future__ import annotations

import pytest

from bot.domain.dialogue import (
    CONFIDENCE_THRESHOLDS,
    DEFAULT_THRESHOLD,
    Answer,
    is_about_an_order,
    is_bare_cancel,
    is_negated_request,
    is_unsure_request,
    needs_confirmation,
    read_answer,
    threshold_for,
)
from bot.domain.models import OfferKind

ADDON, DOWNSELL, PLAN, PAUSE, DISCOUNT = (
    OfferKind.ADDON,
    OfferKind.DOWNSELL,
    OfferKind.RETENTION_PLAN,
    OfferKind.RETENTION_PAUSE,
    OfferKind.RETENTION_DISCOUNT,
)


@pytest.mark.parametrize(
    ("kind", "intent", "text", "has_product", "words", "answer"),
    [
        (ADDON, "add_item", "put that in too", False, ["screen protector"], Answer.ACCEPT),
        (ADDON, "affirm", "yes add it", False, [], Answer.ACCEPT),
        (ADDON, "add_item", "sure, throw it in", False, [], Answer.ACCEPT),
        (ADDON, "out_of_scope", "go on then", False, [], Answer.ACCEPT),
        (ADDON, "add_item", "add the screen protector", True, ["screen protector"], Answer.ACCEPT),
        (ADDON, "deny", "no thanks", False, [], Answer.DECLINE),
        (ADDON, "ask_offer_detail", "how much is that?", False, [], Answer.DETAIL),
        (ADDON, "show_cart", "why that one?", False, [], Answer.DETAIL),
        # a request of its own is not an answer, even with a yes-word in front
        (ADDON, "add_item", "add a mug", True, ["screen protector"], Answer.NONE),
        (ADDON, "remove_item", "ok remove the mug", True, [], Answer.NONE),
        (ADDON, "add_item", "another one", False, [], Answer.NONE),
        # retention: the options' own words win over a plain yes
        (PLAN, "affirm", "yes, pause it", False, ["basic"], Answer.PAUSE),
        (PLAN, "pause_subscription", "can I pause instead", False, ["basic"], Answer.PAUSE),
        (PLAN, "choose_option", "basic", False, ["basic"], Answer.ACCEPT),
        (PLAN, "affirm", "don't pause it, switch me", False, [], Answer.SWITCH),
        (PAUSE, "ask_discount_code", "can I get a discount instead?", False, [], Answer.DISCOUNT),
        (PAUSE, "affirm", "go on then", False, [], Answer.ACCEPT),
        (DISCOUNT, "deny", "no", False, [], Answer.DECLINE),
        (DISCOUNT, "ask_offer_detail", "how much is the discount", False, [], Answer.DETAIL),
        # the cancel flows handle these themselves (cancel at once), negated words included
        (PLAN, "cancel_anyway", "I don't want to pause, cancel", False, [], Answer.NONE),
        (PLAN, "cancel_subscription", "cancel it", False, [], Answer.NONE),
        # keeping the plan as it is: never a cancel, whatever the intent
        (PLAN, "deny", "no, I'll keep it", False, ["basic"], Answer.KEEP),
        (PLAN, "deny", "no i'll stay on care plus", False, ["basic"], Answer.KEEP),
        (PLAN, "cancel_subscription", "no, keep my plan please", False, ["basic"], Answer.KEEP),
        (PAUSE, "deny", "nah leave it as it is", False, [], Answer.KEEP),
        (PAUSE, "complaint", "actually never mind", False, [], Answer.KEEP),
        (PLAN, "remove_item", "hmm no, I changed my mind", False, ["basic"], Answer.KEEP),
        (PLAN, "deny", "no wait, don't cancel it", False, ["basic"], Answer.KEEP),
        (PLAN, "deny", "no thanks, I'll stick with what I have", False, [], Answer.KEEP),
        # a keep-word beside an option or a plain cancel word is not a keep
        (PLAN, "affirm", "ok I'll stay, switch me to basic", False, ["basic"], Answer.SWITCH),
        (PLAN, "cancel_subscription", "changed my mind, cancel it", False, [], Answer.NONE),
        (PLAN, "deny", "I don't want to keep it", False, [], Answer.DECLINE),
        # a question about an option is answered, never taken as choosing it
        (PAUSE, "pause_subscription", "is the pause free?", False, [], Answer.DETAIL),
        (PAUSE, "affirm", "does pausing cost anything", False, [], Answer.DETAIL),
        (PAUSE, "ask_discount_code", "do you do a discount?", False, [], Answer.DETAIL),
        (PLAN, "affirm", "what if I switch to basic?", False, ["basic"], Answer.DETAIL),
        (PLAN, "pause_subscription", "could you pause it instead?", False, [], Answer.PAUSE),
        (PLAN, "ask_discount_code", "do you have a promo code for me", False, [], Answer.DETAIL),
        (PLAN, "deny", "no, i meant the phone", False, ["basic"], Answer.KEEP),
        # a downsell: keeping the item removes nothing; "no" alone still removes it
        (DOWNSELL, "deny", "no, I'll keep it", False, ["snap camera lite"], Answer.KEEP),
        (DOWNSELL, "deny", "no don't remove it", False, ["snap camera lite"], Answer.KEEP),
        (DOWNSELL, "deny", "no thanks", False, ["snap camera lite"], Answer.DECLINE),
        (DOWNSELL, "affirm", "ok I'll keep the cheaper camera", False, [], Answer.ACCEPT),
        (DOWNSELL, "deny", "never mind, just remove it", False, [], Answer.DECLINE),
        # the discount is the offer to stay: keeping it is taking it
        (DISCOUNT, "affirm", "ok I'll keep it", False, [], Answer.ACCEPT),
    ],
)
def test_read_answer(kind, intent, text, has_product, words, answer) -> None:
    assert read_answer(kind, intent, text, has_product, words) is answer


def test_only_real_answers_change_state() -> None:
    changing = {a for a in Answer if a.changes_state}
    assert changing == {Answer.ACCEPT, Answer.DECLINE, Answer.PAUSE, Answer.SWITCH, Answer.DISCOUNT}
    assert not Answer.KEEP.changes_state


def test_every_state_changing_intent_has_an_explicit_threshold() -> None:
    # change_plan needs none: it always asks first, with the price difference
    assert set(CONFIDENCE_THRESHOLDS) == {
        "add_item", "remove_item", "change_quantity", "swap_item", "remove_too_expensive",
        "choose_option", "affirm", "deny", "cancel_subscription", "cancel_anyway",
        "pause_subscription", "undo_change",
    }  # fmt: skip
    assert all(0.4 < t < 1.0 for t in CONFIDENCE_THRESHOLDS.values())  # above Rasa's fallback
    assert threshold_for("cancel_anyway") > threshold_for("add_item")
    assert threshold_for("cancel_anyway") > threshold_for("cancel_subscription")
    assert threshold_for("ask_discount_code") == DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("intent", "confidence", "asks"),
    [
        ("add_item", 0.49, True),
        ("add_item", 0.50, False),
        ("remove_item", 0.65, True),
        ("remove_item", 0.95, False),
        ("cancel_subscription", 0.54, True),
        ("cancel_anyway", 0.74, True),
        ("affirm", 1.0, False),  # a button payload
    ],
)
def test_needs_confirmation_below_the_intents_threshold(intent, confidence, asks) -> None:
    assert needs_confirmation(intent, confidence) is asks


@pytest.mark.parametrize(
    "text",
    ["don't add a tripod", "please do not add any tripods", "no need for a tripod",
     "don't remove the mugs", "do not cancel my subscription", "never swap my phone"],
)  # fmt: skip
def test_negated_requests_are_recognised(text):
    assert is_negated_request(text)


@pytest.mark.parametrize(
    "text",
    ["add a tripod", "remove the mug", "I don't need the mugs anymore",
     "I don't want the tripod, remove it", "cancel my subscription"],
)  # fmt: skip
def test_requests_and_negative_wishes_are_not_negated_requests(text):
    assert not is_negated_request(text)


@pytest.mark.parametrize(
    "text",
    ["should I get a tripod?", "do I need a tripod?", "tripod?", "2 mugs?",
     "I already have a tripod at home", "I might want a phone case later", "how about 2 mugs"],
)  # fmt: skip
def test_wondering_is_unsure(text):
    assert is_unsure_request(text)


@pytest.mark.parametrize(
    "text",
    ["can you add a tripod?", "could you remove the mug?", "add 2 mugs", "add a tripod please"],
)
def test_polite_requests_are_not_unsure(text):
    assert not is_unsure_request(text)


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("cancel that", True),
        ("ok cancel it", True),
        ("undo that", True),
        ("cancel my subscription", False),
        ("cancel it, the plan I mean", False),
        ("please cancel my membership", False),
        ("I want to cancel", False),
    ],
)
def test_a_bare_cancel_names_nothing(text, bare):
    assert is_bare_cancel(text) is bare


@pytest.mark.parametrize(
    ("text", "order"),
    [("cancel my order", True), ("I want to cancel the order I placed yesterday", True),
     ("cancel the delivery", True), ("cancel my subscription", False), ("cancel", False),
     ("cancel the plan I ordered", False)],
)  # fmt: skip
def test_a_cancel_about_an_order_is_not_about_the_subscription(text, order):
    assert is_about_an_order(text) is order
