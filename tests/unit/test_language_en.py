import pytest

from bot.domain.language import ENGLISH, language_for
from bot.domain.matching import rank, resolve_product
from bot.domain.models import Product
from bot.domain.options import pick_option
from tests.unit.test_matching import ARIA_128, ARIA_256, ARIA_512, item

CHARGER_30 = item("CHG-30", "Fast Charger 30W")
CHARGER_65 = item("CHG-65", "USB-C Laptop Charger 65W")
CABLE = item("CBL-USBC", "USB-C Cable 1m")
AUX = item("CBL-AUX", "3.5 mm Audio Cable")
BATTERY = item("BATT", "Spare Camera Battery")
SHOP: list[Product] = [ARIA_128, ARIA_256, ARIA_512, CHARGER_30, CHARGER_65, CABLE, AUX, BATTERY]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aria Phone 256GB", "aria phone 256 gb"),
        ("USB-C Cable 1m", "usb c cable 1 m"),
        ("usb-c cable 1 metre", "usb c cable 1 m"),
        ("3.5mm audio cable", "3.5 mm audio cable"),
        ('Laptop Sleeve 13"', "laptop sleeve 13 inch"),
        ("laptop sleeve 13 inches", "laptop sleeve 13 inch"),
        ("65 watts charger", "65 w charger"),
    ],
)
def test_units_are_normalised(text: str, expected: str) -> None:
    assert ENGLISH.normalize(text) == expected


def test_plurals_and_singulars_compare_equal() -> None:
    assert ENGLISH.terms("spare camera batteries") == ENGLISH.terms("Spare Camera Battery")
    assert ENGLISH.terms("USB-C cables") == ["usb", "c", "cable"]
    assert ENGLISH.terms("glass") == ["glass"]


def test_plurals_ending_in_zes_keep_their_e() -> None:
    assert ENGLISH.terms("Shoes Sizes 9") == ENGLISH.terms("Shoe Size 9") == ["shoe", "size", "9"]
    assert ENGLISH.terms("boxes") == ["box"]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("the first one", 0),
        ("2nd", 1),
        ("the second", 1),
        ("number 3", 2),
        ("3", 2),
        ("the last one", 2),
        ("fourth", None),
        ("the phone", None),
    ],
)
def test_ordinals(answer: str, expected: int | None) -> None:
    assert ENGLISH.ordinal(answer, 3) == expected


def test_content_drops_command_words() -> None:
    assert ENGLISH.content("Could you throw in a tripod please?") == "tripod"
    assert ENGLISH.content("add the usb-c hub 7-in-1 to my cart") == "usb-c hub 7-in-1"


def test_a_number_after_the_mention_is_read_as_part_of_the_name_first() -> None:
    readings = ENGLISH.readings("aria phone", "128", "add an aria phone 128")
    assert readings == [("aria phone 128", None), ("aria phone", "128")]


def test_a_number_opening_the_mention_is_a_quantity_reading() -> None:
    assert ENGLISH.readings("2 usb-c cables", None, "add 2 usb-c cables")[-1] == (
        "usb-c cables",
        "2",
    )


def test_unknown_language_codes_fall_back_to_english() -> None:
    assert language_for("en-GB") is ENGLISH
    assert language_for(None) is ENGLISH


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("usb-c cables", CABLE),
        ("usb-c laptop charger", CHARGER_65),
        ("aria phone 128", ARIA_128),
        ("aria phone 256gb", ARIA_256),
        ("aria 512", ARIA_512),
        ("spare camera batteries", BATTERY),
        ("3.5mm cable", AUX),
        ("laptop chargr", CHARGER_65),
        ("usbc cable", CABLE),
    ],
)
def test_the_reranker_finds_the_product(query: str, expected: Product) -> None:
    assert resolve_product(query, SHOP) == expected


def test_a_number_the_name_lacks_rules_a_product_out() -> None:
    ranked = rank("aria phone 64", SHOP)
    assert ranked[0].score < 0.8


def test_the_cart_bonus_prefers_a_line_for_remove() -> None:
    assert resolve_product("charger", SHOP, preferred=["CHG-65"], cart_bonus=0.06) == CHARGER_65


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("the 65 W one", CHARGER_65),
        ("the laptop one", CHARGER_65),
        ("fast", CHARGER_30),
        ("the first one", CHARGER_30),
        ("USB-C Laptop Charger 65W", CHARGER_65),
        ("the blue one", None),
        ("charger", None),
    ],
)
def test_picking_an_option(answer: str, expected: Product | None) -> None:
    assert pick_option(answer, [CHARGER_30, CHARGER_65]) == expected


def test_a_size_tagged_as_quantity_after_the_mention_joins_the_name() -> None:
    readings = ENGLISH.readings("aria phone", "512 gb", "the aria phone 512 gb costs too much")
    assert readings[0] == ("aria phone 512 gb", None)


def test_words_the_model_put_in_the_quantity_go_back_to_the_mention() -> None:
    readings = ENGLISH.readings("tripod", "2 travel", "please put 2 travel tripod in my basket")
    assert readings[0] == ("travel tripod", "2")


def test_a_short_span_grows_by_its_neighbours_shortest_first() -> None:
    grown = ENGLISH.widenings("camera", "do you have a better version of the snap camera pro?")
    assert set(grown[:2]) == {"snap camera", "camera pro"}
    assert "snap camera pro" in grown
    assert ENGLISH.widenings("tripod", "add a mug") == []


def test_the_exact_name_wins_over_a_longer_name_containing_it() -> None:
    clock = item("CLK", "Petek Wall Clock")
    clock_20 = item("CLK-20", "Petek Wall Clock 20 cm")
    assert resolve_product("petek wall clock", [clock_20, clock]) == clock


@pytest.mark.parametrize(
    ("message", "said"),
    [
        ("swap the mugs for 3 tripods", "3"),
        ("swap the mugs for two tripods", "two"),
        ("swap the mugs for a tripod", "a"),
        ("swap the mugs for one tripod", "one"),
        ("swap the mugs for 2x tripod", "2x"),
        ("replace the mugs with a couple of tripods", "a couple of"),
        ("i want 2 of the 128gb sd cards instead", "2"),
        ("swap the mugs for 1.5 tripods", "1.5"),
        ("swap the mug for the tripod", None),
        ("replace the mugs with the milk frother", None),
        ("I want the 128gb sd card instead", None),
        ("the 128 GB one instead", None),
        ("swap it for the 128 gb one", None),
        ("swap the phone for the aria phone 128", None),
    ],
)
def test_the_quantity_said_on_a_swaps_new_side(message: str, said: str | None) -> None:
    assert ENGLISH.swap_quantity(message) == said
