from decimal import Decimal

import pytest

from bot.domain.errors import AmbiguousProduct, InvalidQuantity, UnknownProduct
from bot.domain.matching import (
    MAX_QUANTITY,
    normalize,
    parse_quantity,
    resolve_product,
    shortlist,
)
from bot.domain.models import Product, Role


def item(sku: str, name: str, family: str | None = None, tier: int | None = None) -> Product:
    role = Role.MAIN if family else Role.ACCESSORY
    return Product(
        sku, name, "misc", Decimal("10.00"), stock=5, role=role, family=family, tier=tier
    )


ARIA_128 = item("PH-128", "Aria Phone 128 GB", "Aria Phone", 1)
ARIA_256 = item("PH-256", "Aria Phone 256 GB", "Aria Phone", 2)
ARIA_512 = item("PH-512", "Aria Phone 512 GB", "Aria Phone", 3)
CLEAR_CASE = item("CASE-CLR", "Clear Phone Case")
LEATHER_CASE = item("CASE-LTH", "Leather Phone Case")
TRIPOD = item("TRIPOD", "Travel Tripod")
BAG = item("BAG", "Camera Shoulder Bag")
CATALOG = [ARIA_128, ARIA_256, ARIA_512, CLEAR_CASE, LEATHER_CASE, TRIPOD, BAG]


def test_normalize_splits_units_and_drops_fillers() -> None:
    assert normalize("The Aria Phone 256GB!") == "aria phone 256 gb"
    assert normalize("  my   Travel-Tripod ") == "travel tripod"


def test_exact_name() -> None:
    assert resolve_product("Aria Phone 256 GB", CATALOG) == ARIA_256


@pytest.mark.parametrize(
    "query",
    ["aria phone 256gb", "ARIA PHONE 256 GB", "  aria   phone 256GB ", "the aria phone 256 gb"],
)
def test_case_and_spacing_do_not_matter(query: str) -> None:
    assert resolve_product(query, CATALOG) == ARIA_256


def test_family_name_is_ambiguous() -> None:
    with pytest.raises(AmbiguousProduct) as caught:
        resolve_product("aria phone", CATALOG)

    assert caught.value.options == (
        "Aria Phone 128 GB",
        "Aria Phone 256 GB",
        "Aria Phone 512 GB",
    )
    assert caught.value.status == 409


def test_family_name_resolves_to_the_tier_in_the_cart() -> None:
    assert resolve_product("aria phone", CATALOG, preferred={"PH-512"}) == ARIA_512


def test_family_name_stays_ambiguous_when_two_tiers_are_in_the_cart() -> None:
    with pytest.raises(AmbiguousProduct):
        resolve_product("aria phone", CATALOG, preferred=["PH-128", "PH-256"])


def test_partial_words_pick_the_only_product_containing_them() -> None:
    assert resolve_product("leather case", CATALOG) == LEATHER_CASE
    assert resolve_product("tripod", CATALOG) == TRIPOD


def test_partial_words_shared_by_several_products_are_ambiguous() -> None:
    with pytest.raises(AmbiguousProduct) as caught:
        resolve_product("phone case", CATALOG)

    assert caught.value.options == ("Clear Phone Case", "Leather Phone Case")


def test_partial_words_prefer_the_product_in_the_cart() -> None:
    assert resolve_product("phone case", CATALOG, preferred=["CASE-LTH"]) == LEATHER_CASE


@pytest.mark.parametrize("query", ["tripd", "travel tripd", "trpod", "camera shoulder bga"])
def test_small_misspellings_are_tolerated(query: str) -> None:
    expected = BAG if "bag" in query or "bga" in query else TRIPOD

    assert resolve_product(query, CATALOG) == expected


def test_unknown_product_with_close_suggestions() -> None:
    with pytest.raises(UnknownProduct) as caught:
        resolve_product("tropid", CATALOG)

    assert caught.value.query == "tropid"
    assert caught.value.suggestions == ("Travel Tripod",)


def test_unknown_product_without_suggestions() -> None:
    with pytest.raises(UnknownProduct) as caught:
        resolve_product("blender", CATALOG)

    assert caught.value.suggestions == ()
    assert caught.value.status == 404


@pytest.mark.parametrize("query", ["", "   ", "the", "!!!"])
def test_empty_query_is_unknown(query: str) -> None:
    with pytest.raises(UnknownProduct):
        resolve_product(query, CATALOG)


