"""Live: shopper language for the cart over REST, asserting the store after every message.

Every message is followed by a check of the whole cart: the target is zero wrong changes.
"""

from __future__ import annotations

from tests.live.helpers import Conversation, Live, texts


def lines(live: Live, cart_id: int, token: str) -> dict[str, int]:
    cart = live.api("GET", f"/api/carts/{cart_id}", token=token)
    return {line["sku"]: line["quantity"] for line in cart["lines"]}


class Shopper:
    """A conversation plus its cart, checked after each message."""

    def __init__(self, live: Live, name: str, **start: int) -> None:
        self.live = live
        self.cart_id, self.token = live.new_cart(name, **start)
        self.chat: Conversation = live.conversation(self.token)

    def says(self, text: str, reply_starts: str, cart: dict[str, int]) -> list[str]:
        said = texts(self.chat.say(text))
        assert said and said[0].startswith(reply_starts), (text, said)
        assert lines(self.live, self.cart_id, self.token) == cart, (text, said)
        return said


def test_quantities_in_every_accepted_form(live: Live) -> None:
    shopper = Shopper(live, "live-lang-quantities")

    shopper.says("add 2x mug", "Added 2 × Ceramic Mug", {"CF-MUG": 2})
    shopper.says("add ceramic mug x2", "Added 2 × Ceramic Mug", {"CF-MUG": 4})
    shopper.says("add a couple of mugs", "Added 2 × Ceramic Mug", {"CF-MUG": 6})
    shopper.says("one more please", "Added 1 × Ceramic Mug", {"CF-MUG": 7})
    shopper.says(
        "add three travel tripods", "Added 3 × Travel Tripod", {"CF-MUG": 7, "CA-TRIPOD": 3}
    )


def test_refused_quantities_say_the_range_and_change_nothing(live: Live) -> None:
    shopper = Shopper(live, "live-lang-refused", **{"CF-MUG": 1})
    refused = 'I can\'t use "{}" as a quantity: please give a whole number from 1 to 20.'

    for message, said in [
        ("add 1.5 mugs", "1.5"),
        ("add 0 mugs", "0"),
        ("add -2 mugs", "-2"),
        ("add 500 mugs", "500"),
    ]:
        shopper.says(message, refused.format(said), {"CF-MUG": 1})


def test_a_number_in_a_product_name_is_never_the_quantity(live: Live) -> None:
    shopper = Shopper(live, "live-lang-name-number")

    shopper.says("add an aria phone 128", "Added 1 × Aria Phone 128 GB", {"PH-ARIA-128": 1})
    shopper.says("no thanks", "No problem", {"PH-ARIA-128": 1})
    shopper.says(
        "add 2 128gb sd cards", "Added 2 × 128 GB SD Card", {"PH-ARIA-128": 1, "CA-SD-128": 2}
    )


def test_several_products_in_one_message(live: Live) -> None:
    shopper = Shopper(live, "live-lang-several")

    shopper.says(
        "add a mug and a travel tripod",
        "Added 1 × Ceramic Mug and 1 × Travel Tripod.",
        {"CF-MUG": 1, "CA-TRIPOD": 1},
    )
    shopper.says(
        "2 mugs and 3 tripods",
        "Added 2 × Ceramic Mug and 3 × Travel Tripod.",
        {"CF-MUG": 3, "CA-TRIPOD": 4},
    )


def test_an_unclear_part_is_asked_about_never_guessed(live: Live) -> None:
    shopper = Shopper(live, "live-lang-unclear-part")

    said = shopper.says("add usb c hub and a mouse", "Added 1 × USB-C Hub 7-in-1.", {"LA-HUB": 1})
    assert said[1].startswith("Did you mean") and "Wireless Mouse" in said[1]
    shopper.says("the wireless mouse", "Added 1 × Wireless Mouse", {"LA-HUB": 1, "LA-MOUSE": 1})


def test_take_some_out_and_never_more_than_the_line(live: Live) -> None:
    shopper = Shopper(live, "live-lang-decrement", **{"CF-MUG": 5})

    shopper.says("remove one of the mugs", "Took 1 × Ceramic Mug out; 4 left.", {"CF-MUG": 4})
    shopper.says("take two out", "Took 2 × Ceramic Mug out; 2 left.", {"CF-MUG": 2})
    shopper.says("remove 3 mugs", "You only have 2 × Ceramic Mug in your cart", {"CF-MUG": 2})
    shopper.says("one less mug", "Took 1 × Ceramic Mug out; 1 left.", {"CF-MUG": 1})
    shopper.says("make it 3 mugs", "Ceramic Mug is now × 3.", {"CF-MUG": 3})
    shopper.says("remove the mugs", "Removed Ceramic Mug.", {})


def test_swap_a_line_for_another_variant(live: Live) -> None:
    shopper = Shopper(live, "live-lang-swap", **{"CA-SD-64": 2, "CF-MUG": 1})

    shopper.says(
        "I want the 128gb sd card instead",
        "Swapped 64 GB SD Card for 2 × 128 GB SD Card.",
        {"CA-SD-128": 2, "CF-MUG": 1},
    )
    shopper.says(
        "swap the mug for the tripod",
        "Swapped Ceramic Mug for 1 × Travel Tripod.",
        {"CA-SD-128": 2, "CA-TRIPOD": 1},
    )


def test_remove_it_is_the_product_last_added_and_is_named(live: Live) -> None:
    shopper = Shopper(live, "live-lang-remove-it", **{"CF-MUG": 1})

    shopper.says("add a travel tripod", "Added 1 × Travel Tripod", {"CF-MUG": 1, "CA-TRIPOD": 1})
    shopper.says("remove it", "Removed Travel Tripod.", {"CF-MUG": 1})


def test_no_product_survives_into_a_message_that_named_none(live: Live) -> None:
    shopper = Shopper(live, "live-lang-stale", **{"CF-MUG": 1})

    shopper.says("add a flux capacitor", "I couldn't find", {"CF-MUG": 1})
    shopper.says("remove it", "Which product do you mean?", {"CF-MUG": 1})
    shopper.says("add 2 of those", "Which product do you mean?", {"CF-MUG": 1})


def test_put_that_in_too_takes_the_offer_and_it_is_then_in_focus(live: Live) -> None:
    shopper = Shopper(live, "live-lang-offer")

    said = shopper.says(
        "add the Aria Phone 256 GB", "Added 1 × Aria Phone 256 GB", {"PH-ARIA-256": 1}
    )
    assert said[1].startswith("Clear Phone Case for $19.00")
    shopper.says(
        "put that in too", "Added 1 × Clear Phone Case", {"PH-ARIA-256": 1, "PA-CASE-CLR": 1}
    )
    shopper.says("remove it", "Removed Clear Phone Case.", {"PH-ARIA-256": 1})


def test_swap_by_attribute_and_an_impossible_swap_changes_nothing(live: Live) -> None:
    shopper = Shopper(live, "live-lang-swap-attribute", **{"CA-SD-64": 1})

    shopper.says(
        "the 128 GB one instead", "Swapped 64 GB SD Card for 1 × 128 GB SD Card.", {"CA-SD-128": 1}
    )
    shopper.says(
        "I'd rather have the 256gb sd card instead",
        "Sorry, 256 GB SD Card is out of stock right now.",
        {"CA-SD-128": 1},
    )
    shopper.says("remove that", "Removed 128 GB SD Card.", {})
