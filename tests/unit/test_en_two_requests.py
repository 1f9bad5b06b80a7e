"""Unit tests of a removal and an add in one message (review s27, F48)."""

from __future__ import annotations

import pytest

from bot.domain.language.en_two_requests import removal_and_add


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("remove the tripod and add 2 mugs", ("remove the tripod", "add 2 mugs")),
        ("add a mug and remove the tripod", ("remove the tripod", "add a mug")),
        ("take out the tripod, then add two mugs", ("take out the tripod", "add two mugs")),
        ("add 2 mugs but remove the tripod", ("remove the tripod", "add 2 mugs")),
        ("remove the tripod and also add a mug", ("remove the tripod", "add a mug")),
    ],
)
def test_one_removal_and_one_add(text, expected) -> None:
    assert removal_and_add(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "remove the tripod and 2 mugs",  # one removal of two lines
        "add a mug and a tripod",
        "swap the tripod for a mug",
        "add a tripod, I mean remove the mug",  # corrects itself
        "add a mug and remove the tripod and the pad",  # three parts
        "remove the tripod",
        "",
        None,
    ],
)
def test_anything_else_is_not_two_requests(text) -> None:
    assert removal_and_add(text) is None
