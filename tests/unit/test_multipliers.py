"""The multiplier grammar ("double the mugs") and bare quantity answers ("three please")."""

from __future__ import annotations

import pytest

from bot.chat.cart_answers import bare_quantity
from bot.domain.language.en_multipliers import multiplier


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("could you double the mugs", (2, "could you the mugs")),
        ("double the mugs please", (2, "the mugs please")),
        ("twice as many mugs", (2, "mugs")),
        ("make the mugs double", (2, "make the mugs")),
        ("triple the filters", (3, "the filters")),
        ("three times as many filters", (3, "filters")),
        ("add the same again", (2, "add")),
        ("the same again please", (2, "please")),
    ],
)
def test_multipliers_are_read_with_their_factor(text, expected):
    assert multiplier(text) == expected


@pytest.mark.parametrize("text", ["add a double espresso cup", "add 2 mugs", "remove the mugs", ""])
def test_no_multiplier(text):
    assert multiplier(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", "3"),
        ("three please", "three"),
        ("make it 4", "4"),
        ("2x", "2x"),
        ("ok, 5 thanks", "5"),
    ],
)
def test_bare_quantities(text, expected):
    assert bare_quantity(text) == expected


@pytest.mark.parametrize("text", ["3 tripods", "remove 2", "two more", "hello", "cancel 3"])
def test_not_bare_quantities(text):
    assert bare_quantity(text) is None


def test_the_too_expensive_confirmation_is_the_dialogues_own_question():
    from bot.chat import cancel, dialogue

    assert cancel.CONFIRM == dialogue.CONFIRM