def test_nothing_matches_in_an_empty_catalog() -> None:
    with pytest.raises(UnknownProduct):
        resolve_product("tripod", [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", 1),
        ("2", 2),
        (" 3 ", 3),
        ("20", 20),
        ("2.0", 2),
        ("one", 1),
        ("a", 1),
        ("Two", 2),
        ("pair", 2),
        ("couple", 2),
        ("ten", 10),
    ],
)
def test_parse_quantity_digits_and_words(text: str, expected: int) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text", [None, "", "   "])
def test_parse_quantity_defaults_when_missing(text: str | None) -> None:
    assert parse_quantity(text) == 1
    assert parse_quantity(text, default=3) == 3


@pytest.mark.parametrize("text", ["lots", "1.5", "2x", "nan", "inf", "-", "three and a half"])
def test_parse_quantity_rejects_non_whole_numbers(text: str) -> None:
    with pytest.raises(InvalidQuantity) as caught:
        parse_quantity(text)

    assert caught.value.max_quantity == MAX_QUANTITY


@pytest.mark.parametrize("text", ["0", "-1", "21", "1000"])
def test_parse_quantity_rejects_out_of_range(text: str) -> None:
    with pytest.raises(InvalidQuantity):
        parse_quantity(text)


def test_parse_quantity_maximum_is_configurable() -> None:
    assert parse_quantity("5", maximum=5) == 5
    with pytest.raises(InvalidQuantity) as caught:
        parse_quantity("6", maximum=5)

    assert caught.value.max_quantity == 5


HALDEX = item("K-1", "Haldex Kettle 1 l")
HALDEX_NAVY = item("K-2", "Haldex Navy Kettle 1 l")
CORRIN = item("T-1", "Corrin Tape Measure 0.5m")
TORRIN = item("T-2", "Torrin Tape Measure 0.5m")
SD_64 = item("SD-1", "SD Card 64 GB")
SD_GREY = item("SD-2", "Grey SD Card 64 GB")
ORVA = item("SB-1", "Orva Soundbar V8")
KETTLES = [HALDEX, HALDEX_NAVY, CORRIN, TORRIN, SD_64, SD_GREY, ORVA]


def test_the_name_s_words_in_another_order_are_the_name() -> None:
    assert resolve_product("kettle haldex 1 l", KETTLES) == HALDEX
    assert resolve_product("1 l haldex kettle", KETTLES) == HALDEX


def test_a_misspelt_mention_naming_every_word_of_one_name_beats_a_longer_name() -> None:
    assert resolve_product("haldxe kettle 1 l", KETTLES) == HALDEX


def test_a_word_spelt_as_in_one_name_beats_its_one_letter_neighbour() -> None:
    assert resolve_product("corrin measure 0.5m", KETTLES) == CORRIN
    assert resolve_product("torrin tape measure", KETTLES) == TORRIN


def test_a_mention_naming_part_of_two_names_equally_is_still_a_question() -> None:
    with pytest.raises(AmbiguousProduct) as caught:
        resolve_product("sd card", KETTLES)

    assert caught.value.skus == ("SD-1", "SD-2")
    assert caught.value.settled  # every word of the mention is in both: no typo to fix


def test_a_tie_between_misspelt_matches_is_not_settled() -> None:
    with pytest.raises(AmbiguousProduct) as caught:
        resolve_product("sd carrd", KETTLES)

    assert not caught.value.settled


def test_a_mention_word_nothing_resembles_is_not_acted_on() -> None:
    with pytest.raises(UnknownProduct) as caught:
        resolve_product("gaava snundbar v8", KETTLES)

    assert caught.value.suggestions == ("Orva Soundbar V8",)


def test_a_cart_line_close_to_a_dominating_best_is_still_preferred() -> None:
    assert resolve_product("corrin measure 0.5m", KETTLES, preferred=["T-2"]) == TORRIN


def test_shortlist_keeps_a_misspelt_name_near_the_top() -> None:
    names = [f"{brand} Coffee Grinder" for brand in ("Perin", "Verin", "Daria", "Darin")]
    names += [f"Brand{n} Coffee Grinder A15" for n in range(50)]

    found = shortlist("daerin cofee grinder", names + ["Darin Coffee Grinder A15"], 5)

    assert "Darin Coffee Grinder" in found
    assert list(found.values()) == list(range(5))
