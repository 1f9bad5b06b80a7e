"""Issue 12 (s25): the pure rules for taking back a subscription change just made."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.domain.language.en_subscription_undo import (
    asks_to_resume,
    asks_to_take_back,
    names_other_plan,
)
from bot.domain.subscription_undo import (
    CANCEL,
    OTHER,
    PAUSE,
    SWITCH,
    SubscriptionState,
    changed,
    kind_of,
    revertible,
    within_window,
)

PLUS = SubscriptionState(7, "care-plus", "active")
BASIC = SubscriptionState(7, "care-basic", "active")
PAUSED = SubscriptionState(7, "care-plus", "paused", "2027-01-02T00:00:00+00:00")
CANCELED = SubscriptionState(7, "care-plus", "canceled")
DISCOUNTED = SubscriptionState(7, "care-plus", "active", None, 20, 3)


@pytest.mark.parametrize(
    "text",
    [
        "changed my mind",
        "I've changed my mind",
        "actually, I changed my mind",
        "hmm changed my mind",
        "swap it back",
        "switch me back",
        "switch me back to Care Plus",
        "can you change it back please",
        "put me back",
        "actually I want my old plan back",
        "give me my previous plan back",
        "I'd like to go back to my old plan",
        "unpause it",
        "unpause",
        "resume my subscription",
        "undo the switch",
        "revert the plan change",
        "actually don't pause it",
        "no wait, don't switch me",
    ],
)
def test_taking_back_is_read(text: str) -> None:
    assert asks_to_take_back(text)


@pytest.mark.parametrize(
    "text",
    [
        "switch me to care basic",
        "why did you switch me back?",
        "what happens if I switch back?",
        "put the mug back",
        "add a mug",
        "cancel my subscription",
        "/affirm",
        "",
        None,
        "my old plan was better " * 20,
    ],
)
def test_other_messages_take_nothing_back(text: str | None) -> None:
    assert not asks_to_take_back(text)


def test_resume_words_and_other_plans() -> None:
    assert asks_to_resume("unpause it") and asks_to_resume("resume my subscription")
    assert not asks_to_resume("switch me back")
    names = ("care basic", "care plus", "care premium")
    assert names_other_plan("switch me to care premium", names, "Care Plus")
    assert not names_other_plan("switch me back to care plus", names, "Care Plus")
    assert not names_other_plan("switch me back", names, "Care Plus")


def test_the_kind_of_change() -> None:
    assert kind_of(PLUS, BASIC) == SWITCH
    assert kind_of(PLUS, PAUSED) == PAUSE
    assert kind_of(PLUS, CANCELED) == CANCEL
    assert kind_of(PAUSED, CANCELED) == CANCEL
    assert kind_of(PLUS, DISCOUNTED) == OTHER  # a retention discount: not undone here
    assert kind_of(PAUSED, PLUS) == OTHER  # a resume
    assert kind_of(PAUSED, SubscriptionState(7, "care-basic", "paused", PAUSED.paused_until)) == (
        OTHER
    )


def test_only_one_changed_subscription_is_a_change() -> None:
    other = SubscriptionState(9, "care-premium", "active")
    assert changed({7: PLUS, 9: other}, {7: BASIC, 9: other}) == (PLUS, BASIC)
    assert changed({7: PLUS}, {7: PLUS}) is None
    assert changed({7: PLUS, 9: other}, {7: BASIC, 9: CANCELED}) is None  # two at once
    assert changed({}, {7: PLUS}) is None  # a new subscription: nothing to switch back


def test_revertible_only_while_it_is_as_the_change_left_it() -> None:
    assert revertible(PLUS, BASIC, BASIC)
    assert revertible(PLUS, PAUSED, PAUSED)
    assert not revertible(PLUS, BASIC, PLUS)  # changed since
    assert not revertible(PLUS, BASIC, None)
    assert not revertible(PLUS, CANCELED, CANCELED)  # never reverses a cancellation
    assert not revertible(PLUS, DISCOUNTED, DISCOUNTED)


def test_the_window_and_round_trip() -> None:
    made = datetime(2026, 12, 3, 14, 0, tzinfo=timezone.utc)
    assert within_window(made, made + timedelta(minutes=29))
    assert not within_window(made, made + timedelta(minutes=31))
    assert SubscriptionState.from_dict({**PAUSED.as_dict(), "extra": 1}) == PAUSED
