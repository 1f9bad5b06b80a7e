"""The widget's socket.io channel keeps replies flowing with session persistence on.

Rasa 3.6.21's stock channel never awaits ``enter_room``: the first test shows its replies
are lost (if it ever passes on a newer Rasa, :mod:`bot.channels.socketio` can go). The rest
prove :class:`PersistentSocketIOInput` delivers replies, keeps the conversation id across a
reconnect (a page reload) and passes ``customData`` on as metadata.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from bot.channels.guard import REFUSALS
from bot.channels.socketio import NOT_YOUR_SESSION, readable_metadata, session_id_from
from bot.config import PROJECT_ROOT
from bot.launcher import free_port
from bot.services.cart import create_cart
from bot.services.chat_sessions import WebTurnRefusal, bind_conversation
from bot.services.shop import Shop, build_shop
from bot.tokens import issue_grant, issue_token, verify_token
from tests.channels.widget import WidgetClient

QUIET = 3.0  # seconds to wait before deciding a reply was lost
ECHO_SECRET = "echo-secret"


@pytest.fixture(scope="module")
def echo_shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shop]:
    """The shop store the echo servers' channel guard reads the bindings from."""
    shop = build_shop(f"sqlite:///{tmp_path_factory.mktemp('echo') / 'shop.db'}", ECHO_SECRET)
    yield shop
    shop.engine.dispose()


def _serve(kind: str, shop: Shop, **extra_env: str) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "SHOP_SECRET": ECHO_SECRET, "PYTHONPATH": str(PROJECT_ROOT),
           "SHOP_DB_URL": str(shop.engine.url), **extra_env}  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.channels.echo_server", kind, str(port)],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/socket.io/?EIO=4&transport=polling", timeout=1)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"the {kind} echo server did not start")
            time.sleep(0.2)
    try:
        yield url
    finally:
        process.kill()  # Sanic's graceful stop would wait for the clients' long polls
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def stock_url(echo_shop: Shop) -> Iterator[str]:
    """Rasa's own socket.io channel, session persistence on."""
    yield from _serve("stock", echo_shop)


@pytest.fixture(scope="module")
def fixed_url(echo_shop: Shop) -> Iterator[str]:
    """The project's channel, session persistence on."""
    yield from _serve("fixed", echo_shop)


def test_stock_channel_loses_replies_with_session_persistence(stock_url: str) -> None:
    widget = WidgetClient(stock_url)
    try:
        session = widget.start_session(None)
        widget.say(session, "hello")
        with pytest.raises(queue.Empty):
            widget.replies.get(timeout=QUIET)
    finally:
        widget.close()


def test_fixed_channel_delivers_replies(fixed_url: str) -> None:
    widget = WidgetClient(fixed_url)
    try:
        session = widget.start_session(None)
        widget.say(session, "hello", token=issue_token(ECHO_SECRET, 1, 1))
        reply = widget.replies.get(timeout=10)
    finally:
        widget.close()
    assert len(session) == 32
    assert reply == {"text": f"{session}: hello (grant)"}  # the token never reaches Rasa


def test_fixed_channel_keeps_the_conversation_across_a_reconnect(fixed_url: str) -> None:
    first = WidgetClient(fixed_url)
    session = first.start_session("widget-session-42")
    first.say(session, "before reload")
    assert first.replies.get(timeout=10)["text"].startswith("widget-session-42: before reload")
    first.leave()  # the page unloads: its socket closes, which frees the session id

    second = WidgetClient(fixed_url)  # the reloaded page asks for its stored session
    try:
        assert second.start_session("widget-session-42") == "widget-session-42"
        second.say("widget-session-42", "after reload")
        reply = second.replies.get(timeout=10)
    finally:
        second.close()
    assert reply == {"text": "widget-session-42: after reload (None)"}


def test_a_second_socket_never_joins_a_live_session(fixed_url: str) -> None:
    """F53: an attacker who knows the shopper's session id gets neither replies nor a voice."""
    shopper, attacker = WidgetClient(fixed_url), WidgetClient(fixed_url)
    try:
        session = shopper.start_session("victim-session-f53")
        own = attacker.start_session("victim-session-f53")
        shopper.say(session, "what's in my cart", token=issue_token(ECHO_SECRET, 1, 1))
        shopper_reply = shopper.replies.get(timeout=10)
        attacker.say(session, "add a mug")  # into the shopper's session id, as sent
        refused = attacker.replies.get(timeout=10)
        attacker.say(own, "hello")  # its own (new) session
        own_reply = attacker.replies.get(timeout=10)
        with pytest.raises(queue.Empty):
            shopper.replies.get(timeout=QUIET)  # nothing of the attacker's reached the shopper
        with pytest.raises(queue.Empty):
            attacker.replies.get(timeout=0.1)  # and nothing of the shopper's reached it
    finally:
        shopper.close()
        attacker.close()
    assert session == "victim-session-f53"
    assert own != session and len(own) == 32
    assert shopper_reply == {"text": "victim-session-f53: what's in my cart (grant)"}
    assert refused == {"text": NOT_YOUR_SESSION}
    assert own_reply == {"text": f"{own}: hello (None)"}


