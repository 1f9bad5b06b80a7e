"""Linking action: a messaging user types the code from the cart page."""

from __future__ import annotations

from rasa_sdk import Tracker

from actions.common import FlowAction, entity_texts
from bot.chat import linking
from bot.chat.replies import ChatContext, Reply
from bot.services.shop import Shop


class ActionLinkAccount(FlowAction):
    """Link this Telegram, Slack, Messenger or SMS/WhatsApp user to a cart with a code."""

    action_name = "action_link_account"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the linking flow with the ``link_code`` entity or the message text."""
        code = next(iter(entity_texts(tracker, "link_code")), None)
        return linking.link_account(shop, ctx, code, (tracker.latest_message or {}).get("text"))
