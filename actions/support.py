"""Requests outside what the assistant does: an honest reply, after the pending question."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.common import UPSET_SLOT, FlowAction
from bot.chat.confirm import carried_subscription
from bot.chat.handoff import handoff
from bot.chat.message_guards import goodbye_or_statement
from bot.chat.plan_change import change_plan
from bot.chat.replies import ChatContext, Reply
from bot.chat.undo import undo_last
from bot.chat.unsupported import unsupported_request
from bot.services.shop import Shop


class ActionUnsupportedRequest(FlowAction):
    """Say honestly that returns, order status, codes... can't be handled here, and where to go.

    As a flow action, an open offer reads the message first ("a discount instead?" during a
    retention offer is the discount option, not a coupon request).
    """

    action_name = "action_unsupported_request"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """The intent's honest reply."""
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        return unsupported_request(
            intent if isinstance(intent, str) else None, shop.support_contact
        )


class ActionGoodbye(FlowAction):
    """Say goodbye, when the message says it; a statement ("mugs are nice") gets an answer.

    As a flow action, the pending question is read first.
    """

    action_name = "action_goodbye"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """A goodbye, a helpful answer to a statement, or "anything else?"."""
        text = (tracker.latest_message or {}).get("text")
        return goodbye_or_statement(text if isinstance(text, str) else "")


class ActionHandoff(FlowAction):
    """Asked for a person: say honestly how to reach one, and sell nothing more."""

    action_name = "action_handoff"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """The shop's contact; an open selling offer is withdrawn."""
        return handoff(shop, ctx)

    def events(self, tracker: Tracker) -> list[EventType]:
        """No unsolicited offer for the rest of the conversation (as after a complaint)."""
        return [SlotSet(UPSET_SLOT, True)]


class ActionUndo(FlowAction):
    """Reverse the conversation's last cart change ("undo that", "put it back")."""

    action_name = "action_undo"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Undo exactly the last change (a subscription's once confirmed), or say there is none."""
        latest = tracker.latest_message or {}
        text = latest.get("text")
        confirmed = latest.get("confirmed") is True
        return undo_last(shop, ctx, text if isinstance(text, str) else "", confirmed)


class ActionChangePlan(FlowAction):
    """Change the subscription's plan without cancelling, after a confirmation."""

    action_name = "action_change_plan"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Ask to confirm with the price difference; switch once the shopper said yes."""
        latest = tracker.latest_message or {}
        text = latest.get("text")
        confirmed = latest.get("confirmed") is True
        picked = carried_subscription(latest.get("entities")) if confirmed else None
        words = text if isinstance(text, str) else ""  # picked: carried by the "yes" (s25)
        return change_plan(shop, ctx, words, confirmed, subscription_id=picked)


class ActionCoreFallback(Action):
    """Rasa's core fallback ("Sorry, I didn't get that..."), run on the action server.

    The same as Rasa's built-in ``action_default_fallback`` (``utter_default``, the message
    reverted), but here: while the action server is down it fails like every other action,
    so the channel answers with its apology or 503 instead of "I didn't get that" when the
    assistant did get the message (config.yml ``core_fallback_action_name``).
    """

    def name(self) -> str:
        """The action's name in domain.yml and config.yml."""
        return "action_core_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Utter ``utter_default`` and forget the message, as Rasa's own fallback does."""
        dispatcher.utter_message(response="utter_default")
        return [UserUtteranceReverted()]
