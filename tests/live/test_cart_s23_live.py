"""Live (review s23, issue 12: T2, T4, T3, T5), over REST against the running stack.

Each test asserts the store after every message: a removal verb never adds, a too-expensive
removal never offers a product outside the cart, and an add reads the catalog, never a cart
line whose name merely holds the word.
"""

from __future__ import annotations

from tests.live.helpers import Live, texts
from tests.live.test_cart_language import Shopper, lines

SURE = "Just to be sure: do you want me to "


def test_a_slang_removal_of_a_product_not_in_the_cart_never_adds(live: Live) -> None:
    for n, text in enumerate(("nix the mouse pad", "ditch the mouse pad please")):
        shopper = Shopper(live, f"live-s23-t2-{n}", **{"CF-MUG": 1})

        said = texts(shopper.chat.say(text))

        assert said == ["Mouse Pad isn't in your cart."], (text, said)
        assert lines(live, shopper.cart_id, shopper.token) == {"CF-MUG": 1}
        answered = texts(shopper.chat.say("2"))  # the reviewer's answer to "How many?"
        assert not any(s.startswith("Added") for s in answered), answered
        assert lines(live, shopper.cart_id, shopper.token) == {"CF-MUG": 1}


def test_a_slang_removal_of_a_line_removes_it(live: Live) -> None:
    shopper = Shopper(live, "live-s23-t2-line", **{"CF-MUG": 1, "LA-PAD": 1})

    shopper.says("nix the mouse pad", "Removed Mouse Pad.", {"CF-MUG": 1})


def test_too_expensive_for_a_product_not_in_the_cart_offers_nothing(live: Live) -> None:
    shopper = Shopper(live, "live-s23-t4", **{"CF-MUG": 1})

    said = texts(shopper.chat.say("remove the camera, it's too expensive"))

    assert said == ["camera isn't in your cart."], said
    assert lines(live, shopper.cart_id, shopper.token) == {"CF-MUG": 1}
    answered = texts(shopper.chat.say("the first one"))
    assert not any(s.startswith("Added") for s in answered), answered
    assert lines(live, shopper.cart_id, shopper.token) == {"CF-MUG": 1}


def test_too_expensive_with_two_cameras_asks_over_the_lines_and_removes(live: Live) -> None:
    start = {"CM-SNAP-ENT": 1, "CM-SNAP-MID": 1}
    shopper = Shopper(live, "live-s23-t4-two", **start)

    said = texts(shopper.chat.say("remove the camera, it's too expensive"))

    assert said == ["Did you mean to remove Snap Camera Entry or Snap Camera Mid?"], said
    assert lines(live, shopper.cart_id, shopper.token) == start
    shopper.says("the second one", "Removed Snap Camera Mid.", {"CM-SNAP-ENT": 1})


def test_an_add_of_a_mouse_never_adds_a_second_mouse_pad(live: Live) -> None:
    for n, text in enumerate(("could I also get a mouse", "add a mouse", "I'd like a mouse too")):
        shopper = Shopper(live, f"live-s23-t3-{n}", **{"LA-PAD": 1})

        said = texts(shopper.chat.say(text))

        assert said[0].startswith("Did you mean to add "), (text, said)
        assert "Wireless Mouse" in said[0], (text, said)
        assert lines(live, shopper.cart_id, shopper.token) == {"LA-PAD": 1}, (text, said)
    picked = texts(shopper.chat.say("the wireless one"))
    assert lines(live, shopper.cart_id, shopper.token) == {"LA-PAD": 1, "LA-MOUSE": 1}, picked


def test_stop_the_mouse_pad_order_asks_to_remove_it_never_adds(live: Live) -> None:
    shopper = Shopper(live, "live-s23-t5", **{"LA-PAD": 1, "CF-MUG": 1})

    said = texts(shopper.chat.say("stop the mouse pad order"))

    assert said == [SURE + "remove Mouse Pad from your cart?"], said
    assert lines(live, shopper.cart_id, shopper.token) == {"LA-PAD": 1, "CF-MUG": 1}
    shopper.says("yes", "Removed Mouse Pad.", {"CF-MUG": 1})
