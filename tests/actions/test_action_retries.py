"""A repeated message id replays the first answer and changes nothing (review s21 S13).

Every state change from chat goes through one record per message id
(``bot.chat.replays.once_per_message``, run by ``actions.common.FlowAction.run``): a
client's or platform's retry of a removal, a quantity change, an accepted offer, an undo
or a cancel is answered as the first time and never applied twice, and a retried first
cancel is not "asking again".
"""

from __future__ import annotations

import pytest

from actions.cancel import ActionCancelSubscription
from actions.cart import ActionAddItem, ActionChangeQuantity, ActionRemoveItem
from actions.suggestions import ActionAcceptOffer
from bot.services.cart import add_to_cart
from bot.services.subscriptions import create_subscription, get_subscription

TRIPOD = {"product": "travel tripod"}


@pytest.fixture
def plus_subscription(shop, cart):
    """A Care Plus subscription of the cart's customer, and a reader of its state."""
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")
    return lambda: get_subscription(shop, token, view.subscription_id)


def test_a_retried_partial_removal_takes_nothing_more_out(shop, cart, chat, cart_lines):
    add_to_cart(shop, cart.token, cart.cart_id, "CA-TRIPOD", 2)
    said = {"text": "remove one tripod", "intent": "remove_item", "entities": TRIPOD}

    first, _ = chat.run(ActionRemoveItem(), message_id="m-003", **said)
    again, _ = chat.run(ActionRemoveItem(), message_id="m-003", **said)

    assert [name for name, _ in first] == ["utter_decremented"]
    assert again == first
    assert cart_lines(cart) == {"CA-TRIPOD": 1}


def test_a_new_message_id_removes_again(shop, cart, chat, cart_lines):
    add_to_cart(shop, cart.token, cart.cart_id, "CA-TRIPOD", 3)
    said = {"text": "remove one tripod", "intent": "remove_item", "entities": TRIPOD}

    chat.run(ActionRemoveItem(), message_id="m-1", **said)
    chat.run(ActionRemoveItem(), message_id="m-2", **said)

    assert cart_lines(cart) == {"CA-TRIPOD": 1}


def test_a_retried_quantity_change_is_applied_once(shop, cart, chat, cart_lines):
    add_to_cart(shop, cart.token, cart.cart_id, "CA-TRIPOD", 3)
    said = {"text": "one less tripod", "intent": "change_quantity", "entities": TRIPOD}

    first, _ = chat.run(ActionChangeQuantity(), message_id="q-1", **said)
    after_first = cart_lines(cart)
    again, _ = chat.run(ActionChangeQuantity(), message_id="q-1", **said)

    assert again == first
    assert cart_lines(cart) == after_first


def test_a_retried_first_cancel_request_does_not_cancel(chat, plus_subscription):
    said = {"text": "cancel my subscription", "intent": "cancel_subscription"}

    first, _ = chat.run(ActionCancelSubscription(), message_id="rt-1", **said)
    again, _ = chat.run(ActionCancelSubscription(), message_id="rt-1", **said)

    assert [name for name, _ in first] == ["utter_offer_retention_plan"]
    assert again == first
    assert plus_subscription().status == "active"
    asked_again, _ = chat.run(ActionCancelSubscription(), message_id="rt-2", **said)
    assert asked_again == [("utter_subscription_canceled", {"plan": "Care Plus"})]
    assert plus_subscription().status == "canceled"


def test_a_retried_yes_accepts_the_offer_once(chat, cart, cart_lines):
    offered, _ = chat.run(ActionAddItem(), entities={"product": "aria phone 256 gb"})
    assert [name for name, _ in offered] == ["utter_added", "utter_offer_addon"]

    first, _ = chat.run(ActionAcceptOffer(), text="yes", intent="affirm", message_id="y-1")
    again, _ = chat.run(ActionAcceptOffer(), text="yes", intent="affirm", message_id="y-1")

    assert again == first
    assert cart_lines(cart) == {"PH-ARIA-256": 1, "PA-CASE-CLR": 1}


def test_a_retried_undo_undoes_once(shop, cart, chat, cart_lines):
    chat.run(ActionAddItem(), entities=TRIPOD, text="add a tripod")
    chat.run(ActionAddItem(), entities=TRIPOD, text="add another tripod")

    first, _ = chat.run(ActionAddItem(), text="undo that", intent="undo", message_id="u-1")
    again, _ = chat.run(ActionAddItem(), text="undo that", intent="undo", message_id="u-1")

    assert again == first
    assert cart_lines(cart) == {"CA-TRIPOD": 1}


def test_an_id_reused_for_another_message_changes_nothing(shop, cart, chat, cart_lines):
    add_to_cart(shop, cart.token, cart.cart_id, "CA-TRIPOD", 2)
    chat.run(ActionRemoveItem(), message_id="m-7", text="remove one tripod", entities=TRIPOD)

    reused, _ = chat.run(ActionRemoveItem(), message_id="m-7", text="remove the tripods",
                         entities=TRIPOD)  # fmt: skip

    assert reused == [("utter_message_id_reused", {})]
    assert cart_lines(cart) == {"CA-TRIPOD": 1}


def test_the_same_id_in_another_conversation_is_another_message(
    shop, cart, bind, conversation, cart_lines
):
    add_to_cart(shop, cart.token, cart.cart_id, "CA-TRIPOD", 3)
    said = {"text": "remove one tripod", "intent": "remove_item", "entities": TRIPOD}
    for sender in ("conv-a", "conv-b"):
        bind(sender, cart.token)
        talk = conversation(sender_id=sender, token=cart.token)
        talk.run(ActionRemoveItem(), message_id="same", **said)

    assert cart_lines(cart) == {"CA-TRIPOD": 1}
