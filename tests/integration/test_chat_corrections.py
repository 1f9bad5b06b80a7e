"""A message that corrects itself (F50) and a yes said with more (F51), through the dialogue.

Each test drives ``bot.chat.dialogue.handle`` with the turn the action server would build
(the model's entities as it gave them) and asserts the cart in the store.
"""

from __future__ import annotations

import pytest

from bot.chat.dialogue import Turn
from bot.chat.replies import ChatContext
from tests.integration.test_chat_message_guards import _offer, say

# --- F50: "X, actually no, Y" acts on Y only ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "add a tripod, actually no, a bag",
        "add a tripod — no wait, a bag",
        "add a tripod or rather a bag",
        "add a tripod, I mean a bag",
        "add a tripod, actually no, add a bag",
    ],
)
def test_a_self_correction_adds_only_what_follows_it(shop, new_cart, probe, text):
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    ctx = ChatContext("conv-1", token)

    turn = Turn("action_add_item", "add_item", 1.0, text, {"product": "tripod"})
    replies = say(shop, ctx, turn)

    assert replies[0].response == "utter_added", replies
    assert replies[0].params["name"] == "Camera Shoulder Bag"
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1, "CA-BAG": 1}


@pytest.mark.parametrize("text", ["add a tripod, actually no", "add a tripod, I mean two"])
def test_a_correction_naming_no_product_changes_nothing(shop, new_cart, probe, text):
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    ctx = ChatContext("conv-1", token)

    replies = say(shop, ctx, Turn("action_add_item", "add_item", 1.0, text, {"product": "tripod"}))

    assert [r.response for r in replies] == ["utter_nothing_added"]
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


def test_a_self_corrected_removal_removes_only_the_second(shop, new_cart, probe):
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1), ("CA-TRIPOD", 1), ("CA-BAG", 1)])
    ctx = ChatContext("conv-1", token)
    text = "remove the tripod, I mean the bag"

    say(shop, ctx, Turn("action_remove_item", "remove_item", 1.0, text, {"product": "tripod"}))

    assert probe.lines(shop, cart_id) == {"CF-MUG": 1, "CA-TRIPOD": 1}


def test_a_correction_that_turns_an_add_into_a_removal_asks(shop, new_cart, probe):
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    ctx = ChatContext("conv-1", token)
    text = "add a tripod, I mean remove the mug"

    replies = say(shop, ctx, Turn("action_add_item", "add_item", 1.0, text, {"product": "tripod"}))

    assert [r.response for r in replies] == ["utter_one_change_at_a_time"]
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


# --- F51: a yes to an add-on offer, with a quantity or another product ---------------------


def _offered_sku(probe, shop, cart_id: int, before: dict[str, int]) -> str:
    added = set(probe.lines(shop, cart_id)) - set(before)
    assert len(added) == 1
    return added.pop()


@pytest.mark.parametrize(
    ("action", "intent", "text", "entities"),
    [
        ("action_accept_offer", "affirm", "yes please, 2 of them", {"quantity": "2"}),
        ("action_add_item", "add_item", "yes please, 2 of them", {"quantity": "2"}),
        ("action_add_item", "add_item", "sure, make it two", {"product": "sure"}),
    ],
)
def test_a_yes_with_a_quantity_takes_that_many(
    shop, new_cart, probe, action, intent, text, entities
):
    cart_id, ctx, offered = _offer(shop, new_cart)

    replies = say(shop, ctx, Turn(action, intent, 0.95, text, entities))

    assert [r.response for r in replies] == ["utter_added"], replies
    assert replies[0].params["name"] == offered
    assert replies[0].params["quantity"] == "2"
    sku = _offered_sku(probe, shop, cart_id, {"PH-ARIA-256": 1})
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1, sku: 2}
    assert probe.offers(shop, "conv-1")[-1][0] == "accepted"


@pytest.mark.parametrize(
    ("action", "intent", "entities"),
    [
        ("action_add_item", "add_item", {"product": "mug"}),
        ("action_accept_offer", "affirm", {}),
    ],
)
def test_yes_and_also_add_takes_the_offer_and_adds(shop, new_cart, probe, action, intent, entities):
    cart_id, ctx, offered = _offer(shop, new_cart)

    replies = say(shop, ctx, Turn(action, intent, 0.95, "yes and also add a mug", entities))

    assert [r.response for r in replies] == ["utter_added", "utter_added"], replies
    assert [r.params["name"] for r in replies] == [offered, "Ceramic Mug"]
    lines = probe.lines(shop, cart_id)
    assert lines.pop("CF-MUG") == 1
    sku = _offered_sku(probe, shop, cart_id, {"PH-ARIA-256": 1, "CF-MUG": 1})
    assert lines == {"PH-ARIA-256": 1, sku: 1}


def test_a_yes_with_a_refused_quantity_changes_nothing(shop, new_cart, probe):
    cart_id, ctx, _ = _offer(shop, new_cart)

    replies = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.95, "yes, 500 of them"))

    assert replies[0].response != "utter_added", replies
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}
