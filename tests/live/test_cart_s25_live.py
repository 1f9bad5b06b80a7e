"""Live (s25, issue 12: the shopper trial's cart findings), over REST against the running stack.

The shipped model reads each message; every test asserts the cart in the store (the shop
API) after the messages that matter. The bot never changes a cart on a guess: when unsure
it asks, and the answer does exactly what was asked.
"""

from __future__ import annotations

from tests.live.helpers import Live, payloads, texts
from tests.live.test_cart_language import Shopper, lines


def _said(shopper: Shopper, text: str) -> list[str]:
    return texts(shopper.chat.say(text))


def test_h4_every_item_of_a_several_item_add_is_added_or_asked_in_turn(live: Live) -> None:
    shopper = Shopper(live, "live-s25-h4")

    first = _said(shopper, "add a hub, a mouse & a pad")

    assert first[0].startswith("Added 1 × USB-C Hub 7-in-1"), first
    assert any("Wireless Mouse" in s and s.startswith("Did you mean") for s in first), first
    assert lines(live, shopper.cart_id, shopper.token) == {"LA-HUB": 1}
    second = _said(shopper, "the wireless mouse")
    assert any(s.startswith("Did you mean") and "Mouse Pad" in s for s in second), second
    assert lines(live, shopper.cart_id, shopper.token) == {"LA-HUB": 1, "LA-MOUSE": 1}
    _said(shopper, "the mouse pad")
    assert lines(live, shopper.cart_id, shopper.token) == {"LA-HUB": 1, "LA-MOUSE": 1, "LA-PAD": 1}


def test_h4_plus_and_along_with_join_items(live: Live) -> None:
    for n, text in enumerate(
        ("add a mug + a tripod", "add a mug along with a tripod", "a mug plus a tripod please")
    ):
        shopper = Shopper(live, f"live-s25-h4-join-{n}")

        said = _said(shopper, text)

        assert lines(live, shopper.cart_id, shopper.token) == {"CF-MUG": 1, "CA-TRIPOD": 1}, (
            text,
            said,
        )


def test_h5_two_counts_are_asked(live: Live) -> None:
    shopper = Shopper(live, "live-s25-h5-counts")

    said = _said(shopper, "add 3 mugs x2")

    assert said == ["Did you mean 3 × Ceramic Mug or 2 × Ceramic Mug?"], said
    assert lines(live, shopper.cart_id, shopper.token) == {}
    _said(shopper, "3")
    assert lines(live, shopper.cart_id, shopper.token) == {"CF-MUG": 3}


def test_h5_two_counts_in_a_part_of_a_several_item_add_are_asked(live: Live) -> None:
    shopper = Shopper(live, "live-s25-h5-part")

    said = _said(shopper, "add 3 mugs x2 and a tripod")

    assert "Did you mean 3 × Ceramic Mug or 2 × Ceramic Mug?" in said, said
    assert lines(live, shopper.cart_id, shopper.token) == {"CA-TRIPOD": 1}
    _said(shopper, "2")
    assert lines(live, shopper.cart_id, shopper.token) == {"CA-TRIPOD": 1, "CF-MUG": 2}


def test_h5_it_after_a_change_to_several_lines_asks_which_with_buttons(live: Live) -> None:
    for n, (text, answer, after) in enumerate(
        [
            ("remove it", "the tripod", {"CF-MUG": 1}),
            ("double it", "the mug", {"CF-MUG": 2, "CA-TRIPOD": 1}),
        ]
    ):
        shopper = Shopper(live, f"live-s25-h5-it-{n}")
        _said(shopper, "add a mug and a tripod")
        assert lines(live, shopper.cart_id, shopper.token) == {"CF-MUG": 1, "CA-TRIPOD": 1}

        asked = shopper.chat.say(text)

        assert texts(asked)[0].startswith("Did you mean"), (text, texts(asked))
        titles = [title for title, _ in payloads(asked)]
        assert titles == ["Ceramic Mug", "Travel Tripod"], (text, titles)
        assert lines(live, shopper.cart_id, shopper.token) == {"CF-MUG": 1, "CA-TRIPOD": 1}
        _said(shopper, answer)
        assert lines(live, shopper.cart_id, shopper.token) == after, (text, answer)


def test_h6_yes_but_only_one_adds_one(live: Live) -> None:
    shopper = Shopper(live, "live-s25-h6-yes")

    asked = _said(shopper, "how much would 2 mugs cost?")

    assert any("add 2 × Ceramic Mug" in s for s in asked), asked
    _said(shopper, "yes but only one")
    assert lines(live, shopper.cart_id, shopper.token) == {"CF-MUG": 1}


def test_h6_option_2_is_a_pick_never_a_quantity(live: Live) -> None:
    for n, text in enumerate(("option 2", "option two")):
        shopper = Shopper(live, f"live-s25-h6-option-{n}")

        asked = _said(shopper, "add a charger")

        assert asked[0].startswith("Did you mean"), asked
        _said(shopper, text)
        assert lines(live, shopper.cart_id, shopper.token) == {"LA-CHG-65W": 1}, text


