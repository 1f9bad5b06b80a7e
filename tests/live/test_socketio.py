"""Live: the widget's socket.io channel carries the token in custom data (``metadata_key``).

The channel runs with session persistence on (as the cart page needs), through
:class:`bot.channels.socketio.PersistentSocketIOInput`.
"""

from __future__ import annotations

from tests.channels.widget import WidgetClient
from tests.live.helpers import Live


def test_socketio_custom_data_token_reaches_the_cart(live: Live) -> None:
    _, token = live.new_cart("live-socketio", **{"CF-MUG": 2})
    widget = WidgetClient(f"http://127.0.0.1:{live.stack.rasa_port}")
    try:
        session = widget.start_session(None)
        widget.say(session, "what's in my cart?", token=token)
        cart = [widget.replies.get(timeout=60) for _ in range(2)]  # lines, then totals
        widget.say(session, "how much more for free shipping?")  # token only on the first
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
