"""The socket.io channel the cart-page widget talks to, with session persistence that works.

Rasa 3.6.21's :class:`~rasa.core.channels.socketio.SocketIOInput` calls
``sio.enter_room(sid, session_id)`` without ``await`` when ``session_persistence`` is on.
In python-socketio 5 that method is a coroutine, so the socket never joins the session's
room and every bot reply (emitted to that room) is lost. :class:`PersistentSocketIOInput`
replaces only that handler; everything else is Rasa's own code. It also swaps the shopper's
token in ``customData`` for a conversation-bound grant before Rasa stores the message
(:mod:`bot.channels.guard`). A session id belongs to the first socket that asks for it
(:mod:`bot.channels.socket_sessions`): another socket gets a fresh id instead of joining the
owner's room, and a message for a session the socket does not own is refused, so nobody who
learnt a session id sees the shopper's replies or talks into them. A message over its
conversation's or its client's rate limit is answered "You're sending messages faster…"
and never reaches Rasa (:mod:`bot.channels.throttle`). Browser origins are
limited by Rasa's CORS (``--cors`` with ``SHOP_ORIGINS``), which also answers the socket.io
polling requests.

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
from bot.channels.socket_sessions import SessionOwners
from bot.channels.throttle import SLOW_DOWN, sanic_client, turn_verdict

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


UNREADABLE = "Sorry, I couldn't read that message."
"""The answer to a ``user_uttered`` that is no object or whose ``message`` is no text."""

NOT_YOUR_SESSION = (
    "This chat isn't open in this window any more. Please reload the page to start a new chat."
)
"""The answer to a message for a session id this socket does not own (nothing reaches Rasa)."""


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

        owners = SessionOwners()
        namespace = self.namespace or "/"

        def is_live(sid: str) -> bool:
            return bool(sio.manager.is_connected(sid, namespace))

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: Any) -> None:
            requested = session_id_from(data)
            if requested != sid and sio.manager.is_sid_room(namespace, requested):
                # another socket's own room (its sid): never joinable (G20), a new id instead
                requested = uuid.uuid4().hex
            session_id = (
                owners.claim(sid, requested, is_live) if self.session_persistence else requested
            )
            if self.session_persistence:
                await _enter_owned_room(sio, owners, sid, session_id, namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)
            if session_id != requested:
                log.info(
                    "socket %s asked for a session owned by a live socket; gave a new one", sid
                )
            log.debug("socket %s joined session %s", sid, session_id)

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: str, *_: Any) -> None:
            owners.release(sid)
            log.debug("socket %s disconnected", sid)

        rasa_handler = sio.handlers[self.namespace or "/"][self.user_message_evt]

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def user_message(sid: str, data: Any) -> None:
            if not isinstance(data, dict) or not isinstance(data.get("message"), str):
                await self._tell(sid, UNREADABLE)  # Rasa's handler would raise, say nothing
                return
            if self.session_persistence and not owners.owns(sid, data.get("session_id")):
                log.info("socket %s sent a message for a session it does not own", sid)
                await self._tell(sid, NOT_YOUR_SESSION)
                return
            sender = data.get("session_id") if self.session_persistence else sid
            request = (sio.get_environ(sid, namespace) or {}).get("sanic.request")
            client = sanic_client(request) if request is not None else None
            if not (await turn_verdict(str(sender), client)).allowed:
                await self._tell(sid, SLOW_DOWN)
                return
            await rasa_handler(sid, readable_metadata(data, self.metadata_key))

        return blueprint

    async def _tell(self, sid: str, text: str) -> None:
        """Send one channel-made message to this socket only (nothing before the server starts)."""
        if self.sio is None:
            return
        await self.sio.emit(
            self.bot_message_evt, {"text": text}, room=sid, namespace=self.namespace
        )


async def _enter_owned_room(
    sio: Any, owners: SessionOwners, sid: str, session_id: str, namespace: str
) -> None:
    """Join the session's room; leave any session room the socket no longer owns."""
    for room in sio.rooms(sid, namespace=namespace):
        if room != sid and not owners.owns(sid, room):
            await sio.leave_room(sid, room, namespace=namespace)
    await sio.enter_room(sid, session_id, namespace=namespace)
