"""English cart cues: vague quantities, mixed add/remove, swap and add cues, "by N", "a mug"."""

from __future__ import annotations

import pytest

from bot.domain.language.en_cues import (
    buys_what_is_there,
    decrease_by,
    mixes_add_and_remove,
    one_by_article,
    says_add,
    says_swap,
    vague_quantity,
)


@pytest.mark.parametrize(
    ("message", "vague"),
    [
        ("add a few mugs", "a few"),
        ("add some mugs", "some"),
        ("add a bunch of mugs", "a bunch of"),
        ("add one or two mugs", "one or two"),
        ("add 2-3 mugs", "2-3"),
        ("add 3 or 4 tripods", "3 or 4"),
        ("add 2 to 3 mugs", "2 to 3"),
        ("add several mugs", "several"),
        ("add lots of mugs", "lots of"),
    ],
)
def test_vague_and_ranged_quantities_are_found(message, vague) -> None:
    assert vague_quantity(message) == vague


@pytest.mark.parametrize(
    "message",
    ["add 2 mugs", "add a mug", "add a couple of mugs", "add a 128gb sd card", "add a 7-in-1 hub",
     "change how many mugs I'm getting", "add the 64 gb sd card"],
)  # fmt: skip
def test_exact_quantities_and_names_are_not_vague(message) -> None:
    assert vague_quantity(message) is None


@pytest.mark.parametrize(
    ("message", "mixed"),
    [
        ("add 2 mugs and remove the tripod", True),
        ("remove the tripod and add a mug", True),
        ("I want 2 mugs and remove the tripod", True),
        ("add a mug but drop the tripod", True),
        ("remove the tripod, then add a mug", True),
        ("remove the tripod and the mugs", False),
        ("get rid of a mug", False),
        ("I want to take a mug out", False),
        ("add a mug plus a tripod", False),
    ],
)
def test_a_message_mixing_add_and_remove_is_recognised(message, mixed) -> None:
    assert mixes_add_and_remove(message) is mixed


def test_decrease_by_gives_product_words_and_amount() -> None:
    assert decrease_by("decrease mugs by 1") == ("mugs", "1")
    assert decrease_by("reduce the mugs by 2") == ("the mugs", "2")
    assert decrease_by("lower the mugs by one.") == ("the mugs", "one")
    assert decrease_by("remove the mugs") is None


@pytest.mark.parametrize(
    ("message", "one"),
    [
        ("remove a mug", True),
        ("take a mug out", True),
        ("get rid of a mug", True),
        ("remove an sd card", True),
        ("remove the mugs", False),
        ("remove the mug", False),
        ("remove a couple of mugs", False),
    ],
)
def test_a_removal_by_article_means_one(message, one) -> None:
    assert one_by_article(message) is one


@pytest.mark.parametrize(
    ("message", "swap", "add"),
    [
        ("128gb sd card x2", False, False),
        ("I want the 128gb sd card instead", True, True),
        ("swap the mug for the tripod", True, False),
        ("change the mug to the tripod", True, False),
        ("I'd rather have the tripod", True, False),
        ("add the 128gb sd card", False, True),
    ],
)
def test_swap_and_add_cues(message, swap, add) -> None:
    assert says_swap(message) is swap
    assert says_add(message) is add


@pytest.mark.parametrize(
    ("message", "one"),
    [
        ("take out a mug", True),
        ("take out one mug", True),
        ("lose a mug", True),
        ("toss out a mug", True),
        ("take out the mugs", False),
        ("lose the mugs", False),
        ("take out a couple of mugs", False),
    ],
)
def test_an_article_after_a_verb_particle_is_one(message: str, one: bool) -> None:
    assert one_by_article(message) is one


@pytest.mark.parametrize(
    ("message", "vague"),
    [
        ("add a mug or two", "or two"),
        ("add a ceramic mug or two", "or two"),
        ("add 2 x 2 mugs", "2 x 2"),
        ("add a mug or a tripod", None),
        ("add aria phone 128 x 2", None),
        ("add mug x2", None),
        ("add 2x mug", None),
    ],
)
def test_a_range_around_a_name_or_a_product_of_numbers_is_vague(
    message: str, vague: str | None
) -> None:
    assert vague_quantity(message) == vague


@pytest.mark.parametrize(
    ("message", "what"),
    [
        ("i want to buy these now", "these"),
        ("I'll buy these", "these"),
        ("purchase these", "these"),
        ("buy them now", "them"),
        ("ok buy all of them", "them"),
        ("buy it please", "it"),
        ("buy these mugs", None),
        ("i want to buy a mug", None),
        ("buy it again", None),
        ("buy another one", None),
        ("buy them too", None),
    ],
)
def test_buying_what_is_there_is_told_from_buying_more(message: str, what: str | None) -> None:
    assert buys_what_is_there(message) == what
