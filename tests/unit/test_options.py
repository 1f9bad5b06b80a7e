"""Answers to "Did you mean …?" by attribute, yes / no and ordinal (bot.domain.options, en)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.domain.language import ENGLISH
from bot.domain.models import Product
from bot.domain.options import PRICE, SIZE, by_attribute, is_plain_answer, read_pick


def product(sku: str, name: str, price: str = "10.00") -> Product:
    return Product(sku=sku, name=name, category="misc", price=Decimal(price), stock=5)


PHONES = [
    product("P128", "Aria Phone 128 GB", "699.00"),
    product("P512", "Aria Phone 512 GB", "999.00"),
    product("P256", "Aria Phone 256 GB", "799.00"),
]
LAPTOPS = [
    product("L13", "Orbit Laptop 13-inch", "1399.00"),
    product("L15", "Orbit Laptop 15-inch"),
]
CAMERAS = [product("CE", "Snap Camera Entry", "449.00"), product("CP", "Snap Camera Pro", "1499")]


@pytest.mark.parametrize(
    ("answer", "options", "sku"),
    [
        ("the cheaper one", CAMERAS, "CE"),
        ("the cheapest", PHONES, "P128"),
        ("the more expensive one", CAMERAS, "CP"),
        ("the most expensive please", PHONES, "P512"),
        ("the less expensive one", PHONES, "P128"),
        ("the bigger one", PHONES, "P512"),
        ("the smaller one", PHONES, "P128"),
        ("I'll take the larger one", LAPTOPS, "L15"),  # 15-inch, though it costs less
        ("the cheaper one", LAPTOPS, "L15"),  # the price is the store's, not the size
        ("the smallest", LAPTOPS, "L13"),
    ],
)
def test_an_attribute_answer_picks_from_the_options_own_price_and_size(
    answer: str, options: list[Product], sku: str
) -> None:
    pick = read_pick(answer, options)

    assert pick.answered and pick.product is not None
    assert pick.product.sku == sku


@pytest.mark.parametrize(
    ("answer", "options"),
    [
        ("the bigger one", CAMERAS),  # no size in the names
        ("the cheaper one", [product("A", "Red Mug"), product("B", "Blue Mug")]),  # same price
        ("the cheapest", [*PHONES[:2], product("X", "Aria Phone 64 GB", "699.00")]),  # tie
        ("the bigger one", [product("C", "USB-C Cable 1m"), product("S", "SD Card 64 GB")]),
        ("the smaller one", [PHONES[0], product("N", "Nova Lite Phone")]),  # one has no size
        ("yes", PHONES[:2]),  # yes to two options picks neither
    ],
)
def test_an_answer_the_options_cannot_decide_picks_nothing_but_is_an_answer(
    answer: str, options: list[Product]
) -> None:
    pick = read_pick(answer, options)

    assert pick.answered and pick.product is None


@pytest.mark.parametrize(
    "answer", ["yes", "yes please", "Yes, that one", "that one", "yep", "sure", "ok"]
)
def test_yes_takes_the_only_option_of_did_you_mean_x(answer: str) -> None:
    only = [product("T", "Travel Tripod")]

    pick = read_pick(answer, only)

    assert pick.answered and pick.product == only[0]


def test_other_replies_are_read_as_before() -> None:
    assert read_pick("the second one", PHONES).product == PHONES[1]
    assert read_pick("the 512 gb one", PHONES).product == PHONES[1]
    assert read_pick("add a mug", PHONES) == read_pick("add a mug", PHONES[:1])
    assert not read_pick("add a mug", PHONES).answered


def test_by_attribute_needs_one_extreme_in_one_dimension() -> None:
    assert by_attribute(PHONES, PRICE, -1) == PHONES[0]
    assert by_attribute(PHONES, SIZE, 1) == PHONES[1]
    assert by_attribute(CAMERAS, SIZE, 1) is None
    assert by_attribute(PHONES, "colour", 1) is None
    assert by_attribute([], PRICE, 1) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the cheaper one", ("price", -1)),
        ("cheapest", ("price", -1)),
        ("the more expensive one", ("price", 1)),
        ("the bigger one", ("size", 1)),
        ("the larger one please", ("size", 1)),
        ("the smaller one", ("size", -1)),
        ("a cheaper mug", None),  # a request of its own
        ("the bigger and cheaper one", None),  # two attributes: not one answer
        ("the first one", None),
    ],
)
def test_english_comparison_words(text: str, expected: tuple[str, int] | None) -> None:
    assert ENGLISH.comparison(text) == expected


@pytest.mark.parametrize(
    ("text", "yes", "no"),
    [
        ("yes please", True, False),
        ("that one", True, False),
        ("yes add a mug", False, False),
        ("no", False, True),
        ("no thanks", False, True),
        ("neither", False, True),
        ("not that one", False, True),
        ("the cheaper one", False, False),
    ],
)
def test_english_yes_and_no(text: str, yes: bool, no: bool) -> None:
    assert (ENGLISH.affirms(text), ENGLISH.denies(text)) == (yes, no)


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("Orbit Laptop 13-inch", ("length", pytest.approx(0.3302))),
        ("64 GB SD Card", ("data", 64.0)),
        ("Aria Phone 1 TB", ("data", 1000.0)),
        ("Decaf Beans 500 g", ("mass", 0.5)),
        ("Hiking Boots Size 10", ("size", 10.0)),
        ("T-Shirt Large", ("named", 4.0)),
        ("Snap Camera Pro", None),
        ("USB-C Hub 7-in-1", None),
    ],
)
def test_english_sizes_in_names(name: str, size: tuple[str, float] | None) -> None:
    assert ENGLISH.size(name) == size


def test_plain_answers_come_before_the_intent() -> None:
    for text in ("the cheaper one", "yes", "no", "the second one", "2"):
        assert is_plain_answer(text, 3)
    for text in ("add a mug", "what's in my cart?", "remove the tripod"):
        assert not is_plain_answer(text, 3)
