"""Review s19 through the real actions: named options, hesitation, thanks, the pause question."""

from __future__ import annotations

from actions.cancel import ActionCancelSubscription, ActionPauseSubscription
from actions.cart import ActionAddItem
from actions.suggestions import ActionAcceptOffer, ActionDeclineOffer
from bot.services.subscriptions import create_subscription, get_subscription


def test_yes_cancel_it_cancels_the_subscription(shop, chat, cart):
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")
    chat.run(ActionCancelSubscription(), text="cancel", intent="cancel_subscription")

    done, _ = chat.run(ActionAcceptOffer(), text="yes cancel it", intent="affirm", confidence=0.9)

    assert done[0][0] == "utter_subscription_canceled"
    sub = get_subscription(shop, token, view.subscription_id)
    assert (sub.status, sub.plan.code) == ("canceled", "care-plus")


def test_no_wait_keeps_the_offer_open_and_the_plan(shop, chat, cart):
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")
    chat.run(ActionCancelSubscription(), text="cancel", intent="cancel_subscription")

    held, _ = chat.run(ActionDeclineOffer(), text="no wait", intent="deny", confidence=0.95)

    assert held[0][0] == "utter_offer_detail_retention_plan"
    assert get_subscription(shop, token, view.subscription_id).status == "active"
    switched, _ = chat.press(ActionAcceptOffer(), 0)  # the offer's own Yes, as shown
    assert switched[0][0] == "utter_subscription_switched"


def test_ok_thanks_to_an_addon_asks_and_adds_nothing(chat, cart, cart_lines):
    chat.run(ActionAddItem(), entities={"product": "Aria Phone 256 GB"})

    asked, _ = chat.run(ActionAcceptOffer(), text="ok thanks", intent="affirm", confidence=0.95)

    assert asked[0] == (
        "utter_confirm_action",
        {"action": "add Clear Phone Case to your cart", "buttons": ["Yes", "No"]},
    )
    assert cart_lines(cart) == {"PH-ARIA-256": 1}
    added, _ = chat.run(ActionAcceptOffer(), text="yes please", intent="affirm", confidence=0.98)
    assert added[0][0] == "utter_added"
    assert cart_lines(cart) == {"PH-ARIA-256": 1, "PA-CASE-CLR": 1}


def test_yes_to_pause_for_a_month_instead_pauses(shop, chat, cart):
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")
    text = "can I pause my plan for 2 months"
    refused, _ = chat.run(ActionPauseSubscription(), text=text, intent="pause_subscription")
    assert refused[0][0] == "utter_pause_length_refused"

    paused, _ = chat.run(ActionAcceptOffer(), text="yes", intent="affirm", confidence=0.97)

    assert paused[0][0] == "utter_subscription_paused"
    assert get_subscription(shop, token, view.subscription_id).status == "paused"
