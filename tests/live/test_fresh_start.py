"""Live (F52): an offer left before ``/restart`` or a greeting is closed; "no" cancels nothing.

After a restart and a fresh greeting the retention offer is no longer on the screen, so a
bare "no" must not answer it. ``/restart`` itself is answered (Rasa's restart says nothing,
and the REST channel used to apologise for a failure that did not happen).
"""

from __future__ import annotations

from bot.channels.rest import APOLOGY, RESTARTED
from tests.live.helpers import Live, texts
from tests.live.test_cancel_and_access import status_of, subscribe

GREETING = "Hi! I can show your cart"
CANCELED = "subscription is canceled"


def test_no_after_restart_and_greeting_keeps_the_subscription(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-f52-restart")
    chat = live.conversation(cart_token)

    assert texts(chat.say("cancel my subscription"))[0].startswith("Before you cancel Care Plus")
    restarted = texts(chat.say("/restart"))
    assert restarted == [RESTARTED] and APOLOGY not in restarted
    assert texts(chat.say("hi"))[0].startswith(GREETING)
    after_no = texts(chat.say("no"))

    assert not any(CANCELED in text for text in after_no), after_no
    assert status_of(live, sub_id, sub_token) == "active"


def test_no_after_a_greeting_keeps_the_subscription(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-f52-greet")
    chat = live.conversation(cart_token)

    assert texts(chat.say("cancel my subscription"))[0].startswith("Before you cancel Care Plus")
    assert texts(chat.say("hi"))[0].startswith(GREETING)
    after_no = texts(chat.say("no"))

    assert not any(CANCELED in text for text in after_no), after_no
    assert status_of(live, sub_id, sub_token) == "active"
