"""Reading cart requests: parts of a list, each part's quantity, and the sides of a swap."""

from __future__ import annotations

import pytest

from bot.chat.cart_requests import Mention, product_words, read_parts, read_request
from bot.domain.language import ENGLISH
from bot.domain.quantities import Direction


def test_a_list_of_products_is_split_into_parts_with_their_quantities() -> None:
    parts = read_parts("add 2x mug, a tripod & x3 filters")

    assert [(product_words(p), p.quantity) for p in parts] == [
        ("mug", "2x"),
        ("tripod", None),
        ("filters", "x3"),
    ]


def test_the_models_spans_say_which_words_are_the_products() -> None:
    message = "add usb c hub and a mouse"
    parts = read_parts(message, [Mention("usb c hub", 4, 13), Mention("mouse", 20, 25)])

    assert [p.product for p in parts] == ["usb c hub", "mouse"]


def test_spans_with_wrong_offsets_are_found_in_the_text() -> None:
    parts = read_parts("2 mugs and 3 tripods", [Mention("mugs", 0, 0), Mention("tripods")])

    assert [(p.product, p.quantity) for p in parts] == [("mugs", "2"), ("tripods", "3")]


@pytest.mark.parametrize(
    "message",
    ["add a mug", "add one and a half mugs", "add a hundred and five mugs", "mug and"],
)
def test_one_product_is_no_list(message: str) -> None:
    assert read_parts(message) == []


def test_a_span_across_a_joint_keeps_the_name_whole() -> None:
    message = "add the salt and pepper grinder"

    assert read_parts(message, [Mention("salt and pepper grinder", 8, 31)]) == []


def test_a_request_naming_no_product_is_relative_or_about_the_product_in_focus() -> None:
    assert read_request(None, None, "another one").direction is Direction.MORE
    assert read_request(None, None, "one less mug").direction is Direction.LESS
    assert product_words(read_request(None, None, "take two out")) is None
    assert product_words(read_request(None, None, "remove it")) is None


def test_without_a_message_the_models_quantity_is_used() -> None:
    request = read_request("clear phone case", "2", None)

    assert (request.product, request.quantity) == ("clear phone case", "2")


def test_a_slot_like_quantity_the_message_does_not_hold_is_ignored() -> None:
    request = read_request("mugs", "3", "add the mugs")

    assert request.quantity is None


@pytest.mark.parametrize(
    ("message", "old", "new"),
    [
        ("I want the 128gb sd card instead", None, "128gb sd card"),
        ("the 128 GB one instead", None, "128 gb"),
        ("swap the mug for the tripod", "mug", "tripod"),
        ("can I swap it for the 256gb one", "", "256gb"),
        ("replace the 64 gb sd card with the 128 gb sd card", "64 gb sd card", "128 gb sd card"),
        ("instead of the mug I want the grinder", "mug", "grinder"),
        ("rather the studio than the lite", "lite", "studio"),
        ("not the basic, the plus instead", "basic", "plus"),
        ("switch to the 512gb one", None, "512gb"),
    ],
)
def test_the_sides_of_a_swap(message: str, old: str | None, new: str) -> None:
    assert ENGLISH.swap_sides(message, []) == (old, new)


def test_the_models_spans_name_the_sides_of_a_swap() -> None:
    sides = ENGLISH.swap_sides("swap the mug for the travel tripod", ["mug", "travel tripod"])

    assert sides == ("mug", "travel tripod")
