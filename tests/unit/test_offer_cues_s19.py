"""Review s19: the cues and answer rules behind G1–G6, G10, G12 (pure)."""

from __future__ import annotations

import pytest

from bot.domain.dialogue import Answer, read_answer
from bot.domain.language.en_offer_cues import (
    decides_nothing,
    for_several_people,
    is_hesitation,
    is_marketing_unsubscribe,
    is_polite_close,
    puts_back,
    uncounted_plural,
)
from bot.domain.models import OfferKind

HESITANT = ("no wait", "wait", "hold on", "hang on", "let me think", "one sec", "not sure",
            "hmm", "I'm not sure yet", "hmm, let me think", "wait a sec", "um", "hang on a minute",
            "let me think about it", "I don't know")  # fmt: skip


@pytest.mark.parametrize("text", HESITANT)
def test_hesitation_is_read(text: str) -> None:
    assert is_hesitation(text) and decides_nothing(text)


@pytest.mark.parametrize(
    "text", ["wait, cancel it", "no", "yes", "hmm, add a mug", "hold on, switch me", "no thanks"]
)
def test_a_decision_is_not_hesitation(text: str) -> None:
    assert not is_hesitation(text)


@pytest.mark.parametrize(
    "text", ["ok thanks", "great, thanks", "thanks", "cool thanks", "thank you so much", "cheers"]
)
def test_thanks_is_no_clear_yes(text: str) -> None:
    assert is_polite_close(text)


@pytest.mark.parametrize("text", ["yes please", "sure, add it", "ok add it", "ok", "yes", "great"])
def test_a_clear_yes_is_not_a_polite_close(text: str) -> None:
    assert not is_polite_close(text)


@pytest.mark.parametrize(
    "text",
    ["unsubscribe me from your newsletter", "stop the emails", "stop marketing texts",
     "please stop sending me promotions", "take me off the mailing list"],
)  # fmt: skip
def test_marketing_unsubscribes(text: str) -> None:
    assert is_marketing_unsubscribe(text)


@pytest.mark.parametrize("text", ["unsubscribe me", "cancel my subscription", "cancel my plan"])
def test_the_subscription_is_not_marketing(text: str) -> None:
    assert not is_marketing_unsubscribe(text)


def test_plural_counts_and_put_back() -> None:
    assert for_several_people("add mugs for me and my 3 roommates") == "add mugs"
    assert for_several_people("add a mug for my coffee") is None
    assert uncounted_plural("add mugs", "Ceramic Mug")
    assert not uncounted_plural("add pulse headphones studio", "Pulse Headphones Studio")
    assert not uncounted_plural("add espresso beans", "Espresso Beans 1 kg")
    assert not uncounted_plural("add a mug", "Ceramic Mug")
    assert puts_back("oops no, put the espresso beans back")
    assert puts_back("bring it back in my cart")
    assert not puts_back("remove the beans")


RETENTION = OfferKind.RETENTION_PLAN


@pytest.mark.parametrize(
    ("kind", "intent", "text", "expected"),
    [
        (RETENTION, "affirm", "yes cancel it", Answer.DECLINE),
        (RETENTION, "affirm", "yes, cancel please", Answer.DECLINE),
        (RETENTION, "affirm", "ok end it", Answer.DECLINE),
        (RETENTION, "affirm", "yes switch me", Answer.SWITCH),
        (RETENTION, "affirm", "yes", Answer.ACCEPT),
        (RETENTION, "deny", "no", Answer.DECLINE),
        (RETENTION, "deny", "no, don't cancel", Answer.KEEP),
        (RETENTION, "deny", "no wait", Answer.HOLD),
        (RETENTION, "affirm", "not sure", Answer.HOLD),
        (RETENTION, "remove_item", "hmm", Answer.HOLD),
        (RETENTION, "affirm", "ok thanks", Answer.UNCLEAR),
        (OfferKind.RETENTION_PAUSE, "affirm", "yes pause it", Answer.PAUSE),
        (OfferKind.DOWNSELL, "affirm", "yes remove them", Answer.DECLINE),
        (OfferKind.DOWNSELL, "affirm", "just remove them", Answer.DECLINE),
        (OfferKind.DOWNSELL, "deny", "no, switch me", Answer.ACCEPT),
        (OfferKind.DOWNSELL, "affirm", "yes", Answer.ACCEPT),
        (OfferKind.DOWNSELL, "deny", "hang on", Answer.HOLD),
        (OfferKind.ADDON, "affirm", "ok thanks", Answer.UNCLEAR),
        (OfferKind.ADDON, "thank", "great, thanks", Answer.UNCLEAR),
        (OfferKind.ADDON, "affirm", "yes please", Answer.ACCEPT),
        (OfferKind.ADDON, "add_item", "sure, add it", Answer.ACCEPT),
        (OfferKind.ADDON, "affirm", "not sure", Answer.HOLD),
    ],
)
def test_the_named_option_wins_and_hesitation_decides_nothing(
    kind: OfferKind, intent: str, text: str, expected: Answer
) -> None:
    assert read_answer(kind, intent, text, False, ["basic"]) is expected


def test_hold_and_unclear_change_nothing() -> None:
    assert not Answer.HOLD.changes_state and not Answer.UNCLEAR.changes_state


def test_a_product_request_during_a_retention_offer_is_no_cancel() -> None:
    answer = read_answer(RETENTION, "add_item", "add a drop-proof case", True, ["basic"])
    assert answer is Answer.NONE
