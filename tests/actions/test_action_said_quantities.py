"""Cart actions with the model's own reading of review F34, F45, F46, F48: the cart in the store."""

from __future__ import annotations

from actions.cart import ActionAddItem, ActionRemoveItem, ActionSwapItem
from bot.services.cart import add_to_cart


def fill(shop, cart, *lines):
    for sku, quantity in lines:
        add_to_cart(shop, cart.token, cart.cart_id, sku, quantity)


def test_take_out_a_mug_takes_one_out(shop, chat, cart_lines, cart):
    fill(shop, cart, ("CF-MUG", 2))

    replies, _ = chat.run(
        ActionRemoveItem(), intent="remove_item", text="take out a mug", entities={"product": "mug"}
    )

    assert replies[0][0] == "utter_decremented" and replies[0][1]["removed"] == "1"
    assert cart_lines(cart) == {"CF-MUG": 1}


def test_a_swap_uses_the_quantity_the_model_and_the_shopper_said(shop, chat, cart_lines, cart):
    fill(shop, cart, ("CF-MUG", 2))

    replies, _ = chat.run(
        ActionSwapItem(),
        intent="swap_item",
        text="swap the mugs for 3 tripods",
        entities={"product": "tripods", "quantity": "3"},
    )

    assert replies[0][0] == "utter_item_swapped" and replies[0][1]["quantity"] == "3"
    assert cart_lines(cart) == {"CA-TRIPOD": 3}


def test_a_swap_to_another_family_without_a_number_asks(shop, chat, cart_lines, cart):
    fill(shop, cart, ("CF-MUG", 2))

    replies, _ = chat.run(
        ActionSwapItem(),
        intent="swap_item",
        text="replace the mugs with the milk frother",
        entities={"product": "milk frother"},
    )

    assert replies[0] == ("utter_ask_quantity", {"name": "Milk Frother"})
    assert cart_lines(cart) == {"CF-MUG": 2}


def test_buy_these_now_is_a_checkout_not_an_add(shop, chat, cart_lines, cart):
    chat.run(ActionAddItem(), text="add 2 mugs", entities={"product": "mugs", "quantity": "2"})

    replies, _ = chat.run(ActionAddItem(), text="i want to buy these now")

    assert replies[0][0] == "utter_checkout"
    assert cart_lines(cart) == {"CF-MUG": 2}


def test_a_mug_or_two_is_asked_about(chat, cart_lines, cart):
    replies, _ = chat.run(
        ActionAddItem(), text="add a mug or two", entities={"product": "mug", "quantity": "2"}
    )

    assert replies[0] == ("utter_ask_quantity", {"name": "mug"})
    assert cart_lines(cart) == {}