def test_h6_a_product_named_to_which_product_completes_the_removal(live: Live) -> None:
    shopper = Shopper(live, "live-s25-h6-which", **{"CF-MUG": 2, "CA-TRIPOD": 1})

    asked = _said(shopper, "remove it")

    assert asked == ["Which product do you mean?"], asked
    _said(shopper, "the mug")
    assert lines(live, shopper.cart_id, shopper.token) == {"CA-TRIPOD": 1}


def test_h6_the_last_one_answers_the_which_line_question(live: Live) -> None:
    shopper = Shopper(live, "live-s25-h6-line")
    _said(shopper, "add an aria phone 128")

    asked = _said(shopper, "2")

    assert any("or make it Aria Phone 128 GB × 2" in s for s in asked), asked
    _said(shopper, "the last one")
    assert lines(live, shopper.cart_id, shopper.token) == {"PH-ARIA-128": 2}


def test_h6_the_cheaper_one_answers_the_which_line_question(live: Live) -> None:
    shopper = Shopper(live, "live-s25-h6-cheaper")
    _said(shopper, "add an aria phone 128")
    _said(shopper, "2")

    _said(shopper, "the cheaper one")  # read as a swap (0.44) by the model

    assert lines(live, shopper.cart_id, shopper.token) == {"PH-ARIA-128": 1, "PA-CASE-CLR": 2}


def test_gimme_trypod_asks_did_you_mean_travel_tripod(live: Live) -> None:
    shopper = Shopper(live, "live-s25-gimme")

    asked = _said(shopper, "gimme trypod")

    assert any("Did you mean" in s and "Travel Tripod" in s for s in asked), asked
    assert lines(live, shopper.cart_id, shopper.token) == {}
    _said(shopper, "yes")
    assert lines(live, shopper.cart_id, shopper.token) == {"CA-TRIPOD": 1}


def test_a_sold_out_option_is_shown_out_of_stock_without_a_button(live: Live) -> None:
    shopper = Shopper(live, "live-s25-oos")

    asked = shopper.chat.say("add a pad")

    assert "Wireless Charging Pad (out of stock)" in texts(asked)[0], texts(asked)
    assert [title for title, _ in payloads(asked)] == ["Mouse Pad"]
    assert lines(live, shopper.cart_id, shopper.token) == {}


def test_swap_it_back_reverses_only_a_swap(live: Live) -> None:
    shopper = Shopper(live, "live-s25-swap-back", **{"CA-SD-64": 1, "CF-MUG": 1})
    _said(shopper, "I want the 128gb sd card instead")
    assert lines(live, shopper.cart_id, shopper.token) == {"CF-MUG": 1, "CA-SD-128": 1}
    _said(shopper, "add 2 mugs")

    said = _said(shopper, "swap it back")

    assert said[0].startswith("My last change to your cart wasn't a swap"), said
    assert lines(live, shopper.cart_id, shopper.token) == {"CF-MUG": 3, "CA-SD-128": 1}


def test_swap_it_back_after_a_swap_reverses_it(live: Live) -> None:
    for n, text in enumerate(("swap it back", "switch it back please")):
        shopper = Shopper(live, f"live-s25-swap-back-ok-{n}", **{"CA-SD-64": 1, "CF-MUG": 1})
        _said(shopper, "I want the 128gb sd card instead")

        said = _said(shopper, text)

        assert said[0].startswith("Undone"), (text, said)
        assert lines(live, shopper.cart_id, shopper.token) == {"CF-MUG": 1, "CA-SD-64": 1}


def test_delivery_date_questions_get_the_honest_reply(live: Live) -> None:
    shopper = Shopper(live, "live-s25-delivery", **{"CF-MUG": 1})
    for text in ("when will it arrive?", "when does my order ship", "how long will shipping take?"):
        said = _said(shopper, text)

        assert said[0].startswith("I can't see orders, shipping or delivery dates here"), said
        assert not any("Subtotal" in s or "Total" in s for s in said), said
        assert lines(live, shopper.cart_id, shopper.token) == {"CF-MUG": 1}


def test_a_question_about_the_offer_is_answered_and_it_stays_open(live: Live) -> None:
    shopper = Shopper(live, "live-s25-offer-fact")
    offered = _said(shopper, "add an aria phone 128")
    assert any("Clear Phone Case" in s for s in offered[1:]), offered

    fits = _said(shopper, "does it fit my phone?")  # read as deny (0.43) by the model
    unknown = _said(shopper, "is it dishwasher safe?")
    works = _said(shopper, "will it work with my laptop?")

    assert fits[0].startswith("Yes — Clear Phone Case is made to go with"), fits
    assert unknown[0].startswith("I don't know that about Clear Phone Case"), unknown
    assert works[0].startswith("I don't know that about Clear Phone Case"), works
    assert lines(live, shopper.cart_id, shopper.token) == {"PH-ARIA-128": 1}
    _said(shopper, "ok, add it")
    assert lines(live, shopper.cart_id, shopper.token) == {"PH-ARIA-128": 1, "PA-CASE-CLR": 1}


def test_the_256_one_instead_with_two_families_asks_which_line(live: Live) -> None:
    start = {"CA-SD-64": 1, "PH-ARIA-128": 1}
    shopper = Shopper(live, "live-s25-256", **start)

    said = _said(shopper, "I want the 256 one instead")

    assert said[0].startswith("Which item in your cart should"), said
    assert lines(live, shopper.cart_id, shopper.token) == start
