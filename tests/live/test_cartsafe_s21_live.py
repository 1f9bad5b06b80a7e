"""Live (review s21: S11, S1, S9) over REST, asserting the store after every message."""

from __future__ import annotations

from tests.live.helpers import Live
from tests.live.test_cart_language import Shopper


def test_a_discount_question_with_a_purchase_never_adds(live: Live) -> None:
    shopper = Shopper(live, "live-s21-discount")

    shopper.says("can you give me a discount if I buy 10 mugs", "I can't apply", {})
    shopper.says("could I get a better price if i buy 3 tripods", "I can't apply", {})
    shopper.says("would I get free shipping if I added 2 mugs?", "Just to be sure", {})
    shopper.says("no", "", {})
    shopper.says("how much would 3 tripods cost?", "Just to be sure", {})


def test_a_slang_removal_never_adds(live: Live) -> None:
    start = {"CF-BEANS-ESP": 1, "PA-CBL-USBC": 1}
    shopper = Shopper(live, "live-s21-scrap", **start)

    asked = shopper.says("scrap the hdmi cable", "", start)
    assert "to remove" in asked[0] and "Audio Cable" not in asked[0], asked
    shopper.says("the usb-c one", "Removed USB-C Cable 1m", {"CF-BEANS-ESP": 1})


def test_packs_of_a_product_are_the_quantity(live: Live) -> None:
    shopper = Shopper(live, "live-s21-packs")

    shopper.says("add 2 mugs and 3 packs of coffee filters", "Added", {"CF-MUG": 2, "CF-FILTER": 3})
    shopper.says("add 3 packs of coffee filters", "Added", {"CF-MUG": 2, "CF-FILTER": 6})
