"""A socket.io client that speaks to Rasa the way the rasa-webchat widget does."""

from __future__ import annotations

import queue
from typing import Any

import socketio


class WidgetClient:
    """Speaks to the channel the way rasa-webchat does (polling transport)."""

    def __init__(self, url: str) -> None:
        self.client = socketio.Client(reconnection=False)
        self.confirmed: queue.Queue[Any] = queue.Queue()
        self.replies: queue.Queue[dict[str, Any]] = queue.Queue()
        self.client.on("session_confirm", self.confirmed.put)
        self.client.on("bot_uttered", self.replies.put)
        self.client.connect(url, transports=["polling"], wait_timeout=20)

    def start_session(self, session_id: str | None) -> str:
        """Ask for a session (``None``: a new one); return the confirmed id."""
        self.client.emit("session_request", {"session_id": session_id})
        return str(self.confirmed.get(timeout=10))

    def say(self, session_id: str, text: str, **custom: str) -> None:
        """Send a user message with optional custom data."""
        self.client.emit(
            "user_uttered", {"message": text, "session_id": session_id, "customData": custom}
        )

    def leave(self) -> None:
        """Close the connection the way a browser leaving the page does (the server sees it)."""
        self.client.disconnect()

    def close(self) -> None:
        """Drop the connection without telling the server (it notices at the ping timeout)."""
        self.client.eio.disconnect(abort=True)
