"""Cart access in actions: a grant on the message binds the conversation; the store keeps it.

The web channels swap the shopper's token for a conversation-bound grant before Rasa stores
the message (``make_tracker`` does the same with a ``token`` in ``metadata``). No action
ever puts a token into a slot.
"""

from __future__ import annotations

import time

import pytest
from rasa_sdk.events import SlotSet

from actions.cart import ActionAddItem, ActionShowCart
from actions.suggestions import ActionSuggestAddon
from bot.services.cart import create_cart, get_cart
from bot.services.subscriptions import create_subscription
from bot.tokens import GRANT_KEY, issue_grant, issue_token, verify_token

SECRET = "test-secret"
CASE = {"product": "clear phone case", "quantity": "2"}
ADDED_CASES = (
    "utter_added",
    {
        "name": "Clear Phone Case",
        "quantity": "2",
        "subtotal": "$38.00",
        "shipping": "$4.99",
        "total": "$42.99",
        "threshold": "$50.00",
        "remaining": "$12.00",
    },
)


def _customer_id(shop, cart):
    return get_cart(shop, cart.token, cart.cart_id).customer_id


def test_the_tracker_keeps_no_token(cart, make_tracker, run_action, replies):
    first = make_tracker(intent="show_cart", metadata={"token": cart.token}, message_id="m-1")
    assert GRANT_KEY in first.latest_message["metadata"]
    assert cart.token not in str(first.current_state())  # the tracker holds no token

    messages, events = run_action(ActionShowCart(), first)

    assert replies(messages) == [("utter_cart_empty", {})]
    assert events == []  # nothing in a slot: the binding lives in the shop store


@pytest.mark.parametrize("channel", ["socketio", "rest", None])
def test_web_chats_need_the_token_on_every_message(
    channel, cart, make_tracker, run_action, replies, cart_lines
):
    """A web sender or socket.io session id is client-chosen: knowing it grants nothing."""
    first = make_tracker(
        intent="show_cart", metadata={"token": cart.token}, input_channel=channel, message_id="m-1"
    )
    assert replies(run_action(ActionShowCart(), first)[0]) == [("utter_cart_empty", {})]

    hijack = make_tracker(entities=CASE, slots=CASE, input_channel=channel, message_id="m-2")
    messages, _ = run_action(ActionAddItem(), hijack)

    assert replies(messages) == [("utter_no_access", {})]
    assert cart_lines(cart) == {}

    with_token = make_tracker(
        entities=CASE, slots=CASE, metadata={"token": cart.token}, input_channel=channel,
        message_id="m-3",
    )  # fmt: skip
    assert replies(run_action(ActionAddItem(), with_token)[0]) == [ADDED_CASES]
    assert cart_lines(cart) == {"PA-CASE-CLR": 2}


def test_a_token_for_another_cart_is_refused_and_changes_nothing(
    shop, cart, make_tracker, run_action, replies, cart_lines
):
    run_action(ActionShowCart(), make_tracker(intent="show_cart", metadata={"token": cart.token}))
    other_id, other_token = create_cart(shop, "cust-2")
    tracker = make_tracker(entities=CASE, slots=CASE, metadata={"token": other_token})

    messages, events = run_action(ActionAddItem(), tracker)

    assert replies(messages) == [("utter_session_conflict", {})]
    assert events == [SlotSet("product", None), SlotSet("quantity", None)]
    assert cart_lines(cart) == {}
    assert get_cart(shop, other_token, other_id).lines == ()
    # the conversation keeps its first cart
    again = make_tracker(
        entities=CASE, slots=CASE, metadata={"token": cart.token}, message_id="m-2"
    )
    messages, _ = run_action(ActionAddItem(), again)
    assert replies(messages) == [ADDED_CASES]
    assert cart_lines(cart) == {"PA-CASE-CLR": 2}


def test_a_grant_for_another_conversation_is_worthless(
    cart, make_tracker, run_action, replies, cart_lines
):
    stolen = issue_grant(SECRET, "someone-else", verify_token(SECRET, cart.token))
    tracker = make_tracker(entities=CASE, slots=CASE)
    tracker.latest_message["metadata"] = {GRANT_KEY: stolen}

    messages, _ = run_action(ActionAddItem(), tracker)

    assert replies(messages) == [("utter_no_access", {})]
    assert cart_lines(cart) == {}


def test_missing_token_gets_no_access_and_changes_nothing(
    cart, make_tracker, run_action, replies, cart_lines
):
    show = make_tracker(intent="show_cart")
    add = make_tracker(entities=CASE, slots=CASE)

    show_messages, show_events = run_action(ActionShowCart(), show)
    add_messages, add_events = run_action(ActionAddItem(), add)

    assert replies(show_messages) == [("utter_no_access", {})]
    assert show_events == []
    assert replies(add_messages) == [("utter_no_access", {})]
    assert add_events == [SlotSet("product", None), SlotSet("quantity", None)]
    assert cart_lines(cart) == {}


def _forged_tokens(shop, cart):
    customer_id = _customer_id(shop, cart)
    body, signature = cart.token.split(".")
    other_body = issue_token("another-secret", customer_id, cart.cart_id + 1).split(".")[0]
    month_ago = time.time() - 31 * 24 * 3600
    return {
        "wrong secret": issue_token("another-secret", customer_id, cart.cart_id),
        "payload swapped": f"{other_body}.{signature}",
        "bad signature": f"{body}.{signature[:-2]}xx",
        "garbage": "not-a-token",
        "expired": issue_token(SECRET, customer_id, cart.cart_id, now=month_ago),
    }


def test_forged_token_gets_no_access_and_is_not_kept(
    shop, cart, make_tracker, run_action, replies, cart_lines
):
    for label, forged in _forged_tokens(shop, cart).items():
        tracker = make_tracker(entities=CASE, slots=CASE, metadata={"token": forged})
        assert tracker.latest_message["metadata"] == {}, label  # dropped by the channel

        messages, events = run_action(ActionAddItem(), tracker)

        assert replies(messages) == [("utter_no_access", {})], label
        assert events == [SlotSet("product", None), SlotSet("quantity", None)], label
    assert cart_lines(cart) == {}


def test_a_token_in_the_slot_is_ignored(shop, cart, make_tracker, run_action, replies, cart_lines):
    tracker = make_tracker(entities=CASE, slots={"shop_token": cart.token, **CASE})

    messages, _ = run_action(ActionAddItem(), tracker)

    assert replies(messages) == [("utter_no_access", {})]
    assert cart_lines(cart) == {}


def test_a_customer_token_without_a_cart_gets_no_access(
    shop, cart, make_tracker, run_action, replies, cart_lines
):
    _, customer_token = create_subscription(shop, cart.customer_ref, "care-plus")
    for action, intent in ((ActionAddItem(), "add_item"), (ActionSuggestAddon(), "ask_suggestion")):
        tracker = make_tracker(
            sender_id=f"conv-{intent}", intent=intent, slots=CASE,
            metadata={"token": customer_token},
        )  # fmt: skip

        messages, _ = run_action(action, tracker)

        assert replies(messages) == [("utter_no_access", {})], intent
    assert cart_lines(cart) == {}
