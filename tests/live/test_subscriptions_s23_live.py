"""Live (review s23, issue 12): never a subscription change on a guess — T1 and T9 over REST.

The reviewer's exact inputs and other phrasings of the same kinds, through the real NLU,
Rasa, the action server and the shop API, with the store asserted after every message.
The NLU may read a message unsure and ask "Just to be sure" first; such a question must
name the real action, and nothing changes before its "yes".
"""

from __future__ import annotations

import pytest

from tests.live.helpers import Live, texts
from tests.live.test_answers_s19_live import SURE, status
from tests.live.test_subscription_safety_s21_live import _lines, _shopper

CANCELED = "subscription is canceled"
NOT_IN_CART = "isn't in your cart"
NO_ORDER_CANCEL = "I can't cancel a placed order here"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("cancel the tripod", "Travel Tripod"),  # the reviewer's exact message
        ("cancel the travel tripod please", "Travel Tripod"),
        ("cancel the usb-c cable", "USB-C Cable 1m"),
    ],
)
def test_cancel_a_product_not_in_the_cart_twice_never_cancels(
    live: Live, text: str, name: str
) -> None:
    cart_id, sub_id, token, chat = _shopper(live, f"live-s23-t1-{text[:14]}", **{"CF-MUG": 2})
    for _ in range(2):  # the second time is never the "second ask"
        said = texts(chat.say(text))
        assert not any(CANCELED in s or "Before you cancel" in s for s in said), (text, said)
        assert said[0] == f"{name} {NOT_IN_CART}.", said
        assert said[1].startswith(NO_ORDER_CANCEL), said
        assert status(live, sub_id, token) == ("active", "care-plus")
    assert _lines(live, cart_id, chat.token or "") == {"CF-MUG": 2}


def test_cancel_the_tripod_during_the_retention_offer_never_cancels(live: Live) -> None:
    cart_id, sub_id, token, chat = _shopper(live, "live-s23-t1-offer", **{"CF-MUG": 2})
    offer = texts(chat.say("cancel my subscription"))
    assert offer[0].startswith("Before you cancel Care Plus"), offer

    for _ in range(2):
        said = texts(chat.say("cancel the tripod"))
        assert said[0] == f"Travel Tripod {NOT_IN_CART}.", said
        assert status(live, sub_id, token) == ("active", "care-plus")
    assert _lines(live, cart_id, chat.token or "") == {"CF-MUG": 2}


@pytest.mark.parametrize(
    "text",
    [
        "cancel my subscription, it's too expensive",  # the reviewer's exact message
        "I want to cancel my plan, too pricey",
        "stop my subscription it costs too much",
    ],
)
def test_a_pricey_cancel_gets_the_cheaper_plan_offer(live: Live, text: str) -> None:
    cart_id, sub_id, token, chat = _shopper(live, f"live-s23-t9-{text[:14]}", **{"CF-MUG": 2})

    said = texts(chat.say(text))
    if said[0].startswith(SURE):  # an unsure reading is asked back as the cancel it is
        assert "cancel" in said[0] and "Care Plus" in said[0], said
        assert status(live, sub_id, token) == ("active", "care-plus")
        said = texts(chat.say("yes"))

    assert "Which product" not in " ".join(said), said
    assert said[0].startswith("Before you cancel Care Plus"), said
    assert "switch to Care Basic for $4.99/month" in said[0], said  # the cheaper plan
    assert "\\" not in " ".join(said), said
    assert status(live, sub_id, token) == ("active", "care-plus")
    assert _lines(live, cart_id, chat.token or "") == {"CF-MUG": 2}

    done = texts(chat.say("cancel anyway"))
    assert CANCELED in done[0], done
    assert status(live, sub_id, token) == ("canceled", "care-plus")
    assert _lines(live, cart_id, chat.token or "") == {"CF-MUG": 2}


def test_cancel_a_plan_not_held_says_so_and_a_plan_held_is_offered(live: Live) -> None:
    """T10 too: "cancel care premium" on Care Plus changes nothing; on Care Premium, the offer."""
    _, sub_id, token, chat = _shopper(live, "live-s23-t10")
    for _ in range(2):
        said = texts(chat.say("cancel care premium"))
        assert said[0].startswith("You don't have a Care Premium subscription"), said
        assert "Care Plus ($9.99/month)" in said[0], said
        assert status(live, sub_id, token) == ("active", "care-plus")

    _, premium_id, premium_token, chat = _shopper(live, "live-s23-t10-held", plan="care-premium")
    said = texts(chat.say("cancel care premium"))
    if said[0].startswith(SURE):
        said = texts(chat.say("yes"))
    assert said[0].startswith("Before you cancel Care Premium"), said
    assert status(live, premium_id, premium_token) == ("active", "care-premium")
