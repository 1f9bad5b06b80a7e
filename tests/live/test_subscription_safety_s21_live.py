"""Live (review s21: S14, S29, S30, S32, S36, S22, S15, S7, S27): no subscription change on a guess.

The reviewer's exact inputs and a few phrasings of the same kinds, over REST, with the store
asserted after each message. The NLU may read a message unsure and ask "Just to be sure"
first; such a question must name the real action, and nothing changes before its "yes".
"""

from __future__ import annotations

from typing import Any

from tests.live.helpers import Live, http, texts
from tests.live.test_answers_s19_live import SURE, status

CANCELED = "subscription is canceled"


def _shopper(live: Live, customer: str, plan: str = "care-plus", **lines: int):
    """A cart with ``lines`` and a subscription of its customer: (cart, sub, token, chat)."""
    cart_id, cart_token = live.new_cart(customer, **lines)
    sub = live.server("POST", "/api/subscriptions", {"customer_id": customer, "plan": plan})
    return cart_id, sub["subscription_id"], sub["token"], live.conversation(cart_token)


def _lines(live: Live, cart_id: int, token: str) -> dict[str, int]:
    cart = live.api("GET", f"/api/carts/{cart_id}", token=token)
    return {line["sku"]: line["quantity"] for line in cart["lines"]}


def test_cancel_the_mugs_said_twice_never_cancels(live: Live) -> None:
    for n, text in enumerate(("cancel the mugs", "cancel the mugs!!")):
        cart_id, sub_id, token, chat = _shopper(live, f"live-s21-s14-{n}", **{"CF-MUG": 2})
        for _ in range(2):
            said = texts(chat.say(text))
            assert not any(CANCELED in s for s in said), (text, said)
            assert status(live, sub_id, token) == ("active", "care-plus")
        assert _lines(live, cart_id, chat.token or "") == {"CF-MUG": 2}


def test_discount_and_payment_questions_never_cancel(live: Live) -> None:
    texts_ = ("can I get a discount on my subscription?", "give me 20% off my plan",
              "I just want a discount on my plan",
              "update my payment card for the subscription",
              "no, I just need to change the card my subscription is billed to",
              "update the payment card on my subscription",
              "when does my subscription renew")  # fmt: skip
    _, sub_id, token, chat = _shopper(live, "live-s21-s29")
    for text in texts_:
        said = texts(chat.say(text))
        assert not any(CANCELED in s or "Before you cancel" in s for s in said), (text, said)
        assert status(live, sub_id, token) == ("active", "care-plus")
    said = texts(chat.say("give me 20% off my plan"))
    assert "can't give a discount on your Care Plus" in said[0], said


def _say_with_id(chat, text: str, message_id: str) -> list[dict[str, Any]]:
    body = {"sender": chat.sender, "message": text,
            "metadata": {"token": chat.token, "message_id": message_id}}  # fmt: skip
    code, replies = http("POST", chat.url, body)
    assert code == 200, (code, replies)
    return replies


def test_a_retried_cancel_message_does_not_cancel(live: Live) -> None:
    _, sub_id, token, chat = _shopper(live, "live-s21-s13")
    first = texts(_say_with_id(chat, "cancel my subscription", "rt-1"))
    assert first[0].startswith("Before you cancel Care Plus"), first

    again = texts(_say_with_id(chat, "cancel my subscription", "rt-1"))

    assert not any(CANCELED in s for s in again), again
    assert status(live, sub_id, token) == ("active", "care-plus")


def test_an_upset_shoppers_misread_messages_never_cancel(live: Live) -> None:
    for n, (first, second) in enumerate(
        (
            ("this is so frustrating", "I need to update the payment card on my subscription"),
            ("human please", "give me 20% off my plan"),
        )  # fmt: skip
    ):
        _, sub_id, token, chat = _shopper(live, f"live-s21-s32-{n}")
        chat.say(first)

        said = texts(chat.say(second))

        assert not any(CANCELED in s for s in said), (second, said)
        assert status(live, sub_id, token) == ("active", "care-plus")


