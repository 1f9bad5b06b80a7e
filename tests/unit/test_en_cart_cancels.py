"""Unit tests of the counted-removal and cancel-the-cart cues (review s27, issue 12)."""

from __future__ import annotations

import pytest

from bot.domain.language.en_cart_cancels import cancels_cart, cancels_everything, counted_removal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cancel one tripod", (1, "tripod")),
        ("cancel 1 mug", (1, "mug")),
        ("cancel 2 mugs", (2, "mugs")),
        ("remove two tripods", (2, "tripods")),
        ("take 1 tripod out", (1, "tripod")),
        ("take out 1 tripod", (1, "tripod")),
        ("get rid of two of the mugs", (2, "mugs")),
        ("minus one mug", (1, "mug")),
        ("drop one tripod from my cart", (1, "tripod")),
        ("please cancel a couple of mugs", (2, "mugs")),
        ("can you cancel a tripod", (1, "tripod")),
        ("i want to cancel one mug", (1, "mug")),
        ("delete 3 mugs pls", (3, "mugs")),
        ("Cancel  ONE   Tripod!", (1, "tripod")),
    ],
)
def test_a_counted_removal_gives_the_count_and_the_product_words(text, expected) -> None:
    assert counted_removal(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "remove the mug",  # no count: the line, read as usual
        "cancel my subscription",
        "remove 128 gb sd card",  # a number of a name, never a count
        "remove 2 tb drive",
        "remove a tripod and add 2 mugs",  # two requests: read elsewhere
        "remove one mug instead",
        "cancel one",  # nothing named
        "add 2 mugs",
        "remove 0 mugs",
        "",
        None,
    ],
)
def test_anything_else_is_no_counted_removal(text) -> None:
    assert counted_removal(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "cancel my cart",
        "cancel items",
        "cancel the items in my cart",
        "cancel everything in the cart",
        "cancel all items",
        "please cancel my shopping cart",
        "cancel what is in my cart",
        "cancel all the stuff in my basket",
    ],
)
def test_cancel_with_cart_words_is_the_cart(text) -> None:
    assert cancels_cart(text)
    assert not cancels_everything(text)


@pytest.mark.parametrize(
    "text",
    ["cancel my subscription", "cancel the mug", "cancel my order", "cancel the plan", "cancel"],
)
def test_other_cancels_are_not_the_cart(text) -> None:
    assert not cancels_cart(text)


@pytest.mark.parametrize(
    "text", ["cancel everything", "cancel it all", "please cancel all of it", "cancel the lot"]
)
def test_cancel_everything_names_neither(text) -> None:
    assert cancels_everything(text)
    assert not cancels_cart(text)


@pytest.mark.parametrize(
    "text", ["cancel everything in my cart", "cancel my subscription", "cancel all the mugs"]
)
def test_cancel_everything_with_more_words_is_not_it(text) -> None:
    assert not cancels_everything(text)
