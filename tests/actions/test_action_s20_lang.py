"""Review s20 through the real actions: resume, status, stop and the which-line question."""

from __future__ import annotations

from actions.cancel import ActionCancelSubscription, ActionPauseSubscription
from actions.cart import ActionAddItem, ActionChangeQuantity
from actions.suggestions import ActionAcceptOffer
from bot.services.subscriptions import create_subscription, get_subscription


def test_resume_is_confirmed_through_the_actions_then_resumes(shop, chat, cart):
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")
    chat.run(ActionPauseSubscription(), text="pause my subscription", intent="pause_subscription")
    assert get_subscription(shop, token, view.subscription_id).status == "paused"

    asked, _ = chat.run(ActionCancelSubscription(), text="unpause it", intent="cancel_subscription")

    assert asked[0][0] == "utter_confirm_action"
    assert asked[0][1]["action"].startswith("resume your Care Plus subscription now")
    assert get_subscription(shop, token, view.subscription_id).status == "paused"
    done, _ = chat.run(ActionAcceptOffer(), text="yes", intent="affirm", confidence=0.97)
    assert done[0] == ("utter_subscription_resumed", {"plan": "Care Plus", "price": "$9.99",
                                                      "interval": "month"})  # fmt: skip
    sub = get_subscription(shop, token, view.subscription_id)
    assert (sub.status, sub.paused_until) == ("active", None)


def test_status_and_stop_change_nothing(shop, chat, cart):
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")
    text = "is my subscription active?"

    status, _ = chat.run(ActionCancelSubscription(), text=text, intent="cancel_subscription")
    stop, _ = chat.run(ActionCancelSubscription(), text="stop", intent="cancel_subscription")

    assert status[0][0] == "utter_subscription_status" and status[0][1]["state"] == "active"
    assert stop[0][0] == "utter_ask_stop_what"
    assert get_subscription(shop, token, view.subscription_id).status == "active"


def test_a_typed_yes_to_the_which_line_question_adds_nothing(chat, cart, cart_lines):
    chat.run(ActionAddItem(), text="add an aria phone 128", entities={"product": "aria phone 128"})
    before = cart_lines(cart)
    asked, _ = chat.run(ActionChangeQuantity(), text="2", intent="change_quantity",
                        entities={"quantity": "2"})  # fmt: skip
    assert asked[0][0] == "utter_confirm_action"

    again, _ = chat.run(ActionAcceptOffer(), text="yes", intent="affirm", confidence=0.98)

    assert again[0][0] == "utter_which_one"
    assert cart_lines(cart) == before
    done, _ = chat.run(ActionAcceptOffer(), text="the case", intent="affirm", confidence=0.9)
    assert done[0][0] == "utter_added"
    after = cart_lines(cart)
    added = {sku: n for sku, n in after.items() if sku not in before}
    assert list(added.values()) == [2] and after["PH-ARIA-128"] == 1
