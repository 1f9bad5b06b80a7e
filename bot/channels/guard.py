"""Swap a shopper's token in message metadata for a grant, before Rasa stores the message.

Rasa keeps every message's metadata in its tracker store (and sends it to the action server).
A raw cart token there would be a bearer credential at rest. The web channels (REST and
socket.io) therefore verify the token as it arrives and replace it with a *grant*: the
token's claims, signed for this one conversation (:func:`bot.tokens.issue_grant`). The shop
API never accepts a grant; the action server re-checks it. A grant sent by a client is
dropped, so only this code can put one into a message.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from rasa.core.channels.channel import UserMessage

from bot.channels.length import cut_long_message
from bot.config import shop_secret
from bot.domain.errors import InvalidToken
from bot.tokens import GRANT_KEY, issue_grant, verify_token

log = logging.getLogger(__name__)
TOKEN_KEY = "token"
KEPT_KEYS = ("message_id",)
"""The client metadata Rasa may keep besides the grant: anything else is dropped, so a
client cannot park megabytes in the tracker store (every later turn would carry them)."""
MAX_KEPT_VALUE = 128
OnMessage = Callable[[UserMessage], Awaitable[Any]]


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


def guarded(on_new_message: OnMessage) -> OnMessage:
    """Wrap Rasa's message handler so each message's token becomes a grant first.

    An over-long text becomes the ``message_too_long`` intent (:mod:`bot.channels.length`).
    """

    @functools.wraps(on_new_message)
    async def handle(message: UserMessage) -> Any:
        await cut_long_message(message)
        metadata = message.metadata if isinstance(message.metadata, Mapping) else None
        message.metadata = exchange_token(metadata, message.sender_id, shop_secret())
        return await on_new_message(message)

    return handle
