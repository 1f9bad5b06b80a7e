"""Typed ``/intent{...}`` payloads: any JSON a client writes gets a reply, never an error.

A shopper (or a script) can type Rasa's payload form by hand, with numbers, nulls, lists
or objects as entity values, and press a "Did you mean" button long after its question
was answered. Each case changes the cart only as a real request would.
"""

from __future__ import annotations

import pytest

from actions.cart import ActionAddItem, ActionChooseOption, ActionRemoveItem


@pytest.mark.parametrize(
    ("entities", "expected"),
    [
        ({"product": "Ceramic Mug", "quantity": 2}, {"CF-MUG": 2}),
        ({"product": "Ceramic Mug", "quantity": 2.0}, {}),  # "2.0" refused as a quantity
        ({"product": "Ceramic Mug", "quantity": 3.5}, {}),
        ({"product": None}, {}),
        ({"product": ["a", "b"], "quantity": 2}, {}),
        ({"product": {"x": 1}}, {}),
        ({"product": True}, {}),
        ({"product": 5}, {}),
    ],
)
def test_non_text_entity_values_get_a_reply_not_an_error(
    chat, cart, cart_lines, entities, expected
):
    # pressed as a live button (a typed or stale one is refused before the flow reads it)
    replies, _ = chat.run(ActionAddItem(), text="/add_item", entities=entities, shown=["/add_item"])

    assert replies and all(name.startswith("utter_") for name, _ in replies)
    assert "utter_action_failed" not in [name for name, _ in replies]
    assert cart_lines(cart) == expected


def test_a_number_as_the_product_of_a_removal_payload_is_no_product(chat, cart, cart_lines):
    chat.run(ActionAddItem(), entities={"product": "Ceramic Mug", "quantity": "2"})

    replies, _ = chat.run(
        ActionRemoveItem(), text="/remove_item", entities={"product": 5}, shown=["/remove_item"]
    )

    # "5" names nothing: the payload reads as "remove it", the product in focus, named back
    assert replies[0][0] == "utter_removed" and replies[0][1]["name"] == "Ceramic Mug"
    assert cart_lines(cart) == {}


def test_a_choice_button_with_no_question_pending_adds_nothing(chat, cart, cart_lines):
    replies, _ = chat.run(
        ActionChooseOption(),
        text="/choose_option",
        intent="choose_option",
        entities={"product": "Aria Phone 512 GB"},
    )

    assert replies == [("utter_nothing_to_choose", {})]
    assert cart_lines(cart) == {}


def test_a_typed_choice_with_no_question_pending_is_an_add(chat, cart, cart_lines):
    replies, _ = chat.run(
        ActionChooseOption(),
        text="the ceramic mug, please",
        intent="choose_option",
        entities={"product": "ceramic mug"},
    )

    assert replies[0][0] == "utter_added"
    assert cart_lines(cart) == {"CF-MUG": 1}


def test_an_unexpected_fault_is_an_apology_and_logs_no_conversation(
    chat, cart, cart_lines, monkeypatch, caplog
):
    from actions.cart import ActionShowCart

    def broken(self, shop, ctx, tracker):
        raise RuntimeError("store fell over")

    monkeypatch.setattr(ActionShowCart, "replies", broken)
    secret_text = "my secret shopping list"

    with caplog.at_level("DEBUG"):
        replies, events = chat.run(ActionShowCart(), text=secret_text, intent="show_cart")

    assert replies == [("utter_action_failed", {})]
    assert events == []
    assert "store fell over" in caplog.text  # the fault is logged ...
    assert secret_text not in caplog.text and cart.token not in caplog.text  # ... not the chat
