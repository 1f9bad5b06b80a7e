"""Live (issue 12, s25): taking back a subscription change just made, over REST.

Right after the assistant switched Care Plus to Care Basic (or paused it), "changed my
mind", "switch me back", "swap it back", "I want my old plan back", "undo" or "unpause it"
ask first; only the "yes" puts the subscription back, a "no" leaves it. A cancellation is
not undone: the shopper is told how to subscribe again. A later cart change is what "undo"
reverses. The store is read after each step.
"""

from __future__ import annotations

import pytest

from tests.live.helpers import Live, shaped, texts
from tests.live.test_answers_s19_live import SURE, status
from tests.live.test_cancel_and_access import subscribe
from tests.live.test_cart_language import lines

ASK_BACK = SURE + "switch your subscription back to Care Plus at $9.99/month?"
DECLINED = "Okay, I haven't changed anything."


def _subscribe(live: Live, customer: str) -> tuple[int, int, str, str]:
    """A cart and a Care Plus subscription: (subscription id, cart id, cart token, sub token)."""
    cart_id, cart_token = live.new_cart(customer)
    sub = live.server("POST", "/api/subscriptions", {"customer_id": customer, "plan": "care-plus"})
    return sub["subscription_id"], cart_id, cart_token, sub["token"]


def _switched(live: Live, customer: str):
    """A Care Plus subscriber the assistant just switched to Care Basic."""
    sub_id, cart_id, cart_token, sub_token = _subscribe(live, customer)
    chat = live.conversation(cart_token)
    asked = texts(chat.say("switch me to care basic"))
    assert asked[0].startswith(SURE + "switch you from Care Plus"), asked
    done = texts(chat.say("yes"))
    assert done[0].startswith("Done — you're on Care Basic"), done
    assert status(live, sub_id, sub_token) == ("active", "care-basic")
    return sub_id, cart_id, cart_token, sub_token, chat


@pytest.mark.parametrize(
    "text",
    [
        "changed my mind",
        "switch me back",
        "swap it back",
        "actually I want my old plan back",
        "undo",
    ],
)
def test_taking_back_a_switch_asks_first_and_yes_switches_back(live: Live, text: str) -> None:
    sub_id, _, _, sub_token, chat = _switched(live, f"live-s25-undo-{text[:12]}")

    asked = chat.say(text)

    assert texts(asked) == [ASK_BACK], (text, texts(asked))
    assert ("No", "/deny{question}") in shaped(asked)
    assert status(live, sub_id, sub_token) == ("active", "care-basic")  # nothing before yes
    done = texts(chat.say("yes"))
    assert done[0].startswith("Done — you're on Care Plus at $9.99/month"), (text, done)
    assert status(live, sub_id, sub_token) == ("active", "care-plus")


def test_no_leaves_the_new_plan(live: Live) -> None:
    sub_id, _, _, sub_token, chat = _switched(live, "live-s25-undo-no")
    assert texts(chat.say("changed my mind")) == [ASK_BACK]

    said = texts(chat.say("no"))

    assert said == [DECLINED], said
    assert status(live, sub_id, sub_token) == ("active", "care-basic")


def test_unpause_right_after_a_pause_asks_and_yes_resumes(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-s25-undo-pause")
    chat = live.conversation(cart_token)
    paused = texts(chat.say("pause my subscription"))
    if paused[0].startswith(SURE):
        paused = texts(chat.say("yes"))
    assert paused[0].startswith("Your Care Plus subscription is paused"), paused

    asked = texts(chat.say("unpause it"))

    assert asked == [SURE + "resume your Care Plus subscription now, at $9.99/month?"], asked
    assert status(live, sub_id, sub_token) == ("paused", "care-plus")
    done = texts(chat.say("yes"))
    assert done[0].startswith("Done — your Care Plus subscription is active again"), done
    assert status(live, sub_id, sub_token) == ("active", "care-plus")


def test_a_cancellation_is_not_undone(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-s25-undo-cancel")
    chat = live.conversation(cart_token)
    chat.say("cancel my subscription")
    done = texts(chat.say("/cancel_anyway"))
    assert "canceled" in done[0], done
    assert status(live, sub_id, sub_token)[0] == "canceled"

    said = texts(chat.say("changed my mind"))

    assert said[0].startswith("Your Care Plus subscription is canceled, and I can't undo"), said
    assert status(live, sub_id, sub_token) == ("canceled", "care-plus")


def test_a_cart_change_after_the_switch_is_what_undo_reverses(live: Live) -> None:
    sub_id, cart_id, cart_token, sub_token, chat = _switched(live, "live-s25-undo-cart")
    added = texts(chat.say("add a mug"))
    assert lines(live, cart_id, cart_token), added

    said = texts(chat.say("undo"))

    assert said[0].startswith("Undone"), said
    assert lines(live, cart_id, cart_token) == {}
    assert status(live, sub_id, sub_token) == ("active", "care-basic")
