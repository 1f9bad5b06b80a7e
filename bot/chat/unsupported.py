"""Requests the checkout assistant can't handle here: an honest reply, never a total or a pitch.

Returns, order status, discount codes, shipping destinations, general off-topic requests and
messages the NLU could not place (``nlu_fallback``) each get a fixed reply saying what to do
instead. The reply reads no cart and changes nothing. The action runs as a flow action so
that the pending question is read first: "can I get a discount instead?" while a retention
offer is open asks for the discount option, not for a coupon code, and "switch me to a
cheaper plan" is read as that option even when the NLU placed it nowhere (see
:mod:`bot.chat.dialogue`).
"""

from __future__ import annotations

from bot.chat.replies import Reply
from bot.config import DEFAULT_SUPPORT_CONTACT

UNSUPPORTED_REPLIES = {
    "ask_returns": "utter_ask_returns",
    "ask_order_status": "utter_ask_order_status",
    "ask_delivery_date": "utter_ask_delivery_date",  # read by its words (s25), no intent
    "ask_discount_code": "utter_ask_discount_code",
    "ask_shipping_destination": "utter_ask_shipping_destination",
    "out_of_scope": "utter_out_of_scope",
    "nlu_fallback": "utter_default",
}
"""Intent → its honest reply; any other intent gets the general out-of-scope reply."""
NAMES_CONTACT = frozenset(
    {"utter_ask_returns", "utter_ask_order_status", "utter_ask_discount_code",
     "utter_ask_shipping_destination", "utter_ask_delivery_date"}
)  # fmt: skip
"""Replies that say where to reach the shop's team (``{contact}`` in the template)."""


def unsupported_request(intent: str | None, contact: str = DEFAULT_SUPPORT_CONTACT) -> list[Reply]:
    """The honest reply to a request outside what the assistant does.

    Args:
        intent: The message's intent name (``"ask_returns"``...), or None.
        contact: Where the shop's team is reached (``Shop.support_contact``).

    Returns:
        One reply; never reads or changes a cart.
    """
    response = UNSUPPORTED_REPLIES.get(intent or "", "utter_out_of_scope")
    return [Reply(response, {"contact": contact} if response in NAMES_CONTACT else {})]
