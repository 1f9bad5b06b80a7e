"""Self-corrections inside quantities and swaps (bot.domain.language.en_corrections)."""

from __future__ import annotations

import pytest

from bot.domain.language.en_corrections import quantity_correction, swap_correction


@pytest.mark.parametrize(
    ("text", "meant", "quantity"),
    [
        ("make it 3, no 2 mugs", "make it 2 mugs", "2"),
        ("make it 3 no 2", "make it 2", "2"),
        ("set the mugs to three, sorry, two", "set the mugs to two", "two"),
        ("add 3, no wait, 2 mugs", "add 2 mugs", "2"),
        ("change it to 5 - I mean 4", "change it to 4", "4"),
        ("add 3 mugs, sorry 2", "add 2 mugs", "2"),
        ("make it 3. no, 2", "make it 2", "2"),
        ("make the mugs 4, no, 3 please", "make the mugs 3 please", "3"),
    ],
)
def test_a_corrected_number_is_read_as_the_last_one(text: str, meant: str, quantity: str) -> None:
    fixed = quantity_correction(text)
    assert fixed == (meant, quantity)


@pytest.mark.parametrize(
    "text",
    [
        "make it 3",
        "add 2 mugs and no tripod",
        "aria phone 128, no 256",  # the name's number: a product correction
        "add 3 mugs, no, 2 tripods",  # the product changes too: read as a product correction
    ],
)
def test_no_number_correction(text: str) -> None:
    assert quantity_correction(text) is None


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("swap the mug for the tripod, actually the camera bag", "swap the mug for the camera bag"),
        ("swap the mug for the tripod, actually no, the milk frother",
         "swap the mug for the milk frother"),
        ("swap the mugs for 2 tripods, no wait, 3", "swap the mugs for 3 tripods"),
        ("I want the 128 one instead, no wait, the 256 one", "the 256 one instead"),
        ("replace the mug with a tripod, I mean a bag", "replace the mug with a bag"),
        ("swap the mug for the tripod, no, swap the bag for the frother",
         "swap the bag for the frother"),
        ("change the mug to a tripod, or rather a camera bag", "change the mug to a camera bag"),
    ],
)  # fmt: skip
def test_a_corrected_swap_side(text: str, meant: str) -> None:
    assert swap_correction(text) == meant


@pytest.mark.parametrize(
    "text", ["swap the mug for the tripod", "swap the mug for the tripod please"]
)
def test_no_swap_correction(text: str) -> None:
    assert swap_correction(text) is None
