"""Live: the widget's socket.io channel carries the token in custom data (``metadata_key``)."""

from __future__ import annotations

import queue
from typing import Any

import socketio

from tests.live.helpers import Live


def socketio_chat(url: str, messages: list[dict[str, Any]], replies_each: int) -> list[str]:
    """Send messages like rasa-webchat does and collect the bot's texts (polling transport)."""
    client = socketio.Client(reconnection=False)
    received: queue.Queue[dict[str, Any]] = queue.Queue()
    client.on("bot_uttered", received.put)
    client.connect(url, transports=["polling"], socketio_path="/socket.io", wait_timeout=30)
    texts: list[str] = []
    try:
        client.emit("session_request", {"session_id": None})
        for message in messages:
            client.emit("user_uttered", message)
            for _ in range(replies_each):
                texts.append(received.get(timeout=60).get("text", ""))
    finally:
        client.disconnect()
    return texts


def test_socketio_custom_data_token_reaches_the_cart(live: Live) -> None:
    _, token = live.new_cart("live-socketio", **{"CF-MUG": 2})
    url = f"http://127.0.0.1:{live.stack.rasa_port}"
    messages = [
        {"message": "what's in my cart?", "customData": {"token": token}},
        {"message": "how much more for free shipping?"},  # token only on the first message
    ]
    texts = socketio_chat(url, messages, replies_each=1)

    assert texts[0] == (
        "In your cart:\n- 2 × Ceramic Mug: $18.00\nSubtotal: $18.00\nShipping: $4.99\nTotal: $22.99"
    )
    assert texts[1] == (
        "You're $32.00 away from free shipping (free from $50.00; shipping is $4.99 now)."
    )
