"""Live (issue 12, eighth round): one product mention is one span in the running stack.

Rasa runs as the launcher starts it (``python -m bot.rasa_server run``), so these tests also
show that it imports ``bot.nlu.merge_spans.MergeProductSpans`` named in ``config.yml``. Each
asserts the store after the message.
"""

from __future__ import annotations

from typing import Any

from tests.live.helpers import Live, http, texts
from tests.live.test_cart_language import Shopper, lines


def product_spans(live: Live, sender: str) -> list[str]:
    """The product values Rasa read from the conversation's latest user message."""
    status, tracker = http("GET", live.tracker_url(sender))
    assert status == 200, tracker
    latest: dict[str, Any] = tracker["latest_message"]
    return [e["value"] for e in latest.get("entities", []) if e["entity"] == "product"]


def test_a_trailing_variant_word_stays_in_the_product_and_nothing_changes(live: Live) -> None:
    start = {"AU-PULSE-STUDIO": 1}
    shopper = Shopper(live, "live-s23-studio", **start)

    said = texts(shopper.chat.say("I can't afford the pulse headphones studio"))

    assert product_spans(live, shopper.chat.sender) == ["pulse headphones studio"], said
    assert said[0].startswith("Before I remove Pulse Headphones Studio"), said
    assert lines(live, shopper.cart_id, shopper.token) == start


def test_two_products_with_and_stay_two_and_an_amount_stays_the_quantity(live: Live) -> None:
    shopper = Shopper(live, "live-s23-two")

    said = texts(shopper.chat.say("add 2 pulse headphones lite and a ceramic mug"))

    assert lines(live, shopper.cart_id, shopper.token) == {"AU-PULSE-LITE": 2, "CF-MUG": 1}, (
        said,
        product_spans(live, shopper.chat.sender),
    )
