"""Live: the widget's socket.io channel carries the token in custom data (``metadata_key``).

The channel runs with session persistence on (as the cart page needs), through
:class:`bot.channels.socketio.PersistentSocketIOInput`. rasa-webchat sends its
``customData`` with every message, and every message that needs the cart must carry it:
a session id is chosen by the client, so knowing one grants nothing.
"""

from __future__ import annotations

import queue

import pytest

from bot.channels.socketio import NOT_YOUR_SESSION
from tests.channels.widget import WidgetClient
from tests.live.helpers import Live

NO_ACCESS = (
    "I can't see your cart or account from this chat. Please open the chat from your cart "
    "page so I can help with it."
)


def test_socketio_custom_data_token_reaches_the_cart(live: Live) -> None:
    _, token = live.new_cart("live-socketio", **{"CF-MUG": 2})
    widget = WidgetClient(f"http://127.0.0.1:{live.stack.rasa_port}")
    try:
        session = widget.start_session(None)
        widget.say(session, "what's in my cart?", token=token)
        cart = [widget.replies.get(timeout=60) for _ in range(2)]  # lines, then totals
        widget.say(session, "how much more for free shipping?", token=token)
        gap = widget.replies.get(timeout=60)
    finally:
        widget.close()

    assert cart == [
        {"text": "In your cart:\n- 2 × Ceramic Mug: $18.00"},
        {"text": "Subtotal: $18.00  \nShipping: $4.99  \nTotal: $22.99"},
    ]
    assert gap == {
        "text": "You're $32.00 away from free shipping (free from $50.00; shipping is $4.99 now)."
    }


def test_a_known_session_id_without_the_token_gets_no_cart(live: Live) -> None:
    """An attacker who learnt a shopper's session id asks for it and chats without a token."""
    cart_id, token = live.new_cart("live-socketio-victim", **{"CF-MUG": 2})
    rasa = f"http://127.0.0.1:{live.stack.rasa_port}"
    shopper = WidgetClient(rasa)
    try:
        session = shopper.start_session(None)
        shopper.say(session, "what's in my cart?", token=token)
        assert [shopper.replies.get(timeout=60) for _ in range(2)][0]["text"].startswith(
            "In your cart:"
        )
    finally:
        shopper.leave()  # the shopper's page is closed: the session id is free again

    attacker = WidgetClient(rasa)
    try:
        assert attacker.start_session(session) == session  # a free id is accepted as sent
        attacker.say(session, "what's in my cart?")
        seen = attacker.replies.get(timeout=60)
        attacker.say(session, "add a milk frother")
        added = attacker.replies.get(timeout=60)
    finally:
        attacker.close()

    assert seen == {"text": NO_ACCESS}
    assert added == {"text": NO_ACCESS}
    assert {
        line["sku"] for line in live.api("GET", f"/api/carts/{cart_id}", token=token)["lines"]
    } == {"CF-MUG"}


def test_a_known_live_session_id_gets_another_session(live: Live) -> None:
    """F53: while the shopper's socket is open, nobody else joins its room or talks into it."""
    cart_id, token = live.new_cart("live-socketio-f53", **{"CF-MUG": 2})
    rasa = f"http://127.0.0.1:{live.stack.rasa_port}"
    shopper, attacker = WidgetClient(rasa), WidgetClient(rasa)
    try:
        session = shopper.start_session(None)
        own = attacker.start_session(session)
        shopper.say(session, "what's in my cart?", token=token)
        cart = [shopper.replies.get(timeout=60) for _ in range(2)]
        attacker.say(session, "add a milk frother")
        refused = attacker.replies.get(timeout=60)
        with pytest.raises(queue.Empty):
            attacker.replies.get(timeout=3)  # none of the shopper's replies
        with pytest.raises(queue.Empty):
            shopper.replies.get(timeout=0.1)  # nothing from the attacker
    finally:
        shopper.close()
        attacker.close()
    assert own != session
    assert cart[0]["text"].startswith("In your cart:")
    assert refused == {"text": NOT_YOUR_SESSION}
    assert {
        line["sku"] for line in live.api("GET", f"/api/carts/{cart_id}", token=token)["lines"]
    } == {"CF-MUG"}
