"""Live: review findings F34, F45, F46, F48 over REST, asserting the store after every message.

The quantity the shopper said wins, and what they did not say is asked about, never guessed.
"""

from __future__ import annotations

from tests.live.helpers import Live
from tests.live.test_cart_language import Shopper

CHECKOUT = "Your total is"


def test_f46_an_article_after_a_verb_particle_takes_one_out(live: Live) -> None:
    shopper = Shopper(live, "live-f46", **{"CF-MUG": 3})

    shopper.says("take out a mug", "Took 1 × Ceramic Mug out; 2 left.", {"CF-MUG": 2})
    shopper.says("lose a mug", "Took 1 × Ceramic Mug out; 1 left.", {"CF-MUG": 1})


def test_f45_the_quantity_said_on_a_swaps_new_side_wins(live: Live) -> None:
    three = Shopper(live, "live-f45-three", **{"CF-MUG": 2})
    three.says(
        "swap the mugs for 3 tripods",
        "Swapped Ceramic Mug for 3 × Travel Tripod.",
        {"CA-TRIPOD": 3},
    )

    one = Shopper(live, "live-f45-one", **{"CF-MUG": 2})
    one.says(
        "swap the mugs for a tripod", "Swapped Ceramic Mug for 1 × Travel Tripod.", {"CA-TRIPOD": 1}
    )


def test_f45_another_family_without_a_number_is_asked_about(live: Live) -> None:
    shopper = Shopper(live, "live-f45-ask", **{"CF-MUG": 2})

    shopper.says(
        "replace the mugs with the milk frother",
        "How many Milk Frother would you like?",
        {"CF-MUG": 2},
    )


def test_f45_a_variant_swap_still_keeps_the_line_quantity(live: Live) -> None:
    shopper = Shopper(live, "live-f45-variant", **{"CA-SD-64": 2})

    shopper.says(
        "I want the 128gb sd card instead",
        "Swapped 64 GB SD Card for 2 × 128 GB SD Card.",
        {"CA-SD-128": 2},
    )


def test_f34_buying_these_is_a_checkout_and_adds_nothing(live: Live) -> None:
    for number, message in enumerate(["i want to buy these now", "I'll buy these"]):
        shopper = Shopper(live, f"live-f34-{number}")
        shopper.says("add 2 mugs", "Added 2 × Ceramic Mug", {"CF-MUG": 2})
        shopper.says(message, CHECKOUT, {"CF-MUG": 2})


def test_f48_a_range_or_a_product_of_numbers_is_asked_about(live: Live) -> None:
    shopper = Shopper(live, "live-f48", **{"CA-TRIPOD": 1})

    shopper.says("add a mug or two", "How many mug would you like?", {"CA-TRIPOD": 1})
    shopper.says("add 2 x 2 mugs", "How many mugs would you like?", {"CA-TRIPOD": 1})
