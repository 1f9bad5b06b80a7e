"""The socket.io channel the cart-page widget talks to, with session persistence that works.

Rasa 3.6.21's :class:`~rasa.core.channels.socketio.SocketIOInput` calls
``sio.enter_room(sid, session_id)`` without ``await`` when ``session_persistence`` is on.
In python-socketio 5 that method is a coroutine, so the socket never joins the session's
room and every bot reply (emitted to that room) is lost. :class:`PersistentSocketIOInput`
replaces only that handler; everything else is Rasa's own code. It also swaps the shopper's
token in ``customData`` for a conversation-bound grant before Rasa stores the message
(:mod:`bot.channels.guard`). Browser origins are limited by Rasa's CORS (``--cors`` with
``SHOP_ORIGINS``), which also answers the socket.io polling requests.

Use it in ``credentials.yml``::

    bot.channels.socketio.PersistentSocketIOInput:
      session_persistence: true
      metadata_key: customData
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from bot.channels.guard import guarded

log = logging.getLogger(__name__)


def readable_metadata(data: dict[str, Any], key: str | None) -> dict[str, Any]:
    """The message with its metadata as an object: a string that is no JSON object becomes ``{}``.

    Rasa's handler ``json.loads`` a string and raises on anything else (the client then gets
    no reply at all); without usable metadata the message simply carries no token.
    """
    if key is None or key not in data:
        return data
    metadata = data[key]
    if isinstance(metadata, str):
        try:
            metadata = json.loads(metadata)
        except ValueError:
            metadata = {}
    return {**data, key: metadata if isinstance(metadata, dict) else {}}


def session_id_from(data: Any) -> str:
    """The session id a client asked for, or a new one.

    Args:
        data: The ``session_request`` payload (``{"session_id": ...}``, or anything else).

    Returns:
        The requested id when it is a non-empty string of at most 128 characters,
        otherwise a fresh random hex id.
    """
    requested = data.get("session_id") if isinstance(data, dict) else None
    if isinstance(requested, str) and 0 < len(requested) <= 128:
        return requested
    return uuid.uuid4().hex


class PersistentSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel, with the session's room joined before it is confirmed."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Build Rasa's blueprint, then replace its ``session_request`` handler.

        Args:
            on_new_message: Rasa's handler for incoming user messages.

        Returns:
            The socket.io blueprint Rasa mounts.
        """
        blueprint = super().blueprint(guarded(on_new_message))
        sio = self.sio
        if sio is None:  # set by super().blueprint
            raise RuntimeError("Rasa's socket.io channel built no server")

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: Any) -> None:
            session_id = session_id_from(data)
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=self.namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)
            log.debug("socket %s joined session %s", sid, session_id)

        rasa_handler = sio.handlers[self.namespace or "/"][self.user_message_evt]

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def user_message(sid: str, data: Any) -> None:
            if not isinstance(data, dict):  # Rasa's handler would raise, and say nothing
                unreadable = {"text": "Sorry, I couldn't read that message."}
                await sio.emit(self.bot_message_evt, unreadable, room=sid, namespace=self.namespace)
                return
            await rasa_handler(sid, readable_metadata(data, self.metadata_key))

        return blueprint
