"""Session start: carry the mood over; never carry a token (the cart is bound in the store)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import common
from actions.common import TOKEN_SLOT, UPSET_SLOT
from bot.services.chat_sessions import close_open_questions

log = logging.getLogger(__name__)


class ActionSessionStart(Action):
    """Start a session, carrying the mood over.

    The conversation's cart is not a slot: each message's grant, or the conversation's
    binding in the shop store (``bot.services.chat_sessions``), gives it. A token left in
    the ``shop_token`` slot by an older version is cleared. An offer or question still open
    from before (``/restart``, an expired session) is closed as superseded: the shopper no
    longer sees it, so a later bare "no" must not answer it.
    """

    def name(self) -> str:
        """Action name in the domain."""
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Emit ``session_started``, the carried-over mood, then ``action_listen``."""
        try:
            await asyncio.to_thread(close_open_questions, common.shop_provider(), tracker.sender_id)
        except Exception:  # noqa: BLE001 - a session always starts; the next action retries
            log.exception("closing the open offer at session start failed")
        events: list[EventType] = [SessionStarted()]
        if tracker.get_slot(TOKEN_SLOT):
            events.append(SlotSet(TOKEN_SLOT, None))
        if tracker.get_slot(UPSET_SLOT):
            events.append(SlotSet(UPSET_SLOT, True))
        events.append(ActionExecuted("action_listen"))
        return events
