"""Live (review s20 R7): a cancellation left undecided sells nothing later in the chat.

Over REST: the shopper asks to cancel, then moves on to a cart question (the retention
offer is closed as moved on), then asks for a suggestion: no add-on is offered, the reply
says the subscription is still active, and nothing changed in the store.
"""

from __future__ import annotations

from tests.live.helpers import Live, texts
from tests.live.test_answers_s19_live import retention_offer, status


def test_after_moving_on_from_a_cancel_no_add_on_is_offered(live: Live) -> None:
    sub_id, token, chat = retention_offer(live, "live-s20-r7")
    chat.say("add a ceramic mug")

    said = texts(chat.say("what goes with my cart?"))

    assert said[0].startswith("You asked to cancel your subscription and it's still active"), said
    assert not any("Shall I add" in line for line in said), said
    assert status(live, sub_id, token) == ("active", "care-plus")
