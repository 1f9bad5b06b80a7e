"""Courtesy at a message's ends, read once where the action server reads the turn (s27, F16).

``message_turn`` and ``product_request`` read "2 mugs thx" as "2 mugs": the dialogue rules
and the flows see the same words, so a verbless count of a line in the cart is asked ("add
more, or make it 2?") and its typed answer carries out the option it names.
"""

from __future__ import annotations

import pytest

from actions.cart import ActionAddItem, ActionChangeQuantity, ActionRemoveItem
from bot.services.cart import add_to_cart


def fill(shop, cart, *lines):
    for sku, quantity in lines:
        add_to_cart(shop, cart.token, cart.cart_id, sku, quantity)


@pytest.mark.parametrize("text", ["2 mugs thx", "2 mugs pls", "2 mugs ty 🙏", "two mugs plz"])
@pytest.mark.parametrize("span", ["mugs", "mugs thx"])
def test_a_polite_verbless_count_of_a_line_is_asked(shop, chat, cart, cart_lines, text, span):
    fill(shop, cart, ("CF-MUG", 1))

    replies, _ = chat.run(
        ActionAddItem(), text=text, entities={"product": span, "quantity": "2"}, confidence=0.95
    )

    assert replies[0][0] == "utter_confirm_action", replies
    assert replies[0][1]["action"].startswith("add 2 more × Ceramic Mug (3 in all)")
    assert cart_lines(cart) == {"CF-MUG": 1}

    chat.run(ActionChangeQuantity(), text="make it 2 pls", intent="change_quantity")

    assert cart_lines(cart) == {"CF-MUG": 2}


@pytest.mark.parametrize("text", ["2 mugs thx", "2 mugs pls", "2 mugs ty", "2 mugs"])
def test_a_polite_count_of_a_new_product_adds_as_the_bare_one(chat, cart, cart_lines, text):
    replies, _ = chat.run(
        ActionAddItem(), text=text, entities={"product": "mugs", "quantity": "2"}, confidence=0.95
    )

    assert replies[0][0] == "utter_added", replies
    assert cart_lines(cart) == {"CF-MUG": 2}


def test_keep_the_tripod_pls_through_the_action_keeps_it(shop, chat, cart, cart_lines):
    fill(shop, cart, ("CF-MUG", 2), ("CA-TRIPOD", 1))

    replies, _ = chat.run(
        ActionRemoveItem(),
        text="keep the tripod pls",
        intent="remove_item",
        entities={"product": "tripod"},
        confidence=0.95,
    )

    assert replies == [("utter_item_kept", {"name": "Travel Tripod"})]
    assert cart_lines(cart) == {"CF-MUG": 2, "CA-TRIPOD": 1}
