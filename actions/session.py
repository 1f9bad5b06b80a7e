"""Session start: carry the mood over; never carry a token (the cart is bound in the store)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import TOKEN_SLOT, UPSET_SLOT


class ActionSessionStart(Action):
    """Start a session, carrying the mood over.

    The conversation's cart is not a slot: each message's grant, or the conversation's
    binding in the shop store (``bot.services.chat_sessions``), gives it. A token left in
    the ``shop_token`` slot by an older version is cleared.
    """

    def name(self) -> str:
        """Action name in the domain."""
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Emit ``session_started``, the carried-over mood, then ``action_listen``."""
        events: list[EventType] = [SessionStarted()]
        if tracker.get_slot(TOKEN_SLOT):
            events.append(SlotSet(TOKEN_SLOT, None))
        if tracker.get_slot(UPSET_SLOT):
            events.append(SlotSet(UPSET_SLOT, True))
        events.append(ActionExecuted("action_listen"))
        return events
