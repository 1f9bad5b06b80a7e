"""Live: an earlier question's "Yes" button pressed later changes nothing (review s20 R9).

Over REST against the running stack, the store checked after every message: the payload of
a closed confirmation ("remove everything?" → "no") is refused when pressed again later,
while the same kind of button pressed right after its question still acts.
"""

from __future__ import annotations

from tests.live.helpers import Live
from tests.live.test_cart_language import Shopper


def test_a_closed_questions_yes_button_pressed_later_changes_nothing(live: Live) -> None:
    shopper = Shopper(live, "live-s20-stale-button")
    tripod, both = {"CA-TRIPOD": 1}, {"CA-TRIPOD": 1, "CA-CLEAN": 1}

    shopper.says("add a travel tripod", "Added 1 × Travel Tripod", tripod)
    asked = shopper.says("remove everything", "Just to be sure", tripod)
    assert "remove everything" in asked[0], asked
    shopper.says("no", "Okay, I haven't changed anything.", tripod)
    shopper.says("add a lens cleaning kit", "Added 1 × Lens Cleaning Kit", both)

    shopper.says("/remove_item", "That button belongs to an earlier question", both)
    shopper.says("/pause_subscription", "That button belongs to an earlier question", both)
    shopper.says('/add_item{"product": "Travel Tripod"}', "Just to be sure", both)
    shopper.says("no", "Okay, I haven't changed anything.", both)


def test_a_yes_button_pressed_right_after_its_question_acts(live: Live) -> None:
    shopper = Shopper(live, "live-s20-live-button")
    tripod = {"CA-TRIPOD": 1}

    shopper.says("add a travel tripod", "Added 1 × Travel Tripod", tripod)
    shopper.says("remove everything", "Just to be sure", tripod)
    shopper.says(shopper.chat.button("Yes"), "Removed", {})
