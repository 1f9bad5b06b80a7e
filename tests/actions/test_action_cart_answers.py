"""Multipliers and answers to "How many … would you like?" (review F25, F29).

"double the mugs" sets the line to twice its quantity whatever intent the model guessed
(it was read as remove_item and removed the line); "3" or "three please" answers the bot's
own quantity question and completes the request it came from.
"""

from __future__ import annotations

import pytest

from actions.cart import ActionAddItem, ActionChangeQuantity, ActionRemoveItem
from actions.support import ActionUnsupportedRequest


def add_two_mugs(chat) -> None:
    chat.run(ActionAddItem(), text="add 2 mugs", entities={"product": "mugs", "quantity": "2"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("could you double the mugs", 4),
        ("double the mugs please", 4),
        ("twice as many mugs", 4),
        ("make the mugs double", 4),
        ("triple the mugs", 6),
        ("the same again", 4),
    ],
)
def test_a_multiplier_read_as_a_removal_scales_the_line(chat, cart, cart_lines, text, expected):
    add_two_mugs(chat)

    replies, _ = chat.run(ActionRemoveItem(), text=text, intent="remove_item", confidence=0.88)

    assert replies[0][0] == "utter_quantity_changed"
    assert replies[0][1]["quantity"] == str(expected)
    assert cart_lines(cart) == {"CF-MUG": expected}


def test_a_low_confidence_multiplier_is_not_asked_back_as_a_removal(chat, cart, cart_lines):
    add_two_mugs(chat)

    replies, _ = chat.run(
        ActionRemoveItem(), text="double the mugs please", intent="remove_item", confidence=0.5
    )

    assert replies[0][0] == "utter_quantity_changed"
    assert cart_lines(cart) == {"CF-MUG": 4}


def test_a_multiplier_over_the_line_limit_changes_nothing(chat, cart, cart_lines):
    chat.run(ActionAddItem(), text="add 15 mugs", entities={"product": "mugs", "quantity": "15"})

    replies, _ = chat.run(ActionChangeQuantity(), text="double the mugs", intent="change_quantity")

    assert replies[0][0] == "utter_line_limit"
    assert cart_lines(cart) == {"CF-MUG": 15}


def test_a_multiplier_of_a_product_not_in_the_cart_changes_nothing(chat, cart, cart_lines):
    add_two_mugs(chat)

    replies, _ = chat.run(ActionAddItem(), text="double the coffee filters")

    assert replies[0] == ("utter_not_in_cart", {"name": "Paper Coffee Filters"})
    assert cart_lines(cart) == {"CF-MUG": 2}


def test_a_bare_number_answers_how_many_and_adds(chat, cart, cart_lines):
    asked, _ = chat.run(ActionAddItem(), text="add a few mugs", entities={"product": "mugs"})
    assert asked == [("utter_ask_quantity", {"name": "mugs"})]
    assert cart_lines(cart) == {}

    replies, _ = chat.run(ActionUnsupportedRequest(), text="3", intent="nlu_fallback")

    assert replies[0][0] == "utter_added" and replies[0][1]["quantity"] == "3"
    assert cart_lines(cart) == {"CF-MUG": 3}
    again, _ = chat.run(ActionUnsupportedRequest(), text="3", intent="nlu_fallback")
    assert again == [("utter_default", {})]  # the question was used up
    assert cart_lines(cart) == {"CF-MUG": 3}


def test_three_please_answers_how_many_filters(chat, cart, cart_lines):
    chat.run(ActionAddItem(), text="add some filters", entities={"product": "filters"})

    replies, _ = chat.run(
        ActionChangeQuantity(),
        text="three please",
        intent="change_quantity",
        entities={"quantity": "three"},
    )

    assert replies[0][0] == "utter_added" and replies[0][1]["name"] == "Paper Coffee Filters"
    assert cart_lines(cart) == {"CF-FILTER": 3}


def test_a_quantity_asked_for_a_line_sets_it(chat, cart, cart_lines):
    add_two_mugs(chat)
    asked, _ = chat.run(
        ActionChangeQuantity(), text="change the mugs", intent="change_quantity",
        entities={"product": "mugs"},
    )  # fmt: skip
    assert asked == [("utter_ask_quantity", {"name": "Ceramic Mug"})]

    chat.run(ActionUnsupportedRequest(), text="5", intent="nlu_fallback")

    assert cart_lines(cart) == {"CF-MUG": 5}


def test_another_request_drops_the_quantity_question(chat, cart, cart_lines):
    chat.run(ActionAddItem(), text="add a few mugs", entities={"product": "mugs"})
    chat.run(ActionAddItem(), text="add the tripod", entities={"product": "tripod"})

    replies, _ = chat.run(ActionUnsupportedRequest(), text="3", intent="nlu_fallback")

    assert replies == [("utter_default", {})]
    assert "CF-MUG" not in cart_lines(cart)
