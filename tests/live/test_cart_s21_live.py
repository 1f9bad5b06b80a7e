"""Live (review s21: R4, "remove both", R6), over REST against the running stack.

Each test asserts the store after every message: unchanged while the shopper is asked or
only given a suggestion, and changed exactly as confirmed. (The retried-POST test of R11 is
in ``tests/security/test_rest_channel.py``.)
"""

from __future__ import annotations

from tests.live.helpers import Live, texts
from tests.live.test_cart_language import Shopper, lines

SURE = "Just to be sure: do you want me to "


def test_another_suggestion_shows_the_next_add_on_and_never_adds(live: Live) -> None:
    shopper = Shopper(live, "live-s21-r4", **{"PH-ARIA-256": 1})
    first = texts(shopper.chat.say("what goes with this?"))
    assert first[0].startswith("Clear Phone Case for $19.00 — bought together in "), first

    seen = ["Clear Phone Case"]
    for text in ("and another suggestion?", "anything else you'd suggest?"):
        said = texts(shopper.chat.say(text))
        assert lines(live, shopper.cart_id, shopper.token) == {"PH-ARIA-256": 1}, (text, said)
        assert not said[0].startswith(("Added", SURE)), (text, said)
        if said[0].startswith("I don't have an add-on"):
            break
        name = said[0].split(" for $")[0]
        assert name not in seen and " — " in said[0], (text, said)  # a new one, with a reason
        seen.append(name)
    assert len(seen) >= 2, seen


def test_remove_both_names_the_two_lines_and_yes_removes_exactly_those(live: Live) -> None:
    shopper = Shopper(live, "live-s21-both", **{"LA-MOUSE": 1})
    added = texts(shopper.chat.say("add a ceramic mug and a travel tripod"))
    assert lines(live, shopper.cart_id, shopper.token) == {
        "LA-MOUSE": 1, "CF-MUG": 1, "CA-TRIPOD": 1
    }, added  # fmt: skip

    asked = texts(shopper.chat.say("remove both"))

    assert asked == [SURE + "remove Ceramic Mug and Travel Tripod from your cart?"], asked
    assert lines(live, shopper.cart_id, shopper.token) == {
        "LA-MOUSE": 1, "CF-MUG": 1, "CA-TRIPOD": 1
    }  # fmt: skip
    done = texts(shopper.chat.say("yes"))
    assert lines(live, shopper.cart_id, shopper.token) == {"LA-MOUSE": 1}, done


def test_remove_both_that_cannot_be_told_asks_which(live: Live) -> None:
    start = {"LA-MOUSE": 1, "LA-PAD": 1, "CF-MUG": 1}
    shopper = Shopper(live, "live-s21-both-unclear", **start)

    said = texts(shopper.chat.say("remove both"))

    assert said == ["Which product do you mean?"], said
    assert lines(live, shopper.cart_id, shopper.token) == start


def test_accented_product_words_match_like_plain_ones(live: Live) -> None:
    shopper = Shopper(live, "live-s21-accents")
    shopper.says("add 2 mügs", "Added 2 × Ceramic Mug", {"CF-MUG": 2})


def test_a_removal_never_offers_a_product_outside_the_cart(live: Live) -> None:
    shopper = Shopper(live, "live-s21-remove-dym", **{"LA-MOUSE": 1})

    said = texts(shopper.chat.say("remove the mugz"))

    assert "Did you mean" not in " ".join(said) and "Ceramic Mug" not in " ".join(said), said
    assert lines(live, shopper.cart_id, shopper.token) == {"LA-MOUSE": 1}


def test_a_long_unknown_product_is_echoed_shortened(live: Live) -> None:
    shopper = Shopper(live, "live-s21-echo")
    name = (  # one product (no "and", no comma): its words alone are over 60 characters
        "extra large hand carved zephyrine bambo cuting boards from the northern "
        "highlands of patagonia"
    )

    said = texts(shopper.chat.say(f"please add 2 {name}"))

    joined = " ".join(said)
    assert name not in joined and "…" in joined, said  # quoted, cut to 60 characters
    assert lines(live, shopper.cart_id, shopper.token) == {}


def test_a_subtotal_mid_change_says_what_it_includes(live: Live) -> None:
    shopper = Shopper(live, "live-s21-subtotal")

    said = shopper.says("add usb c hub and a mouse", "Added 1 × USB-C Hub 7-in-1.", {"LA-HUB": 1})

    assert said[0] == (
        "Added 1 × USB-C Hub 7-in-1. Subtotal: $39.00 for your cart as it is now, before shipping."
    ), said
    assert said[1].startswith("Did you mean"), said
