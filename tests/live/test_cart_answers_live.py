"""Live: multipliers and answers to the bot's own "How many …?" (review F25, F29), over REST.

The store is checked after every message: "double the mugs" was read as remove_item by the
model and removed the line; "3" after "How many mugs would you like?" was not understood.
"""

from __future__ import annotations

from tests.live.helpers import Live
from tests.live.test_cart_language import Shopper


def test_double_the_mugs_doubles_them(live: Live) -> None:
    shopper = Shopper(live, "live-f25-double")

    shopper.says("add 2 mugs", "Added 2 × Ceramic Mug", {"CF-MUG": 2})
    shopper.says("could you double the mugs", "Ceramic Mug is now × 4", {"CF-MUG": 4})
    shopper.says("double the mugs please", "Ceramic Mug is now × 8", {"CF-MUG": 8})
    shopper.says("double the mugs", "Ceramic Mug is now × 16", {"CF-MUG": 16})
    shopper.says("the same again", "You already have 16 × Ceramic Mug", {"CF-MUG": 16})


def test_twice_as_many_and_the_same_again(live: Live) -> None:
    shopper = Shopper(live, "live-f25-twice")

    shopper.says("add 2 mugs", "Added 2 × Ceramic Mug", {"CF-MUG": 2})
    shopper.says("twice as many mugs", "Ceramic Mug is now × 4", {"CF-MUG": 4})
    shopper.says("make the mugs double", "Ceramic Mug is now × 8", {"CF-MUG": 8})


def test_a_bare_number_answers_how_many(live: Live) -> None:
    shopper = Shopper(live, "live-f29-number")

    shopper.says("add a few mugs", "How many mugs would you like?", {})
    shopper.says("3", "Added 3 × Ceramic Mug", {"CF-MUG": 3})
    shopper.says("add some filters", "How many filters would you like?", {"CF-MUG": 3})
    shopper.says("three please", "Added 3 × Paper Coffee Filters", {"CF-MUG": 3, "CF-FILTER": 3})
