"""Stand-in nouns at the end of a product mention (review s21 S37)."""

from __future__ import annotations

import pytest

from bot.domain.language.en_words import stand_in_tail


@pytest.mark.parametrize(
    ("mention", "expected"),
    [("the usb-c thing", ("the usb-c", "thing")), ("usb c stuff", ("usb c", "stuff")),
     ("leather one", ("leather", "one")), ("blue items", ("blue", "items"))],
)  # fmt: skip
def test_a_trailing_stand_in_is_split_off(mention: str, expected: tuple[str, str]) -> None:
    assert stand_in_tail(mention) == expected


@pytest.mark.parametrize("mention", ["the thing", "that one", "stuff", "stuff sack", "usb-c hub"])
def test_nothing_is_split_when_no_name_would_be_left_or_none_ends_it(mention: str) -> None:
    assert stand_in_tail(mention) is None
