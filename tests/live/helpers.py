"""Helpers for the live tier: HTTP calls, conversations over the REST channel."""

from __future__ import annotations

import asyncio
import itertools
import json
import urllib.error
import urllib.request
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from bot.launcher import Stack
from bot.services.shop import Shop

_ids = itertools.count(1)
T = TypeVar("T")


def in_thread(function: Callable[..., T], *args: Any) -> T:
    """Call ``function(*args)`` in a thread of its own and return its result.

    ``asyncio.run`` refuses to run where an event loop is already running, and the browser
    tests (Playwright's sync API) may leave one running in the main thread.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion in a thread of its own (see :func:`in_thread`)."""
    return in_thread(asyncio.run, coroutine)


def http(method: str, url: str, body: Any = None, token: str | None = None) -> tuple[int, Any]:
    """Send a JSON request; return the status and the decoded JSON body."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


@dataclass
class Live:
    """A running stack plus a handle on its store for assertions."""

    stack: Stack
    shop: Shop

    def api(self, method: str, path: str, body: Any = None, token: str | None = None) -> Any:
        """Call the shop API and insist on a 2xx answer."""
        status, payload = http(method, f"{self.stack.shop_url}{path}", body, token)
        assert 200 <= status < 300, (status, payload)
        return payload

    def new_cart(self, customer: str, **lines: int) -> tuple[int, str]:
        """Create a cart through the API, holding ``SKU=quantity`` lines; (cart id, token)."""
        created = self.api("POST", "/api/carts", {"customer_id": customer})
        cart_id, token = created["cart_id"], created["token"]
        for sku, quantity in lines.items():
            self.api(
                "POST", f"/api/carts/{cart_id}/lines", {"sku": sku, "quantity": quantity}, token
            )
        return cart_id, token

    def conversation(self, token: str | None = None) -> Conversation:
        """A new conversation (unique sender id) that sends ``token`` on its first message."""
        return Conversation(self.stack.rest_url, f"live-{next(_ids)}", token)


@dataclass
class Conversation:
    """Talks to Rasa over the REST channel, like a widget would."""

    url: str
    sender: str
    token: str | None
    sent: int = 0

    def say(self, text: str, token: str | None = None) -> list[dict[str, Any]]:
        """Send a message; only the first one carries the token unless one is given."""
        body: dict[str, Any] = {"sender": self.sender, "message": text}
        first_token = self.token if self.sent == 0 else None
        if token or first_token:
            body["metadata"] = {"token": token or first_token}
        self.sent += 1
        status, replies = http("POST", self.url, body)
        assert status == 200, (status, replies)
        return replies


def texts(replies: list[dict[str, Any]]) -> list[str]:
    """The text of each bot message."""
    return [r.get("text", "") for r in replies]


def payloads(replies: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Every button as (title, payload)."""
    return [(b["title"], b["payload"]) for r in replies for b in r.get("buttons", [])]
