"""Cancel flow actions: too-expensive removals, subscription cancels, complaints."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.common import UPSET_SLOT, FlowAction, product_request, text_slot
from bot.chat import cancel, pause_flow
from bot.chat.replies import ChatContext, Reply
from bot.services.shop import Shop


class ActionRemoveTooExpensive(FlowAction):
    """Offer the cheaper tier once before removing an item."""

    action_name = "action_remove_too_expensive"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the downsell flow with the product slot."""
        product, _, message = product_request(tracker)  # split spans joined
        product = product or text_slot(tracker, "product")  # "it's too expensive"
        payload = (tracker.latest_message or {}).get("text")
        if message is None and isinstance(payload, str) and payload.startswith("/"):
            message = payload  # the cart page's "Too pricey?" link: a question (F54)
        return cancel.remove_too_expensive(shop, ctx, product, message)


class ActionCancelSubscription(FlowAction):
    """Offer one retention option, or cancel at once when asked again."""

    action_name = "action_cancel_subscription"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the subscription cancel flow (a plan named in the words picks the subscription)."""
        return cancel.cancel_subscription(shop, ctx, product_request(tracker)[2])


class ActionConfirmCancel(FlowAction):
    """Cancel (or remove) at once: the "cancel anyway" choice."""

    action_name = "action_confirm_cancel"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the cancel-anyway flow."""
        return cancel.confirm_cancel(shop, ctx)


class ActionHandleComplaint(FlowAction):
    """Acknowledge a complaint and stop selling for the rest of the conversation."""

    action_name = "action_handle_complaint"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the complaint flow."""
        return cancel.complaint(shop, ctx)

    def events(self, tracker: Tracker) -> list[EventType]:
        """Remember the shopper is upset: no more selling."""
        return [SlotSet(UPSET_SLOT, True)]


class ActionPauseSubscription(FlowAction):
    """Pause the subscription (during a retention offer: the pause instead, if allowed)."""

    action_name = "action_pause_subscription"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the pause flow with the message (it may say how long)."""
        confirmed = (tracker.latest_message or {}).get("confirmed") is True  # "yes, move it"
        return pause_flow.pause_subscription(
            shop, ctx, product_request(tracker)[2], confirmed=confirmed
        )
