"""Unit tests of "a different one?" / "not that, something else" (review s27, F21)."""

from __future__ import annotations

import pytest

from bot.domain.language.en_suggestion_words import (
    asks_a_different_one,
    asks_past_the_shown,
    declines_the_shown_one,
)


@pytest.mark.parametrize(
    "text",
    [
        "another one?",
        "a different one",
        "next one",
        "the next one please",
        "something different please",
        "not that, something else",
        "no, a different one please",
        "got another one?",
        "show me another",
        "hmm, another one then",
    ],
)
def test_a_request_for_a_different_one(text) -> None:
    assert asks_a_different_one(text)
    assert asks_past_the_shown(text)


@pytest.mark.parametrize(
    "text",
    ["add another one", "another mug", "the other mug", "yes", "a different colour mug", "", None],
)
def test_not_a_request_for_a_different_one(text) -> None:
    assert not asks_a_different_one(text)


@pytest.mark.parametrize(
    ("text", "declined"),
    [("not that, something else", True), ("no, a different one", True), ("another one?", False)],
)
def test_declines_the_shown_one_first(text, declined) -> None:
    assert declines_the_shown_one(text) is declined


@pytest.mark.parametrize("text", ["another suggestion", "what else?", "any other ideas?"])
def test_the_older_readings_still_ask_past_the_shown(text) -> None:
    assert asks_past_the_shown(text)
