"""Review s21 (S7, S27): complaint cues in the request's own message make the shopper upset.

Through the action server: the cue sets ``customer_upset`` for this turn and the next, so no
retention or downsell offer is made, and the request itself is still handled.
"""

from __future__ import annotations

from rasa_sdk.events import SlotSet

from actions.cancel import ActionCancelSubscription
from actions.common import UPSET_SLOT
from bot.services.subscriptions import create_subscription, get_subscription


def test_a_complaint_and_a_cancel_in_one_message_cancels_without_an_offer(chat, shop, cart):
    view, token = create_subscription(shop, cart.customer_ref, "care-premium")
    text = "this is ridiculous, you keep charging me. cancel my subscription now"

    replies, events = chat.run(ActionCancelSubscription(), text=text, intent="cancel_subscription")

    assert [name for name, _ in replies] == ["utter_subscription_canceled"]
    assert SlotSet(UPSET_SLOT, True) in events
    assert get_subscription(shop, token, view.subscription_id).status == "canceled"


def test_no_cue_no_upset_the_retention_offer_comes(chat, shop, cart):
    view, token = create_subscription(shop, cart.customer_ref, "care-premium")

    replies, events = chat.run(
        ActionCancelSubscription(), text="cancel my subscription", intent="cancel_subscription"
    )

    assert [name for name, _ in replies] == ["utter_offer_retention_plan"]
    assert events == []
    assert get_subscription(shop, token, view.subscription_id).status == "active"
