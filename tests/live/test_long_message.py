"""Live: an over-long message is cut before NLU on REST and socket.io, with a polite reply.

Issue 12: a 20,000-character message got the account-linking reply (the text happened to
hold something shaped like a link code). Now no intent is read from it and no custom action
runs: the cart stays as it was and the tracker shows only the ``message_too_long`` reply.
"""

from __future__ import annotations

from typing import Any

from tests.channels.widget import WidgetClient
from tests.live.helpers import Live, http, texts

TOO_LONG = "That's a long message — could you send it in a sentence or two?"
# Words that, read by NLU, would add, link or cancel something.
NOISE = "please add a ceramic mug and link ABCD2345 then cancel my subscription "


def _cart(live: Live, cart_id: int, token: str) -> dict[str, int]:
    cart = live.api("GET", f"/api/carts/{cart_id}", token=token)
    return {line["sku"]: line["quantity"] for line in cart["lines"]}


def _events_after_last_user_message(live: Live, sender: str) -> list[dict[str, Any]]:
    status, tracker = http("GET", live.tracker_url(sender))
    assert status == 200, tracker
    events = tracker["events"]
    last_user = max(i for i, e in enumerate(events) if e["event"] == "user")
    return events[last_user:]


def test_a_20000_character_rest_message_gets_the_polite_reply_and_changes_nothing(
    live: Live,
) -> None:
    cart_id, token = live.new_cart("live-long-rest", **{"CF-MUG": 2})
    chat = live.conversation(token)

    replies = chat.say((NOISE * 300)[:20_000])

    assert texts(replies) == [TOO_LONG]
    assert _cart(live, cart_id, token) == {"CF-MUG": 2}
    events = _events_after_last_user_message(live, chat.sender)
    assert events[0]["text"] == "/message_too_long"  # the long text is neither parsed nor kept
    assert events[0]["parse_data"]["intent"]["name"] == "message_too_long"
    actions = [e["name"] for e in events if e["event"] == "action"]
    assert actions == ["utter_message_too_long", "action_listen"]


def test_a_message_at_the_limit_is_still_understood(live: Live) -> None:
    cart_id, token = live.new_cart("live-long-limit", **{"CF-MUG": 2})
    chat = live.conversation(token)
    text = "what's in my cart?" + " " * 50 + "thanks " * 100
    assert len(text.strip()) > 700

    replies = chat.say(text[:1000])

    assert TOO_LONG not in texts(replies)


def test_the_conversation_goes_on_after_a_long_message(live: Live) -> None:
    cart_id, token = live.new_cart("live-long-after", **{"CF-MUG": 2})
    chat = live.conversation(token)

    assert texts(chat.say("x" * 1001)) == [TOO_LONG]
    assert texts(chat.say("what's in my cart?"))[0].startswith("In your cart:")
    assert _cart(live, cart_id, token) == {"CF-MUG": 2}


def test_a_long_socketio_message_gets_the_polite_reply(live: Live) -> None:
    cart_id, token = live.new_cart("live-long-socketio", **{"CF-MUG": 2})
    widget = WidgetClient(f"http://127.0.0.1:{live.stack.rasa_port}")
    try:
        session = widget.start_session(None)
        widget.say(session, (NOISE * 100)[:5000], token=token)
        reply = widget.replies.get(timeout=60)
    finally:
        widget.close()

    assert reply == {"text": TOO_LONG}
    assert _cart(live, cart_id, token) == {"CF-MUG": 2}
