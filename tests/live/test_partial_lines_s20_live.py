"""Live (review s20 R18, R20, R19, R8): a part of a line, over REST with the trained model.

Each test asserts the store after every message: a partial swap or removal takes only
the number said out of the line, a confirmation does exactly what it named, and "it" with
an add-on offer open never removes a cart line. The NLU may read a message unsure and ask
"Just to be sure: …?" first: the cart is then unchanged, and the "yes" carries it out.
"""

from __future__ import annotations

from tests.live.helpers import Live, texts
from tests.live.test_cart_language import Shopper, lines

SURE = "Just to be sure: do you want me to "


def answered(shopper: Shopper, text: str, before: dict[str, int]) -> list[str]:
    """The replies to ``text``, after a "yes" when it was asked back first (cart unchanged)."""
    said = texts(shopper.chat.say(text))
    if said and said[0].startswith(SURE):
        assert lines(shopper.live, shopper.cart_id, shopper.token) == before, (text, said)
        said = texts(shopper.chat.say("yes"))
    return said


def test_swap_one_of_the_mugs_takes_one_mug_out(live: Live) -> None:
    shopper = Shopper(live, "live-s20-r18-one", **{"CF-BEANS-ESP": 1, "CF-MUG": 3})

    said = answered(shopper, "swap one of the mugs for a tripod", shopper_lines(shopper))

    assert said[0].startswith("Swapped 1 × Ceramic Mug — 2 left — for 1 × Travel Tripod"), said
    assert shopper_lines(shopper) == {"CF-BEANS-ESP": 1, "CF-MUG": 2, "CA-TRIPOD": 1}


def test_replace_two_of_the_mugs_takes_two_out(live: Live) -> None:
    shopper = Shopper(live, "live-s20-r18-two", **{"CF-BEANS-ESP": 1, "CF-MUG": 3})

    said = answered(shopper, "replace 2 of the mugs with filters", shopper_lines(shopper))

    assert said[0].startswith("Swapped 2 × Ceramic Mug — 1 left — for 2 × Paper Coffee"), said
    assert shopper_lines(shopper) == {"CF-BEANS-ESP": 1, "CF-MUG": 1, "CF-FILTER": 2}


def test_upgrading_one_of_two_headphones_swaps_exactly_one(live: Live) -> None:
    shopper = Shopper(live, "live-s20-r20-up", **{"AU-PULSE-LITE": 2})

    said = answered(
        shopper, "can i upgrade just one of the headphones to the studio?", shopper_lines(shopper)
    )

    assert said[0].startswith("Swapped 1 × Pulse Headphones Lite — 1 left — for 1 × Pulse"), said
    assert shopper_lines(shopper) == {"AU-PULSE-LITE": 1, "AU-PULSE-STUDIO": 1}


def test_one_of_the_cameras_too_expensive_takes_one_out(live: Live) -> None:
    shopper = Shopper(live, "live-s20-r20-cam")  # as the reviewer did: the cameras in focus
    shopper.says("add 2 snap camera pro", "Added 2 × Snap Camera Pro", {"CM-SNAP-PRO": 2})
    shopper.says("no thanks", "", {"CM-SNAP-PRO": 2})  # the add-on offer, if any, declined

    said = answered(
        shopper, "one of the cameras is too expensive, remove it", shopper_lines(shopper)
    )

    assert said[0].startswith("Took 1 × Snap Camera Pro out; 1 left"), said
    assert shopper_lines(shopper) == {"CM-SNAP-PRO": 1}


def test_all_but_one_and_the_extra_set_the_line_and_keep_the_beans(live: Live) -> None:
    for n, text in enumerate(("remove all but one mug", "remove the extra mugs")):
        shopper = Shopper(live, f"live-s20-r19-{n}", **{"CF-BEANS-ESP": 1, "CF-MUG": 4})

        asked = texts(shopper.chat.say(text))

        named = [SURE + f"change Ceramic Mug to {n}?" for n in ("1", "one")]  # as said
        assert asked[0] in named, (text, asked)
        assert shopper_lines(shopper) == {"CF-BEANS-ESP": 1, "CF-MUG": 4}
        shopper.says("yes", "", {"CF-BEANS-ESP": 1, "CF-MUG": 1})


def test_get_rid_of_it_with_an_add_on_open_keeps_the_phone(live: Live) -> None:
    shopper = Shopper(live, "live-s20-r8")
    shopper.says("add an aria phone 256", "Added 1 × Aria Phone 256 GB", {"PH-ARIA-256": 1})

    said = texts(shopper.chat.say("get rid of it"))

    assert not said[0].startswith("Removed"), said
    assert shopper_lines(shopper) == {"PH-ARIA-256": 1}


def shopper_lines(shopper: Shopper) -> dict[str, int]:
    return lines(shopper.live, shopper.cart_id, shopper.token)