def test_a_bound_session_taken_over_without_the_token_reaches_nothing(
    fixed_url: str, echo_shop: Shop
) -> None:
    """G14: once the shopper's page is gone, a socket that takes over its session id may
    talk into it only with the shopper's token: else the channel answers, Rasa sees nothing."""
    _, token = create_cart(echo_shop, "socket-shopper")
    _, other = create_cart(echo_shop, "socket-intruder")
    session = "bound-session-g14"
    grant = issue_grant(ECHO_SECRET, session, verify_token(ECHO_SECRET, token))
    bind_conversation(echo_shop, session, grant)  # the shopper's first message did this
    shopper = WidgetClient(fixed_url)
    assert shopper.start_session(session) == session
    shopper.say(session, "cancel my subscription", token=token)
    assert shopper.replies.get(timeout=10) == {"text": f"{session}: cancel my subscription (grant)"}
    shopper.leave()

    attacker = WidgetClient(fixed_url)
    try:
        assert attacker.start_session(session) == session  # the owner left: the id is free
        attacker.say(session, "hi")
        without = attacker.replies.get(timeout=10)
        attacker.say(session, "no", token=other)
        foreign = attacker.replies.get(timeout=10)
        attacker.say(session, "/restart", token="forged.token")
        forged = attacker.replies.get(timeout=10)
        with pytest.raises(queue.Empty):
            attacker.replies.get(timeout=QUIET)  # no echo: nothing reached the "bot"
    finally:
        attacker.close()
    assert without == forged == {"text": REFUSALS[WebTurnRefusal.NO_ACCESS]}
    assert foreign == {"text": REFUSALS[WebTurnRefusal.CONFLICT]}


def test_a_message_without_a_session_request_is_refused(fixed_url: str) -> None:
    shopper, attacker = WidgetClient(fixed_url), WidgetClient(fixed_url)
    try:
        session = shopper.start_session(None)
        attacker.say(session, "what's in my cart")  # never asked for the session
        refused = attacker.replies.get(timeout=10)
        with pytest.raises(queue.Empty):
            shopper.replies.get(timeout=QUIET)
    finally:
        shopper.close()
        attacker.close()
    assert refused == {"text": NOT_YOUR_SESSION}


@pytest.mark.parametrize(
    ("data", "keeps"),
    [
        ({"session_id": "abc"}, True),
        ({"session_id": None}, False),
        ({"session_id": ""}, False),
        ({"session_id": 42}, False),
        ({"session_id": "x" * 129}, False),
        (None, False),
        ("abc", False),
    ],
)
def test_session_id_from_requests(data: Any, keeps: bool) -> None:
    session = session_id_from(data)
    if keeps:
        assert session == data["session_id"]
    else:
        assert len(session) == 32 and int(session, 16) >= 0


def test_unreadable_custom_data_or_message_still_gets_a_reply(fixed_url: str) -> None:
    widget = WidgetClient(fixed_url)
    try:
        session = widget.start_session(None)
        widget.client.emit("user_uttered", {"message": "hi", "session_id": session,
                                            "customData": "notanobject"})  # fmt: skip
        after_string = widget.replies.get(timeout=10)
        widget.client.emit("user_uttered", "just a string")
        after_junk = widget.replies.get(timeout=10)
        odd = []
        for data in ({"message": 5, "session_id": session}, {"session_id": session},
                     {"message": None, "session_id": session}):  # fmt: skip
            widget.client.emit("user_uttered", data)  # G20: used to raise in Rasa's handler
            odd.append(widget.replies.get(timeout=10))
    finally:
        widget.close()
    assert after_string == {"text": f"{session}: hi (None)"}  # read, with no token
    assert after_junk == {"text": "Sorry, I couldn't read that message."}
    assert odd == [{"text": "Sorry, I couldn't read that message."}] * 3


def test_another_sockets_own_sid_is_never_given_out(fixed_url: str) -> None:
    """G20: asking for another socket's sid as a session id got no answer at all."""
    victim, attacker = WidgetClient(fixed_url), WidgetClient(fixed_url)
    try:
        victim_sid = victim.client.get_sid()
        assert victim_sid
        given = attacker.start_session(victim_sid)
        attacker.say(given, "hello")
        reply = attacker.replies.get(timeout=10)
        with pytest.raises(queue.Empty):
            victim.replies.get(timeout=QUIET)
    finally:
        victim.close()
        attacker.close()
    assert given != victim_sid and len(given) == 32
    assert reply == {"text": f"{given}: hello (None)"}


@pytest.mark.parametrize(
    ("metadata", "read"),
    [('{"token": "t"}', {"token": "t"}), ("notanobject", {}), ("[1, 2]", {}), (7, {}),
     ({"token": "t"}, {"token": "t"})],
)  # fmt: skip
def test_readable_metadata(metadata: Any, read: dict[str, Any]) -> None:
    data = {"message": "hi", "customData": metadata}
    assert readable_metadata(data, "customData") == {"message": "hi", "customData": read}
