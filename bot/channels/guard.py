"""Swap a shopper's token in message metadata for a grant, before Rasa stores the message.

Rasa keeps every message's metadata in its tracker store (and sends it to the action server).
A raw cart token there would be a bearer credential at rest. The web channels (REST and
socket.io) therefore verify the token as it arrives and replace it with a *grant*: the
token's claims, signed for this one conversation (:func:`bot.tokens.issue_grant`). The shop
API never accepts a grant; the action server re-checks it. A grant sent by a client is
dropped, so only this code can put one into a message.

A message without the conversation's grant never reaches Rasa when the conversation is bound
to a cart (or belongs to a linked messaging user): it is answered here with "I can't see your
cart…" (or "This chat is already tied to another cart…" for another cart's token), so it is
not stored in the shopper's tracker and cannot answer their pending question, close their
open offer or move their focus (G14, :func:`bot.services.chat_sessions.web_turn_refusal`).
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from rasa.core.channels.channel import UserMessage

from bot.channels.length import answered_empty, cut_long_message
from bot.config import shop_secret
from bot.domain.errors import InvalidToken
from bot.services.chat_sessions import WebTurnRefusal, web_turn_refusal
from bot.services.shop import Shop, default_shop
from bot.tokens import GRANT_KEY, Claims, issue_grant, verify_grant, verify_token

log = logging.getLogger(__name__)
TOKEN_KEY = "token"
KEPT_KEYS = ("message_id",)
"""The client metadata Rasa may keep besides the grant: anything else is dropped, so a
client cannot park megabytes in the tracker store (every later turn would carry them)."""
MAX_KEPT_VALUE = 128
OnMessage = Callable[[UserMessage], Awaitable[Any]]

REFUSALS = {
    WebTurnRefusal.NO_ACCESS: (
        "I can't see your cart or account from this chat. Please open the chat from your "
        "cart page so I can help with it."
    ),
    WebTurnRefusal.CONFLICT: (
        "This chat is already tied to another cart, so I won't mix the two. Please start a "
        "new chat from the cart page you want help with."
    ),
}
"""The channel's own answers; the same words as ``utter_no_access`` and
``utter_session_conflict`` in ``domain.yml`` (tested)."""

shop_provider: Callable[[], Shop] = default_shop
"""Where the guard gets the shop store from (the bindings); tests may point it elsewhere."""


def exchange_token(metadata: Mapping[str, Any] | None, conversation_id: str, secret: str) -> dict:
    """The metadata Rasa may store: no ``token``, and a grant when the token was valid.

    Args:
        metadata: What the client sent (``{"token": "...", "message_id": ...}``).
        conversation_id: Rasa's sender id; the grant is valid for it only.
        secret: The shop's signing secret.

    Returns:
        Only the :data:`KEPT_KEYS` whose value is a string or number of at most 128
        characters (never ``token`` or a client-made grant), plus ``{"shop_grant": ...}``
        when the token was valid. A forged or expired token is dropped silently: the
        conversation then has no cart access, as with no token.
    """
    cleaned = {
        key: value
        for key, value in (metadata or {}).items()
        if key in KEPT_KEYS
        and isinstance(value, (str, int))
        and not isinstance(value, bool)
        and len(str(value)) <= MAX_KEPT_VALUE
    }
    token = (metadata or {}).get(TOKEN_KEY)
    if isinstance(token, str) and token:
        try:
            cleaned[GRANT_KEY] = issue_grant(secret, conversation_id, verify_token(secret, token))
        except InvalidToken:
            log.info("a message carried an invalid shop token; it was dropped")
    return cleaned


def granted_claims(metadata: Mapping[str, Any], conversation_id: str, secret: str) -> Claims | None:
    """The claims of the grant :func:`exchange_token` put on the message, if any."""
    try:
        return verify_grant(secret, conversation_id, metadata.get(GRANT_KEY))
    except InvalidToken:
        return None


async def refusal_for(message: UserMessage, secret: str) -> str | None:
    """The channel's answer when the message may not enter its conversation, else ``None``."""
    claims = granted_claims(message.metadata or {}, message.sender_id, secret)
    refusal = await asyncio.to_thread(web_turn_refusal, shop_provider(), message.sender_id, claims)
    return REFUSALS[refusal] if refusal is not None else None


def guarded(on_new_message: OnMessage) -> OnMessage:
    """Wrap Rasa's message handler so each message's token becomes a grant first.

    An over-long text becomes the ``message_too_long`` intent (:mod:`bot.channels.length`).
    A message without the grant of a bound conversation is answered here and never reaches
    Rasa (:func:`refusal_for`).
    """

    @functools.wraps(on_new_message)
    async def handle(message: UserMessage) -> Any:
        if await answered_empty(message):  # "message": "  " gets a reply, never a turn
            return None
        await cut_long_message(message)
        metadata = message.metadata if isinstance(message.metadata, Mapping) else None
        secret = shop_secret()
        message.metadata = exchange_token(metadata, message.sender_id, secret)
        refusal = await refusal_for(message, secret)
        if refusal is not None:
            log.info("a web message without this conversation's grant was answered, not stored")
            if message.output_channel is not None:
                await message.output_channel.send_text_message(message.sender_id, refusal)
            return None
        return await on_new_message(message)

    return handle
