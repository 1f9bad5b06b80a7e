"""Chat turns over the rate limit, on the real web channels (REST and socket.io, echo "bot").

The echo server runs with small limits (3 turns per conversation, 5 per client a minute) and
trusts 127.0.0.1 as a proxy, so each test speaks as its own client (``X-Forwarded-For``). A
turn over a limit is answered politely by the channel and never reaches the "bot".
"""

from __future__ import annotations

import json
import queue
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import socketio

from bot.channels.throttle import SLOW_DOWN
from bot.services.shop import Shop
from tests.channels.test_socketio_channel import _serve, echo_shop  # noqa: F401 (fixture)

LIMITS = {
    "SHOP_LIMIT_CHAT_SENDER": "3/minute",
    "SHOP_LIMIT_CHAT_CLIENT": "5/minute",
    "SHOP_TRUSTED_PROXIES": "127.0.0.1",
}


@pytest.fixture(scope="module")
def limited_url(echo_shop: Shop) -> Iterator[str]:  # noqa: F811
    """The project's channels (socket.io and REST) with small chat limits."""
    yield from _serve("fixed", echo_shop, **LIMITS)


def a_client() -> str:
    """A fresh client address (the echo server trusts the test as its proxy)."""
    return "198.18." + ".".join(str(b) for b in uuid.uuid4().bytes[:2])


def rest(url: str, sender: str, text: str, client: str) -> tuple[int, dict[str, str], Any]:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(
        f"{url}/webhooks/rest/webhook",
        data=body,
        headers={"Content-Type": "application/json", "X-Forwarded-For": client},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read())


def test_rest_turns_over_the_conversation_limit_get_a_polite_429(limited_url: str) -> None:
    client = a_client()
    answers = [rest(limited_url, "flood-rest", f"message {n}", client) for n in range(4)]
    assert [status for status, _, _ in answers[:3]] == [200, 200, 200]
    assert answers[2][2] == [{"recipient_id": "flood-rest", "text": "flood-rest: message 2 (None)"}]
    status, headers, body = answers[3]
    assert status == 429 and 1 <= int(headers["Retry-After"]) <= 61
    assert body == [{"recipient_id": "flood-rest", "text": SLOW_DOWN}]  # the echo never ran
    # another conversation of the same client still gets through
    assert rest(limited_url, "flood-rest-2", "hi", client)[0] == 200


def test_rest_turns_over_the_client_limit_are_refused_for_every_conversation(
    limited_url: str,
) -> None:
    client, other = a_client(), a_client()
    statuses = [rest(limited_url, f"many-{n}", "hi", client)[0] for n in range(6)]
    assert statuses == [200, 200, 200, 200, 200, 429]
    assert rest(limited_url, "many-5", "hi", client)[2] == [
        {"recipient_id": "many-5", "text": SLOW_DOWN}
    ]
    # another client is not held back by this one's turns, even in the same conversation
    assert rest(limited_url, "many-0", "hi", other)[0] == 200


def test_socketio_turns_over_the_limit_get_a_polite_reply(limited_url: str) -> None:
    client = socketio.Client(reconnection=False)
    replies: queue.Queue[dict[str, Any]] = queue.Queue()
    confirmed: queue.Queue[Any] = queue.Queue()
    client.on("bot_uttered", replies.put)
    client.on("session_confirm", confirmed.put)
    client.connect(
        limited_url,
        transports=["polling"],
        headers={"X-Forwarded-For": a_client()},
        wait_timeout=20,
    )
    try:
        client.emit("session_request", {"session_id": f"flood-{uuid.uuid4().hex}"})
        session = confirmed.get(timeout=10)
        texts = []
        for n in range(4):
            client.emit("user_uttered", {"message": f"m{n}", "session_id": session})
            texts.append(replies.get(timeout=10)["text"])
    finally:
        client.disconnect()
    assert texts[:3] == [f"{session}: m{n} (None)" for n in range(3)]
    assert texts[3] == SLOW_DOWN
