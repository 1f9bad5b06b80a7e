"""Actions for the s17 guards: goodbye only on a goodbye, pause lengths, bulk removal."""

from __future__ import annotations

from actions.cancel import ActionPauseSubscription
from actions.cart import ActionAddItem, ActionRemoveItem
from actions.suggestions import ActionAcceptOffer
from actions.support import ActionGoodbye
from bot.services.cart import add_to_cart
from bot.services.subscriptions import create_subscription, get_subscription


def test_goodbye_only_when_the_message_says_one(chat):
    replies, events = chat.run(ActionGoodbye(), intent="goodbye", text="mugs are nice")
    assert replies == [("utter_product_statement", {"product": "mugs"})]
    assert events == []

    replies, _ = chat.run(ActionGoodbye(), intent="goodbye", text="ok bye")
    assert replies == [("utter_goodbye", {})]


def test_a_pause_length_reaches_the_flow(shop, cart, chat):
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")

    replies, _ = chat.run(
        ActionPauseSubscription(), intent="pause_subscription", text="pause it for 3 months"
    )

    assert replies[0][0] == "utter_pause_length_refused"
    assert replies[0][1]["said"] == "3 months"
    assert get_subscription(shop, token, view.subscription_id).status == "active"

    replies, _ = chat.run(
        ActionPauseSubscription(), intent="pause_subscription", text="pause it for a week"
    )

    assert replies[0][0] == "utter_subscription_paused"
    assert replies[0][1]["duration"] == "a week"
    assert get_subscription(shop, token, view.subscription_id).status == "paused"


def test_remove_everything_is_confirmed_then_done(shop, cart, chat, cart_lines):
    add_to_cart(shop, cart.token, cart.cart_id, "CF-MUG", 2)
    add_to_cart(shop, cart.token, cart.cart_id, "CA-TRIPOD", 1)

    replies, _ = chat.run(ActionRemoveItem(), intent="remove_item", text="remove everything")

    assert replies[0][0] == "utter_confirm_action"
    assert replies[0][1]["action"] == "remove everything from your cart"
    assert cart_lines(cart) == {"CF-MUG": 2, "CA-TRIPOD": 1}

    replies, _ = chat.run(ActionAcceptOffer(), intent="affirm", text="yes")

    assert replies[0][0] == "utter_cart_cleared"
    assert cart_lines(cart) == {}


def test_a_span_that_is_only_an_amount_is_no_product(cart, cart_lines, make_tracker, run_action):
    # The model's spans for "aria phone 128 x 2": "aria phone 128" and "2".
    entities = [
        {"entity": "product", "value": "aria phone 128", "start": 0, "end": 14},
        {"entity": "product", "value": "2", "start": 17, "end": 18},
    ]
    tracker = make_tracker(
        text="aria phone 128 x 2", entities=entities, metadata={"token": cart.token}
    )

    run_action(ActionAddItem(), tracker)

    assert cart_lines(cart) == {"PH-ARIA-128": 2}
