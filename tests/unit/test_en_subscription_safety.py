"""English cues that decide whether a subscription message may change anything (review s21)."""

from __future__ import annotations

import pytest

from bot.domain.language.en_subscription_safety import (
    complains,
    names_subscription,
    plan_question,
    says_cancel,
    says_pause,
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("can I get a discount on my subscription?", "discount"),
        ("give me 20% off my plan", "discount"),
        ("I just want a discount on my plan", "discount"),
        ("update my payment card for the subscription", "billing"),
        ("no, I just need to change the card my subscription is billed to", "billing"),
        ("when does my subscription renew", "renewal"),
        ("when is my next payment?", "renewal"),
        ("cancel my subscription, I can't pay the bill", None),
        ("cancel my plan", None),
        ("pause it for a month", None),
    ],
)
def test_plan_questions(text: str, kind: str | None) -> None:
    assert plan_question(text) == kind


@pytest.mark.parametrize(
    ("text", "cancel"),
    [
        ("cancel the mugs", True),
        ("please end my membership", True),
        ("terminate it", True),
        ("stop my plan", True),
        ("I want out of this thing", False),
        ("give me 20% off my plan", False),
        ("we spend a weekend away", False),
    ],
)
def test_says_cancel(text: str, cancel: bool) -> None:
    assert says_cancel(text) is cancel


def test_subscription_words_and_pause_words() -> None:
    assert names_subscription("put my subscription on hold")
    assert names_subscription("cancel care plus")
    assert not names_subscription("put it on hold please")
    assert says_pause("pause it for 2 weeks")
    assert not says_pause("can you put that on hold")


@pytest.mark.parametrize(
    "text",
    [
        "this is ridiculous, you keep charging me. cancel my subscription now",
        "terrible service. cancel my subscription",
        "I'm fed up, cancel my care plan",
        "ugh this is so annoying, just cancel my plan",
        "this is a total rip off, remove the camera",
    ],
)
def test_complaint_cues(text: str) -> None:
    assert complains(text)


@pytest.mark.parametrize("text", ["cancel my subscription", "/cancel_anyway", "", "add a mug"])
def test_no_complaint_cue(text: str) -> None:
    assert not complains(text)
