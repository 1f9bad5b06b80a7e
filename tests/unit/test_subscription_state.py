"""Pure rules of review s21: effective status, which subscription, pause-terms and delivery cues."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from bot.domain.language.en_subscription_words import (
    asks_pause_terms,
    cancels_a_delivery,
    cancels_recurring_delivery,
)
from bot.domain.models import Plan
from bot.domain.subscription_state import (
    effective_pause_end,
    effective_status,
    named_subscription,
    picked_subscription,
)

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=timezone.utc)
PLUS = Plan("care-plus", "Care Plus", Decimal("9.99"), "month", 2)
PREMIUM = Plan("care-premium", "Care Premium", Decimal("14.99"), "month", 3)


@pytest.mark.parametrize(
    ("status", "until", "expected"),
    (
        ("paused", NOW + timedelta(days=1), "paused"),
        ("paused", NOW - timedelta(seconds=1), "active"),
        ("paused", NOW, "active"),  # resumes at that moment
        ("paused", (NOW - timedelta(days=3)).replace(tzinfo=None), "active"),  # naive = UTC
        ("paused", None, "paused"),  # no end stored: paused until resumed
        ("active", NOW - timedelta(days=3), "active"),
        ("canceled", NOW + timedelta(days=3), "canceled"),
    ),
)
def test_effective_status(status, until, expected) -> None:
    assert effective_status(status, until, NOW) == expected
    ended = expected != "paused"
    assert (effective_pause_end(status, until, NOW) is None) == (ended or until is None)


def test_named_subscription_is_the_only_one_or_the_one_named() -> None:
    live = [(7, PREMIUM), (3, PLUS)]
    assert named_subscription("cancel it", [(3, PLUS)]) == 3
    assert named_subscription("cancel my subscription", live) is None
    assert named_subscription("cancel my care plus", live) == 3
    assert named_subscription("pause the premium one", live) == 7
    assert named_subscription("cancel care plus and premium", live) is None


@pytest.mark.parametrize(
    ("answer", "expected"),
    (
        ("the second one", 3),
        ("2", 3),
        ("option 1", 7),
        ("the last one", 3),
        ("plus", 3),
        ("the Care Premium one please", 7),
        ("the plus one", 3),
        ("yes", None),
        ("care", None),  # a word both plans share picks neither
        ("the third", None),  # no third option
        ("", None),
    ),
)
def test_picked_subscription(answer, expected) -> None:
    assert picked_subscription(answer, [(7, "Care Premium"), (3, "Care Plus")]) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    (
        ("what if I pause it?", True),
        ("what happens if I pause?", True),
        ("What would happen if I paused my plan", True),
        ("how does a pause work?", True),
        ("if I pause it, do I still pay?", True),
        ("pause it", False),
        ("pause it for 2 weeks", False),
        ("not cancel, just pause", False),
    ),
)
def test_asks_pause_terms(text, expected) -> None:
    assert asks_pause_terms(text) is expected


@pytest.mark.parametrize(
    ("text", "one", "recurring"),
    (
        ("cancel my delivery", True, False),
        ("cancel the delivery please", True, False),
        ("stop my next delivery", True, False),
        ("can you cancel my shipment", True, False),
        ("cancel my monthly delivery", False, True),
        ("cancel my deliveries", False, True),
        ("don't cancel my delivery", False, False),
        ("cancel my order", False, False),
        ("cancel my subscription", False, False),
    ),
)
def test_cancels_a_delivery(text, one, recurring) -> None:
    assert cancels_a_delivery(text) is one
    assert cancels_recurring_delivery(text) is recurring
