"""The quantity grammar: every accepted and refused form, and numbers that belong to names."""

from __future__ import annotations

import pytest

from bot.domain.errors import InvalidQuantity, RefusedQuantity
from bot.domain.matching import MAX_QUANTITY
from bot.domain.quantities import Direction, main_phrase, parse_quantity, phrases, without


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2", 2),
        ("two", 2),
        ("Twelve", 12),
        ("twenty", 20),
        ("2x", 2),
        ("2 x", 2),
        ("x2", 2),
        ("x 3", 3),
        ("×2", 2),
        ("2×", 2),
        ("a couple", 2),
        ("a couple of", 2),
        ("couple of", 2),
        ("a pair", 2),
        ("a pair of", 2),
        ("half a dozen", 6),
        ("a dozen", 12),
        ("another", 1),
        ("another one", 1),
        ("one more", 1),
        ("three more", 3),
    ],
)
def test_accepted_quantities(text: str, expected: int) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize(
    "text",
    ["1.5", "2,5", "1/2", "3 / 4", "half", "a half", "one and a half", "two thirds", "0",
     "zero", "-1", "-2", "minus two", "21", "twenty one", "1000", "a hundred", "lots", "2.0"],
)  # fmt: skip
def test_refused_quantities_name_what_was_said_and_the_range(text: str) -> None:
    with pytest.raises(RefusedQuantity) as caught:
        parse_quantity(text)

    assert caught.value.said == text
    assert caught.value.max_quantity == MAX_QUANTITY
    assert isinstance(caught.value, InvalidQuantity)


def test_no_quantity_is_the_default_and_the_maximum_is_the_shops() -> None:
    assert parse_quantity(None) == 1
    assert parse_quantity("  ", default=3) == 3
    assert parse_quantity("5", maximum=5) == 5
    with pytest.raises(RefusedQuantity):
        parse_quantity("6", maximum=5)


@pytest.mark.parametrize(
    ("message", "said", "direction"),
    [
        ("add 2x mug", "2x", Direction.ABSOLUTE),
        ("add mug x2", "x2", Direction.ABSOLUTE),
        ("add a couple of mugs", "a couple of", Direction.ABSOLUTE),
        ("half a dozen paper filters", "half a dozen", Direction.ABSOLUTE),
        ("add another one", "another", Direction.MORE),
        ("one more please", "one", Direction.MORE),
        ("remove one of the mugs", "one", Direction.ABSOLUTE),
        ("take two out", "two", Direction.ABSOLUTE),
        ("one less mug", "one", Direction.LESS),
        ("two fewer tripods", "two", Direction.LESS),
        ("add 1.5 mugs", "1.5", Direction.ABSOLUTE),
        ("add -2 mugs", "-2", Direction.ABSOLUTE),
        ("add 0 tripods", "0", Direction.ABSOLUTE),
    ],
)
def test_the_quantity_of_a_message(message: str, said: str, direction: Direction) -> None:
    phrase = main_phrase(message)

    assert phrase is not None
    assert phrase.text == said
    assert phrase.direction is direction


@pytest.mark.parametrize(
    "message",
    [
        "add the 128gb sd card",
        "add a 128 gb sd card",
        "the 128 GB one instead",
        "add a fast charger 30 w",
        "add the orbit laptop 15-inch",
        "usb-c hub 7-in-1",
        "a 3.5 mm audio cable",
        "espresso beans 1 kg",
        "remove the leather one",
        "I'll take this one",
        "the first one",
        "add a mug",
    ],
)
def test_numbers_written_as_part_of_a_name_or_pronouns_are_no_quantity(message: str) -> None:
    assert phrases(message) == []


def test_a_plain_number_after_a_name_is_left_for_the_catalog_to_claim() -> None:
    phrase = main_phrase("add an aria phone 128")

    assert phrase is not None and phrase.text == "128" and phrase.may_be_name


def test_a_marked_quantity_wins_over_a_plain_number() -> None:
    phrase = main_phrase("add aria phone 128 x2")

    assert phrase is not None and phrase.text == "x2" and not phrase.may_be_name


def test_the_quantity_words_come_out_of_the_product_words() -> None:
    assert without("2x mug", main_phrase("2x mug")) == "mug"
    assert without("mug x2", main_phrase("mug x2")) == "mug"
    assert without("a couple of mugs", main_phrase("a couple of mugs")) == "mugs"
    assert without("mug", None) == "mug"
