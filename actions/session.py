"""Session start: keep the shop token from the first message's metadata."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import TOKEN_SLOT, UPSET_SLOT


class ActionSessionStart(Action):
    """Start a session, carrying the token (and mood) over and reading the first metadata."""

    def name(self) -> str:
        """Action name in the domain."""
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Emit ``session_started``, the carried-over slots, then ``action_listen``."""
        metadata = tracker.get_slot("session_started_metadata") or {}
        token = metadata.get("token") if isinstance(metadata, dict) else None
        if not isinstance(token, str) or not token:
            token = tracker.get_slot(TOKEN_SLOT)
        events: list[EventType] = [SessionStarted()]
        if token:
            events.append(SlotSet(TOKEN_SLOT, token))
        if tracker.get_slot(UPSET_SLOT):
            events.append(SlotSet(UPSET_SLOT, True))
        events.append(ActionExecuted("action_listen"))
        return events
