"""Live: the too-expensive flow's "it" and remarks, and "two more" after a failed add (F27,
F28, F10), over REST with the store checked after every message.
"""

from __future__ import annotations

from tests.live.helpers import Live
from tests.live.test_cart_language import Shopper


def test_a_price_remark_asks_before_removing(live: Live) -> None:
    shopper = Shopper(live, "live-f28-remark")
    lite = {"AU-PULSE-LITE": 1}

    shopper.says("add the pulse headphones lite", "Added 1 × Pulse Headphones Lite", lite)
    shopper.says(
        "the headphones are too expensive",
        "Just to be sure: do you want me to remove Pulse Headphones Lite?",
        lite,
    )
    shopper.says("yes", "Removed Pulse Headphones Lite", {})


def test_too_pricey_take_it_out_means_the_machine(live: Live) -> None:
    shopper = Shopper(live, "live-f27-take-it-out")
    plus = {"CF-BREW-PLUS": 1}

    shopper.says("add the brew coffee machine plus", "Added 1 × Brew Coffee Machine Plus", plus)
    shopper.says(
        "too pricey, take it out", "Before I remove Brew Coffee Machine Plus ($299.00)", plus
    )
    shopper.says(
        "yes",
        "Done — swapped Brew Coffee Machine Plus for Brew Coffee Machine Basic",
        {"CF-BREW-BASIC": 1},
    )


def test_two_more_after_an_out_of_stock_answer_asks(live: Live) -> None:
    shopper = Shopper(live, "live-f10-two-more")
    case = {"PA-CASE-LTH": 1}

    shopper.says("add the leather phone case", "Added 1 × Leather Phone Case", case)
    shopper.says("add 2 of those sd cards", "Did you mean", case)
    shopper.says("the 256 one", "Sorry, 256 GB SD Card is out of stock", case)
    shopper.says("two more", "Which product do you mean?", case)
