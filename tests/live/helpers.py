"""Helpers for the live tier: HTTP calls, conversations over the REST channel."""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
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


SERVER_KEY = "live-server-key"
"""The shop's server key (``SHOP_API_KEY``) of the live stacks."""
RASA_API_TOKEN = "live-rasa-api-token"
"""Rasa's HTTP API token (``RASA_API_TOKEN``) of the live stacks: the tests read trackers."""
LOCAL_RUNNER_LIMITS = {"SHOP_TRUSTED_PROXIES": "127.0.0.1", "SHOP_RATE_LIMIT_EXEMPT": "127.0.0.1"}
"""Rate-limit settings of the test stacks: the test runner (127.0.0.1) is the shop's own
trusted machine, as a load generator or the shop backend would be in production, so the
hundreds of turns and refused credentials of a run are not limited; it is also a trusted
proxy, so a test that sends ``X-Forwarded-For`` speaks as that (unexempt) client and meets
the default limits (``tests/security/test_rate_limits.py``)."""


def http(
    method: str,
    url: str,
    body: Any = None,
    token: str | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, Any]:
    """Send a JSON request; return the status and the decoded JSON body."""
    headers = {"Content-Type": "application/json", **(headers or {})}
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

    def server(self, method: str, path: str, body: Any = None) -> Any:
        """Call a server-to-server endpoint with the shop's server key; insist on a 2xx."""
        return self.api(method, path, body, SERVER_KEY)

    def new_cart(self, customer: str, **lines: int) -> tuple[int, str]:
        """Create a cart through the API, holding ``SKU=quantity`` lines; (cart id, token)."""
        created = self.server("POST", "/api/carts", {"customer_id": customer})
        cart_id, token = created["cart_id"], created["token"]
        for sku, quantity in lines.items():
            self.api(
                "POST", f"/api/carts/{cart_id}/lines", {"sku": sku, "quantity": quantity}, token
            )
        return cart_id, token

    def tracker_url(self, sender: str) -> str:
        """Rasa's tracker of one conversation, with the API token (``sender`` URL-quoted)."""
        quoted = urllib.parse.quote(sender, safe="+:")  # Rasa reads the id from the raw path
        rasa = f"http://127.0.0.1:{self.stack.rasa_port}"
        return f"{rasa}/conversations/{quoted}/tracker?token={RASA_API_TOKEN}"

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
    last: list[dict[str, Any]] = field(default_factory=list)
    """The bot messages of the last reply (their buttons are the live ones)."""

    def say(self, text: str, token: str | None = None) -> list[dict[str, Any]]:
        """Send a message with the conversation's token (or ``token``), as a widget does.

        Over REST every message that needs the cart carries the token: a REST sender id
        is chosen by the client, so the conversation alone grants nothing.
        """
        body: dict[str, Any] = {"sender": self.sender, "message": text}
        if token or self.token:
            body["metadata"] = {"token": token or self.token}
        self.sent += 1
        status, replies = http("POST", self.url, body)
        assert status == 200, (status, replies)
        self.last = replies
        return replies

    def button(self, title: str | None = None, intent: str | None = None) -> str:
        """The payload of the last reply's button titled ``title`` (or the first of ``intent``).

        A question's buttons carry its id (``/affirm{"question_id":"42.1"}``, issue 12): a
        test presses what the bot showed, never a hand-written payload.
        """
        for shown_title, payload in payloads(self.last):
            if title is not None and shown_title == title:
                return payload
            if intent is not None and re.match(rf"^/{intent}(\{{|$)", payload):
                return payload
        raise AssertionError((title, intent, payloads(self.last)))

    def press(self, title: str | None = None, intent: str | None = None) -> list[dict[str, Any]]:
        """Press a button of the last reply, its payload exactly as shown."""
        return self.say(self.button(title, intent))


def texts(replies: list[dict[str, Any]]) -> list[str]:
    """The text of each bot message."""
    return [r.get("text", "") for r in replies]


def payloads(replies: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Every button as (title, payload)."""
    return [(b["title"], b["payload"]) for r in replies for b in r.get("buttons", [])]


_OFFER_PAYLOAD = re.compile(r'^(/(?:affirm|deny))\{"offer_id":"\d+"\}$')


def offer_shape(payload: str) -> str:
    """An offer button's payload with its offer id as ``{offer}`` (issue 12).

    ``/affirm{"offer_id":"17"}`` → ``/affirm{offer}``: the id differs from run to run in a
    shared store, its presence does not. Other payloads come back as they are.
    """
    return _OFFER_PAYLOAD.sub(r"\1{offer}", payload)


_QUESTION_PAYLOAD = re.compile(r'^(/[a-z_]+)\{"question_id":"\d+\.\d+"\}$')


def question_shape(payload: str) -> str:
    """A question button's payload with its id as ``{question}``: ``/deny{question}``."""
    return _QUESTION_PAYLOAD.sub(r"\1{question}", payload)


def shaped(replies: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """:func:`payloads` with each offer button's id as ``{offer}``, a question's ``{question}``."""
    return [(title, question_shape(offer_shape(payload))) for title, payload in payloads(replies)]
