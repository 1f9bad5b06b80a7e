"""The shop token: sent once in metadata, kept in a slot, and checked on every cart action."""

from __future__ import annotations

import time

from rasa_sdk.events import SlotSet

from actions.cart import ActionAddItem, ActionShowCart
from actions.suggestions import ActionSuggestAddon
from bot.services.cart import create_cart, get_cart
from bot.services.subscriptions import create_subscription
from bot.tokens import issue_token

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


def test_token_only_on_the_first_message(cart, make_tracker, run_action, replies, cart_lines):
    first = make_tracker(intent="show_cart", metadata={"token": cart.token}, message_id="m-1")

    messages, events = run_action(ActionShowCart(), first)

    assert replies(messages) == [("utter_cart_empty", {})]
    assert events == [SlotSet("shop_token", cart.token)]

    later = make_tracker(entities=CASE, slots={"shop_token": cart.token, **CASE}, message_id="m-2")

    messages, events = run_action(ActionAddItem(), later)

    assert replies(messages) == [ADDED_CASES]
    assert events == [SlotSet("quantity", None)]
    assert cart_lines(cart) == {"PA-CASE-CLR": 2}


def test_same_token_in_metadata_and_slot_sets_nothing(cart, make_tracker, run_action):
    tracker = make_tracker(
        intent="show_cart", metadata={"token": cart.token}, slots={"shop_token": cart.token}
    )

    _, events = run_action(ActionShowCart(), tracker)

    assert events == []


def test_a_new_token_in_metadata_replaces_the_slot_and_is_used(
    shop, cart, make_tracker, run_action, replies, cart_lines
):
    other_id, other_token = create_cart(shop, "cust-2")
    tracker = make_tracker(
        entities=CASE, slots={"shop_token": cart.token, **CASE}, metadata={"token": other_token}
    )

    messages, events = run_action(ActionAddItem(), tracker)

    assert replies(messages) == [ADDED_CASES]
    assert events == [SlotSet("shop_token", other_token), SlotSet("quantity", None)]
    assert cart_lines(cart) == {}
    other = get_cart(shop, other_token, other_id)
    assert {line.product.sku: line.quantity for line in other.lines} == {"PA-CASE-CLR": 2}


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
    assert add_events == [SlotSet("quantity", None)]
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


def test_forged_token_in_slot_gets_no_access_and_changes_nothing(
    shop, cart, make_tracker, run_action, replies, cart_lines
):
    for label, forged in _forged_tokens(shop, cart).items():
        tracker = make_tracker(entities=CASE, slots={"shop_token": forged, **CASE})

        messages, events = run_action(ActionAddItem(), tracker)

        assert replies(messages) == [("utter_no_access", {})], label
        assert events == [SlotSet("quantity", None)], label
    assert cart_lines(cart) == {}


def test_forged_token_in_metadata_gets_no_access_and_changes_nothing(
    shop, cart, make_tracker, run_action, replies, cart_lines
):
    forged = _forged_tokens(shop, cart)["wrong secret"]
    tracker = make_tracker(entities=CASE, slots=CASE, metadata={"token": forged})

    messages, events = run_action(ActionAddItem(), tracker)

    assert replies(messages) == [("utter_no_access", {})]
    # The action keeps whatever token the channel sent; the flows verify it on every use.
    assert events == [SlotSet("shop_token", forged), SlotSet("quantity", None)]
    assert cart_lines(cart) == {}


def test_a_customer_token_without_a_cart_gets_no_access(
    shop, cart, make_tracker, run_action, replies, cart_lines
):
    _, customer_token = create_subscription(shop, cart.customer_ref, "care-plus")
    for action, intent in ((ActionAddItem(), "add_item"), (ActionSuggestAddon(), "ask_suggestion")):
        tracker = make_tracker(intent=intent, slots={"shop_token": customer_token, **CASE})

        messages, _ = run_action(action, tracker)

        assert replies(messages) == [("utter_no_access", {})], intent
    assert cart_lines(cart) == {}
