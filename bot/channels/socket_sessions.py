"""Which socket owns which socket.io session id, so no other socket can join its room.

Rasa's socket.io channel sends every bot reply to the room named by the session id, and the
session id is chosen by the client. Without an owner, any socket that sends
``session_request {"session_id": X}`` joins room ``X`` and receives the shopper's replies
(cart lines, totals, subscription offers), and its messages are answered into that room.
:class:`SessionOwners` binds a session id to the first socket (``sid``) that asks for it; a
second socket asking for an id whose owner is still connected gets a fresh random id instead.
The owner's disconnect frees its ids again, so a reloaded page gets its conversation back.

The map lives in the process: with several Rasa replicas, socket.io needs sticky sessions
(``ip_hash``) anyway, and socket.io rooms are per process too (docs/deploy.md).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

MAX_SESSIONS_PER_SOCKET = 8
"""A socket keeps at most this many session ids; asking for more frees its oldest one."""


class SessionOwners:
    """Session id → owning socket, per process."""

    def __init__(self) -> None:
        self._owner: dict[str, str] = {}
        self._sessions: dict[str, list[str]] = {}

    def claim(self, sid: str, requested: str, is_live: Callable[[str], bool]) -> str:
        """Bind ``requested`` to ``sid``, unless another live socket owns it.

        Args:
            sid: The asking socket.
            requested: The session id it asked for.
            is_live: Whether a socket is still connected.

        Returns:
            ``requested`` when it was free, already ``sid``'s, or owned by a socket that is
            gone; otherwise a fresh random id (bound to ``sid``).
        """
        owner = self._owner.get(requested)
        if owner is not None and owner != sid:
            if is_live(owner):
                requested = uuid.uuid4().hex
            else:
                self._forget(owner, requested)
        self._bind(sid, requested)
        return requested

    def owns(self, sid: str, session_id: object) -> bool:
        """Whether ``session_id`` is bound to ``sid``."""
        return isinstance(session_id, str) and self._owner.get(session_id) == sid

    def owner(self, session_id: str) -> str | None:
        """The socket that owns ``session_id``, if any."""
        return self._owner.get(session_id)

    def release(self, sid: str) -> None:
        """Free every session id of a socket that disconnected."""
        for session_id in self._sessions.pop(sid, []):
            if self._owner.get(session_id) == sid:
                del self._owner[session_id]

    def _bind(self, sid: str, session_id: str) -> None:
        sessions = self._sessions.setdefault(sid, [])
        if session_id in sessions:
            return
        sessions.append(session_id)
        self._owner[session_id] = sid
        while len(sessions) > MAX_SESSIONS_PER_SOCKET:
            oldest = sessions.pop(0)
            if self._owner.get(oldest) == sid:
                del self._owner[oldest]

    def _forget(self, sid: str, session_id: str) -> None:
        sessions = self._sessions.get(sid, [])
        if session_id in sessions:
            sessions.remove(session_id)
        if not sessions:
            self._sessions.pop(sid, None)
        if self._owner.get(session_id) == sid:
            del self._owner[session_id]
