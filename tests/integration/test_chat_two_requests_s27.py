"""Review s27 (issue 12, F48): a removal and an add in one message, neither dropped.

"remove the tripod and add 2 mugs", "add a mug and remove the tripod": with the removal's
line clear, both are carried out (the add asks its own question when it has one); with the
removal unclear, nothing changes and one change at a time is asked for. Turns run as in
:mod:`test_chat_cart_s23`; every test asserts the cart in the store.
"""

from __future__ import annotations

import pytest

from bot.chat.replies import ChatContext
from tests.integration.test_chat_cart_s23 import responses, say

START = [("CA-TRIPOD", 1), ("LA-PAD", 1)]
BOTH = [
    ("remove the tripod and add 2 mugs", 2),
    ("add a mug and remove the tripod", 1),
    ("take out the tripod, then add two mugs", 2),
    ("add 2 mugs but remove the tripod", 2),
    ("drop the tripod and put in a mug", 1),
    ("get rid of the tripod and also add 3 mugs", 3),
    ("remove the tripod & add a mug please", 1),
]
READINGS = [
    ("remove_item", {}),
    ("add_item", {"product": "mugs", "quantity": "2"}),
    ("remove_item", {"product": "tripod"}),
    ("swap_item", {}),
    ("change_quantity", {"product": "mugs", "quantity": "2"}),
]


@pytest.mark.parametrize(("text", "mugs"), BOTH)
@pytest.mark.parametrize(("intent", "entities"), READINGS)
def test_a_clear_removal_and_an_add_are_both_carried_out(
    shop, new_cart, probe, text, mugs, intent, entities
) -> None:
    cart_id, token = new_cart(shop, lines=START)
    ctx = ChatContext("conv-s27-f48", token)

    replies = say(shop, ctx, intent, text, 0.9, **entities)

    assert responses(replies) == ["utter_removed", "utter_added"], replies
    assert probe.lines(shop, cart_id) == {"LA-PAD": 1, "CF-MUG": mugs}


def test_a_counted_removal_and_an_add_take_exactly_that_many_out(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-TRIPOD", 3)])
    ctx = ChatContext("conv-s27-f48-count", token)

    replies = say(shop, ctx, "remove_item", "remove one tripod and add a mug", 0.9)

    assert responses(replies) == ["utter_decremented", "utter_added"], replies
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 2, "CF-MUG": 1}


def test_the_add_of_an_unclear_product_is_asked_never_dropped(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=START)
    ctx = ChatContext("conv-s27-f48-ask", token)

    replies = say(shop, ctx, "remove_item", "remove the tripod and add a phone case", 0.9)

    assert responses(replies)[0] == "utter_removed", replies
    assert responses(replies)[1] in ("utter_did_you_mean", "utter_ask_product"), replies
    assert probe.lines(shop, cart_id) == {"LA-PAD": 1}


@pytest.mark.parametrize(
    "text",
    [
        "remove the camera and add a mug",  # no camera line: unclear, nothing changes
        "add a tripod, I mean remove the mug",  # a correction: one request, asked
    ],
)
def test_an_unclear_removal_changes_nothing_and_asks(shop, new_cart, probe, text) -> None:
    cart_id, token = new_cart(shop, lines=START)
    ctx = ChatContext("conv-s27-f48-unclear", token)

    replies = say(shop, ctx, "add_item", text, 0.9)

    assert "utter_one_change_at_a_time" in responses(replies) or responses(replies) == [
        "utter_not_in_cart"
    ], replies
    assert probe.lines(shop, cart_id) == dict(START)
