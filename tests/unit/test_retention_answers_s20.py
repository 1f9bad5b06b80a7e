"""Review s20 R1: declining the offered option while asking to cancel is the offer's cancel."""

from __future__ import annotations

import pytest

from bot.domain.dialogue import Answer, declines_option_and_cancels, read_answer
from bot.domain.models import OfferKind

PLAN = OfferKind.RETENTION_PLAN


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        ("pause_subscription", "no pause, just cancel it"),
        ("change_plan", "no basic plan, cancel my care plus"),
        ("affirm", "no basic plan, cancel my care plus"),
        ("change_plan", "no cheaper plan thanks, cancel the care plus"),
        ("deny", "i dont want to switch, just cancel"),
    ],
)
def test_a_declined_option_with_a_cancel_is_the_cancel(intent: str, text: str) -> None:
    assert read_answer(PLAN, intent, text, False, ["basic"]) is Answer.DECLINE


@pytest.mark.parametrize(
    "text",
    [
        "no, don't cancel, switch me to basic",  # keeps: a negated cancel
        "basic please, cancel the plus",  # takes the offered plan
        "pause it instead of cancelling",  # names an option it wants
        "add a drop-proof case",  # a cart request, no cancel
        "no i want basic",  # "no" not directly before the option word
    ],
)
def test_a_message_that_wants_an_option_or_keeps_is_no_cancel(text: str) -> None:
    assert not declines_option_and_cancels(text, ["basic"])