def test_put_it_on_hold_after_an_add_never_pauses(live: Live) -> None:
    for n, text in enumerate(("put it on hold please", "can you put that on hold")):
        cart_id, sub_id, token, chat = _shopper(live, f"live-s21-s36-{n}")
        assert texts(chat.say("add a travel tripod"))[0].startswith("Added 1 × Travel Tripod")

        said = texts(chat.say(text))

        assert not any("paused" in s for s in said), (text, said)
        assert status(live, sub_id, token) == ("active", "care-plus")
        assert _lines(live, cart_id, chat.token or "") == {"CA-TRIPOD": 1}


def test_a_stale_cancel_anyway_after_a_switch_is_asked_back(live: Live) -> None:
    _, sub_id, token, chat = _shopper(live, "live-s21-s22")
    assert texts(chat.say("cancel my subscription"))[0].startswith("Before you cancel Care Plus")
    switched = texts(chat.say("ok switch me to care basic"))
    if switched[0].startswith(SURE):
        switched = texts(chat.say("yes"))
    assert switched[0].startswith("Done — you're on Care Basic"), switched
    chat.say("what's in my cart")

    said = texts(chat.say("/cancel_anyway"))

    assert said[0] == f"{SURE}cancel your Care Basic subscription now?", said
    assert status(live, sub_id, token) == ("active", "care-basic")
    texts(chat.say("no"))
    assert status(live, sub_id, token) == ("active", "care-basic")


def test_a_named_plan_during_the_offer_wins_over_the_offered_one(live: Live) -> None:
    wordings = ("switch me to care basic", "can you switch me to care basic instead?")
    for n, text in enumerate(wordings):
        _, sub_id, token, chat = _shopper(live, f"live-s21-s15-{n}", plan="care-premium")
        offer = texts(chat.say("cancel my subscription"))
        assert "switch to Care Plus" in offer[0], offer

        said = texts(chat.say(text))

        assert said[0].startswith(SURE) and "to Care Basic at $4.99/month" in said[0], said
        assert status(live, sub_id, token) == ("active", "care-premium")
        assert texts(chat.say("yes"))[0].startswith("Done — you're on Care Basic")
        assert status(live, sub_id, token) == ("active", "care-basic")


def test_a_complaint_and_a_cancel_in_one_message_gets_no_offer(live: Live) -> None:
    for n, text in enumerate(("terrible service. cancel my subscription",
                              "ugh this is so annoying, just cancel my plan")):  # fmt: skip
        _, sub_id, token, chat = _shopper(live, f"live-s21-s7-{n}", plan="care-premium")

        said = texts(chat.say(text))

        assert not any("Before you cancel" in s or "didn't get that" in s for s in said), said
        if said[0].startswith(SURE):  # asked plainly, no offer; its yes cancels
            assert "cancel your Care Premium" in said[0], said
            assert status(live, sub_id, token) == ("active", "care-premium")
            said = texts(chat.say("yes"))
        assert CANCELED in said[0], (text, said)
        assert status(live, sub_id, token) == ("canceled", "care-premium")


def test_a_complaint_and_a_removal_in_one_message_is_not_lost_nor_downsold(live: Live) -> None:
    cart_id, _, _, chat = _shopper(live, "live-s21-s27", **{"CM-SNAP-MID": 1})
    said = texts(chat.say("ugh, you guys are ridiculous. the camera is way too expensive"))
    assert not any("Before I remove" in s for s in said), said
    assert _lines(live, cart_id, chat.token or "") == {"CM-SNAP-MID": 1}
    chat.say("no")

    said = texts(chat.say("this is a total rip off, remove the camera"))

    assert not any("didn't get that" in s for s in said), said
    if said[0].startswith(SURE):
        said = texts(chat.say("yes"))
    assert said[0].startswith("Removed Snap Camera Mid"), said
    assert _lines(live, cart_id, chat.token or "") == {}
