"""Pause lengths and end dates read from English (review s20, R17), relative to a fixed today."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.language.en_pause import PauseAsked, read_pause
from bot.domain.retention import (
    PauseLengthRefused,
    PauseLengthUnread,
    RetentionPolicy,
    granted_pause,
)

WEDNESDAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("pause it until the 20th", 18),
        ("pause it for a fortnight", 14),
        ("pause it for two fortnights", 28),
        ("pause it for half a month", 15),
        ("pause my subscription until january 10", 39),
        ("pause it till dec 20th please", 18),
        ("pause until friday", 2),
        ("pause it till tomorrow", 1),
        ("pause until next monday", 5),
        ("pause it until the 2nd", 31),
        ("can you pause my plan for 2 weeks", 14),
        ("pause my subscription for 10 days", 10),
    ],
)
def test_a_length_or_end_date_is_read_exactly(text: str, days: int) -> None:
    asked = read_pause(text, WEDNESDAY)

    assert asked is not None and asked.readable and asked.days == days, asked


@pytest.mark.parametrize(
    "text",
    [
        "pause it till next friday",  # this week's or next week's: never guessed
        "pause it until further notice",
        "pause it for a while",
        "pause it until 5pm",
    ],
)
def test_a_named_length_that_cannot_be_read_is_unread(text: str) -> None:
    asked = read_pause(text, WEDNESDAY)

    assert asked is not None and not asked.readable and asked.days is None


@pytest.mark.parametrize("text", ["pause it", "pause it for now", "pause my subscription please"])
def test_no_length_said(text: str) -> None:
    assert read_pause(text, WEDNESDAY) is None


def test_granted_pause_grants_within_the_limit_and_refuses_or_asks_otherwise() -> None:
    policy = RetentionPolicy()

    assert granted_pause(policy, None) == 30
    assert granted_pause(policy, PauseAsked("until the 20th", 18)) == 18
    with pytest.raises(PauseLengthUnread):
        granted_pause(policy, PauseAsked("until further notice", None, readable=False))
    with pytest.raises(PauseLengthRefused) as refused:
        granted_pause(policy, PauseAsked("until january 10", 39))
    assert not isinstance(refused.value, PauseLengthUnread)
