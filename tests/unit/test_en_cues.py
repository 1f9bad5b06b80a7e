"""English cart cues: vague quantities, mixed add/remove, swap and add cues, "by N", "a mug"."""

from __future__ import annotations

import pytest

from bot.domain.language.en_cues import (
    accepted_then,
    buys_what_is_there,
    decrease_by,
    mixes_add_and_remove,
    one_by_article,
    only_quantity_words,
    says_add,
    says_swap,
    self_correction,
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


# --- F50 self-corrections, F51 a yes with more -----------------------------------------


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("add a tripod, actually no, a bag", "a bag"),
        ("add a tripod — no wait, a bag", "a bag"),
        ("add a tripod - wait, no, a bag", "a bag"),
        ("add a tripod or rather a bag", "a bag"),
        ("add a tripod, I mean a bag", "a bag"),
        ("add a tripod, I meant 2 bags", "2 bags"),
        ("add a tripod, sorry I mean a bag", "a bag"),
        ("add a mug, I mean a tripod, actually no, a bag", "a bag"),
        ("add a tripod, actually no", ""),
    ],
)
def test_self_correction_keeps_what_follows_the_last_cue(text, rest):
    assert self_correction(text) == rest


@pytest.mark.parametrize(
    "text",
    [
        "add a mug",
        "actually no, add a bag",
        "no wait",
        "add a meaning card",
        "add a rather big mug",
    ],
)
def test_no_self_correction(text):
    assert self_correction(text) is None


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("yes please, 2 of them", "2 of them"),
        ("Yes and also add a mug", "also add a mug"),
        ("sure, make it two", "make it two"),
        ("ok, 3", "3"),
    ],
)
def test_accepted_then_reads_the_rest_after_a_set_apart_yes(text, rest):
    assert accepted_then(text) == rest


@pytest.mark.parametrize(
    "text", ["yes", "yes please", "yes!", "yesterday, add a mug", "sure thing"]
)
def test_a_plain_yes_has_no_rest(text):
    assert accepted_then(text) is None


@pytest.mark.parametrize(
    ("text", "quantity", "only"),
    [("2 of them", "2", True), ("make it two", "two", True), ("two mugs", "two", False)],
)
def test_only_quantity_words(text, quantity, only):
    assert only_quantity_words(text, quantity) is only
