"""Live: review findings F50, F51, F54, F55 over REST, asserting the store after every message.

An offer quotes what a yes really changes; a question never removes; a message that
corrects itself acts on the correction; a yes said with more does all of it.
"""

from __future__ import annotations

from tests.live.helpers import Live
from tests.live.test_cart_language import Shopper

PHONE = {"PH-ARIA-256": 1}


def test_f55_an_upgrade_on_three_units_quotes_the_line(live: Live) -> None:
    shopper = Shopper(live, "live-f55", **{"AU-PULSE-LITE": 3})

    shopper.says(
        "is there a better version",
        "There's 3 × Pulse Headphones Studio at $597.00: Studio instead of Lite for $300.00 "
        "more. Swap it in for your 3 × Pulse Headphones Lite?",
        {"AU-PULSE-LITE": 3},
    )
    shopper.says(  # $297.00 + the $300.00 quoted
        "yes",
        "Done — swapped Pulse Headphones Lite for Pulse Headphones Studio. Subtotal: $597.00.",
        {"AU-PULSE-STUDIO": 3},
    )


def test_f54_the_pages_too_pricey_link_never_removes(live: Live) -> None:
    mid = {"CM-SNAP-MID": 1}
    shopper = Shopper(live, "live-f54", **mid)
    link = '/remove_too_expensive{"product": "Snap Camera Mid"}'

    shopper.says("too expensive, remove the snap camera", "Before I remove Snap Camera Mid", mid)
    no = shopper.chat.button(intent="deny")  # the downsell's own No, as shown
    shopper.says(no, "Removed Snap Camera Mid", {})
    shopper.says("add a snap camera mid", "Added 1 × Snap Camera Mid", mid)
    shopper.says(link, "Just to be sure: do you want me to remove Snap Camera Mid?", mid)


def test_f50_a_self_correction_adds_only_the_second_product(live: Live) -> None:
    shopper = Shopper(live, "live-f50")

    said = shopper.says(
        "add a tripod, actually no, a bag", "Added 1 × Camera Shoulder Bag", {"CA-BAG": 1}
    )
    assert not any("Tripod" in text for text in said), said


def test_f51_a_yes_with_a_quantity_or_another_product(live: Live) -> None:
    two = Shopper(live, "live-f51-two")
    two.says("add the Aria Phone 256 GB to my cart", "Added 1 × Aria Phone 256 GB", PHONE)
    two.says("yes please, 2 of them", "Added 2 × Clear Phone Case", {**PHONE, "PA-CASE-CLR": 2})

    more = Shopper(live, "live-f51-more")
    more.says("add the Aria Phone 256 GB to my cart", "Added 1 × Aria Phone 256 GB", PHONE)
    said = more.says(
        "yes and also add a mug",
        "Added 1 × Clear Phone Case",
        {**PHONE, "PA-CASE-CLR": 1, "CF-MUG": 1},
    )
    assert any(text.startswith("Added 1 × Ceramic Mug") for text in said), said
