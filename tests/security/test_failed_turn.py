"""A failed turn is never a silent ``200 []``: 503 with Retry-After, or an apology.

Rasa's REST channel answers ``200 []`` when a turn fails, so a client cannot tell a dropped
message from an empty reply. First on a small server with a bot that fails on request
(stock channel against ours), then end to end: the action server goes down mid-session.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.channels.rest import APOLOGY, RESTARTED, is_restart
from bot.config import PROJECT_ROOT
from bot.launcher import free_port, wait_for
from tests.live.helpers import Live, http, texts


def _serve(kind: str) -> Iterator[str]:
    port = free_port()
    # the guarded channel reads conversation bindings from a shop store: a throwaway one
    store = Path(tempfile.mkdtemp(prefix="turn-server-")) / "shop.db"
    env = {**os.environ, "SHOP_SECRET": "turn-secret", "PYTHONPATH": str(PROJECT_ROOT),
           "SHOP_DB_URL": f"sqlite:///{store}"}  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.security.turn_server", kind, str(port)],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for({kind: f"http://127.0.0.1:{port}/webhooks/rest/"}, {kind: process}, 60)
        yield f"http://127.0.0.1:{port}/webhooks/rest/webhook"
    finally:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def stock() -> Iterator[str]:
    yield from _serve("stock")


@pytest.fixture(scope="module")
def guarded() -> Iterator[str]:
    yield from _serve("guarded")


def _post(url: str, text: str) -> tuple[int, object, str | None]:
    body = {"sender": "turn-test", "message": text}
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"}, method="POST",
    )  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response), None
    except urllib.error.HTTPError as error:
        return error.code, json.load(error), error.headers.get("Retry-After")


def test_the_stock_channel_answers_a_failed_turn_with_200_and_nothing(stock: str) -> None:
    for text in ("raise", "silent"):
        assert _post(stock, text)[:2] == (200, [])


@pytest.mark.parametrize("text", ["raise", "cancel"])
def test_a_failed_turn_gets_503_with_retry_after(guarded: str, text: str) -> None:
    status, body, retry_after = _post(guarded, text)
    assert status == 503 and set(body) == {"error"}
    assert retry_after is not None and int(retry_after) > 0


def test_a_turn_without_a_reply_gets_an_apology(guarded: str) -> None:
    status, body, _ = _post(guarded, "silent")
    assert status == 200 and body == [{"recipient_id": "turn-test", "text": APOLOGY}]
    assert _post(guarded, "hello")[:2] == (
        200,
        [{"recipient_id": "turn-test", "text": "echo hello"}],
    )


def test_a_restart_is_answered_as_a_restart_not_an_apology(guarded: str) -> None:
    """F52: Rasa's ``/restart`` ends without a bot message; that is no failure."""
    assert _post(guarded, "/restart")[:2] == (
        200,
        [{"recipient_id": "turn-test", "text": RESTARTED}],
    )


@pytest.mark.parametrize(
    ("text", "restart"),
    [("/restart", True), (" /restart{}", True), ("/restart_x", False), ("restart", False),
     ("/restarts", False), ("please /restart", False)],
)  # fmt: skip
def test_is_restart(text: str, restart: bool) -> None:
    assert is_restart(text) is restart


def test_a_turn_is_not_silent_while_the_action_server_is_down(secure: Live) -> None:
    _, token = secure.new_cart("actions-down", **{"CF-MUG": 1})
    chat = secure.conversation(token)
    stack = secure.stack
    stack.processes["actions"].kill()
    stack.processes["actions"].wait(timeout=10)
    try:
        status, replies = http(
            "POST", stack.rest_url,
            {"sender": chat.sender, "message": "what's in my cart?", "metadata": {"token": token}},
        )  # fmt: skip
        assert status == 503 or texts(replies) == [APOLOGY], (status, replies)
    finally:
        log = (stack.log_dir / "actions.log").open("ab")
        stack.processes["actions"] = subprocess.Popen(
            stack._commands()["actions"], cwd=PROJECT_ROOT, env=stack._environment(),
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        url = f"http://127.0.0.1:{stack.action_port}/health"
        wait_for({"actions": url}, {"actions": stack.processes["actions"]}, 120)
        time.sleep(0.5)
    assert "Mug" in " ".join(texts(chat.say("what's in my cart?")))  # back to normal
