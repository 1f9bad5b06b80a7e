"""Answers to a pending choice: "neither", "the other one", "not the 128 one", narrowing (s19)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.domain.language import ENGLISH
from bot.domain.models import Product
from bot.domain.options import is_plain_answer, read_pick


def product(sku: str, name: str) -> Product:
    return Product(sku=sku, name=name, category="misc", price=Decimal("10.00"), stock=5)


TWO = [product("SD128", "128 GB SD Card"), product("SD256", "256 GB SD Card")]
THREE = [
    product("P128", "Aria Phone 128 GB"),
    product("P256", "Aria Phone 256 GB"),
    product("NL", "Nova Lite Phone"),
]
CASES = [product("CLR", "Clear Phone Case"), product("LTH", "Leather Phone Case")]


@pytest.mark.parametrize(
    "text",
    [
        "neither, thanks",
        "none of them",
        "neither",
        "no, neither",
        "neither of those",
        "none of these",
        "nope, none of them thanks",
        "I don't want either of them",
        "neither one",
        "not either",
        "none of those, sorry",
    ],
)
def test_neither_and_none_of_them_say_no(text: str) -> None:
    assert ENGLISH.denies(text)
    assert is_plain_answer(text, 2, ENGLISH)


@pytest.mark.parametrize(
    "text", ["the other one", "the other one then", "no, the other", "other one please",
             "I meant the other one", "the other one instead"],
)  # fmt: skip
def test_the_other_one_is_read(text: str) -> None:
    assert ENGLISH.other_one(text)
    assert is_plain_answer(text, 2, ENGLISH)


@pytest.mark.parametrize("text", ["another one", "the other mug", "add the other charger too"])
def test_other_words_that_are_not_the_other_option(text: str) -> None:
    assert not ENGLISH.other_one(text)


@pytest.mark.parametrize(
    ("text", "ruled_out"),
    [
        ("not the first one", "the first one"),
        ("no, not the leather one", "the leather one"),
        ("not the 128 one, the other one", "the 128 one"),
        ("not sure", None),
        ("not really", None),
        ("not that one", None),
        ("not interested", None),
        ("not for me", None),
    ],
)
def test_rejection(text: str, ruled_out: str | None) -> None:
    assert ENGLISH.rejection(text) == ruled_out


@pytest.mark.parametrize(
    ("text", "sku"),
    [
        ("not the 128 one", "SD256"),
        ("not the first one", "SD256"),
        ("no, not the 256 one, the other one", "SD128"),
        ("not the 256", "SD128"),
        ("no, not the 128 gb one", "SD256"),
    ],
)
def test_ruling_one_of_two_out_picks_the_other(text: str, sku: str) -> None:
    pick = read_pick(text, TWO)
    assert pick.answered and pick.product is not None and pick.product.sku == sku


def test_the_other_one_alone_asks_again_with_two_options_and_picks_the_last_one_left() -> None:
    assert read_pick("the other one", TWO) == read_pick("the other one", TWO)
    two = read_pick("the other one", TWO)
    assert two.answered and two.product is None  # nothing named yet: asked again, no guess
    one = read_pick("the other one", TWO[1:])  # the 128 was picked and could not be done
    assert one.product is TWO[1]


def test_ruling_one_of_three_out_narrows_the_question() -> None:
    pick = read_pick("not the nova", THREE)
    assert pick.answered and pick.product is None
    assert [p.sku for p in pick.narrowed] == ["P128", "P256"]


def test_ruling_out_something_not_offered_asks_again() -> None:
    pick = read_pick("not the tripod", CASES)
    assert pick.answered and pick.product is None and pick.narrowed == ()


def test_an_answer_fitting_several_options_narrows_them() -> None:
    pick = read_pick("the aria phone", THREE)
    assert pick.product is None and pick.answered
    assert [p.sku for p in pick.narrowed] == ["P128", "P256"]


def test_an_answer_fitting_one_option_picks_it() -> None:
    assert read_pick("the leather one", CASES).product is CASES[1]


@pytest.mark.parametrize("text", ["not interested", "not now", "not today", "not for me"])
def test_a_plain_no_is_no_rejection(text: str) -> None:
    assert ENGLISH.denies(text) and ENGLISH.rejection(text) is None
