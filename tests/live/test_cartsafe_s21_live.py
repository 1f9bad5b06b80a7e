"""Live (review s21: S11, S1, S9) over REST, asserting the store after every message."""

from __future__ import annotations

from tests.live.helpers import Live, texts
from tests.live.test_cart_language import Shopper, lines


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


def test_a_remark_then_no_keeps_the_line(live: Live) -> None:
    start = {"CF-BREW-PLUS": 1, "CM-ACT-4K": 1}
    shopper = Shopper(live, "live-s21-remark", **start)

    shopper.says("the coffee machine is too expensive", "Before I remove", start)
    shopper.says("no", "Okay, I haven't changed anything", start)


def test_i_dont_want_it_anymore_removes_the_product_in_focus(live: Live) -> None:
    shopper = Shopper(live, "live-s21-dont")

    shopper.says("add a travel tripod", "Added 1 × Travel Tripod", {"CA-TRIPOD": 1})
    said = texts(shopper.chat.say("hmm actually I don't want it anymore"))
    if said[0].startswith("Just to be sure"):  # asked back under another intent: yes removes
        said = texts(shopper.chat.say("yes"))
    # right after the add it is that add's undo (s27, F24): either way the tripod is out
    assert said[0].startswith(("Removed Travel Tripod", "Undone: I took Travel Tripod")), said
    assert lines(live, shopper.cart_id, shopper.token) == {}


def test_how_many_closes_once_moved_on(live: Live) -> None:
    shopper = Shopper(live, "live-s21-howmany")

    shopper.says("add a mug or two", "How many", {})
    shopper.says("what's in my cart", "Your cart is empty", {})
    shopper.says("3", "Which product do you mean?", {})


def test_a_multi_removal_says_the_final_subtotal_once(live: Live) -> None:
    shopper = Shopper(live, "live-s21-multi", **{"CA-TRIPOD": 2, "LA-SLEEVE-13": 2})

    said = shopper.says("take out the sleeves and the tripods", "Removed", {})
    assert said == ["Removed Laptop Sleeve 13-inch and Travel Tripod. Subtotal: $0.00."], said
