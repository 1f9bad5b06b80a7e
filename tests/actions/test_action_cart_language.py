"""Cart actions for shopper language: no slot carries a value over, spans split a list, swaps."""

from __future__ import annotations

from rasa_sdk.events import SlotSet

from actions.cart import ActionAddItem, ActionChangeQuantity, ActionRemoveItem, ActionSwapItem
from bot.services.cart import add_to_cart

SLOTS_RESET = [SlotSet("product", None), SlotSet("quantity", None)]


def fill(shop, cart, *lines):
    for sku, quantity in lines:
        add_to_cart(shop, cart.token, cart.cart_id, sku, quantity)


def test_an_unknown_product_is_not_reused_by_the_next_request(chat, cart_lines, cart):
    replies, events = chat.run(
        ActionAddItem(), text="add a flux capacitor", entities={"product": "flux capacitor"}
    )
    assert replies[0][0] == "utter_unknown_product"
    assert events == SLOTS_RESET
    assert chat.slots == {"product": None, "quantity": None}

    replies, _ = chat.run(ActionAddItem(), text="one more please")

    assert replies == [("utter_ask_product", {})]
    assert cart_lines(cart) == {}


def test_a_quantity_is_not_reused_by_the_next_request(shop, chat, cart_lines, cart):
    chat.run(ActionAddItem(), text="add 3 mugs", entities={"product": "mugs", "quantity": "3"})

    chat.run(ActionAddItem(), text="add a travel tripod", entities={"product": "travel tripod"})

    assert cart_lines(cart) == {"CF-MUG": 3, "CA-TRIPOD": 1}


def test_the_models_spans_split_several_products(
    chat, cart_lines, cart, make_tracker, run_action, replies
):
    entities = [
        {"entity": "product", "value": "mug", "start": 6, "end": 9},
        {"entity": "product", "value": "tripod", "start": 16, "end": 22},
    ]
    tracker = make_tracker(
        text="add a mug and a tripod", entities=entities, metadata={"token": cart.token}
    )

    messages, events = run_action(ActionAddItem(), tracker)
    replies = replies(messages)

    assert replies[0][0] == "utter_added_several"
    assert replies[0][1]["items"] == "1 × Ceramic Mug and 1 × Travel Tripod"
    assert events == SLOTS_RESET
    assert cart_lines(cart) == {"CF-MUG": 1, "CA-TRIPOD": 1}


def test_multiplier_quantities_through_the_action(chat, cart_lines, cart):
    chat.run(ActionAddItem(), text="add 2x mug", entities={"product": "mug", "quantity": "2x"})
    chat.run(ActionAddItem(), text="add tripod x3", entities={"product": "tripod"})

    assert cart_lines(cart) == {"CF-MUG": 2, "CA-TRIPOD": 3}


def test_remove_one_of_several_and_remove_it(shop, chat, cart_lines, cart):
    fill(shop, cart, ("CF-MUG", 5))

    replies, events = chat.run(
        ActionRemoveItem(),
        intent="remove_item",
        text="remove one of the mugs",
        entities={"product": "mugs", "quantity": "1"},
    )
    assert replies[0] == (
        "utter_decremented",
        {**replies[0][1], "removed": "1", "name": "Ceramic Mug", "quantity": "4"},
    )
    assert events == SLOTS_RESET
    assert cart_lines(cart) == {"CF-MUG": 4}

    replies, _ = chat.run(ActionRemoveItem(), intent="remove_item", text="remove it")
    assert replies[0][0] == "utter_removed" and replies[0][1]["name"] == "Ceramic Mug"
    assert cart_lines(cart) == {}


def test_change_quantity_reads_this_message_only(shop, chat, cart_lines, cart):
    fill(shop, cart, ("CF-MUG", 1))
    chat.run(ActionChangeQuantity(), text="make it 3 mugs", entities={"product": "mugs"})

    replies, events = chat.run(ActionChangeQuantity(), text="I only want 2")

    assert replies[0][0] == "utter_quantity_changed" and replies[0][1]["quantity"] == "2"
    assert events == SLOTS_RESET
    assert cart_lines(cart) == {"CF-MUG": 2}


def test_swap_action(shop, chat, cart_lines, cart):
    fill(shop, cart, ("CA-SD-64", 2))

    replies, events = chat.run(
        ActionSwapItem(),
        intent="swap_item",
        text="I want the 128gb sd card instead",
        entities={"product": "128gb sd card"},
    )

    assert replies[0][0] == "utter_item_swapped"
    assert replies[0][1]["old_name"] == "64 GB SD Card" and replies[0][1]["quantity"] == "2"
    assert events == SLOTS_RESET
    assert cart_lines(cart) == {"CA-SD-128": 2}
