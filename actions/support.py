"""Requests outside what the assistant does: an honest reply, after the pending question."""

from __future__ import annotations

from rasa_sdk import Tracker

from actions.common import FlowAction
from bot.chat.message_guards import goodbye_or_statement
from bot.chat.replies import ChatContext, Reply
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
        return unsupported_request(intent if isinstance(intent, str) else None)


class ActionGoodbye(FlowAction):
    """Say goodbye, when the message says it; a statement ("mugs are nice") gets an answer.

    As a flow action, the pending question is read first.
    """

    action_name = "action_goodbye"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """A goodbye, a helpful answer to a statement, or "anything else?"."""
        text = (tracker.latest_message or {}).get("text")
        return goodbye_or_statement(text if isinstance(text, str) else "")
