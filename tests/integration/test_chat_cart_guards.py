"""The cart never changes on a guess: mixed requests, vague quantities, take-outs, swaps."""

from __future__ import annotations

import pytest

from bot.chat.cart import add_item, change_quantity, remove_item, swap_item
from bot.chat.replies import ChatContext, Reply


def responses(replies: list[Reply]) -> list[str]:
    return [reply.response for reply in replies]


@pytest.mark.parametrize(
    "message", ["add 2 mugs and remove the tripod", "remove the tripod and add a mug"]
)
@pytest.mark.parametrize("flow", ["add", "remove"])
def test_a_mixed_add_and_remove_changes_nothing_and_asks(
    shop, new_cart, probe, store_state, message, flow
) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1), ("CA-TRIPOD", 1)])
    ctx = ChatContext("conv-x", token)
    before = store_state(shop)

    if flow == "add":
        replies = add_item(shop, ctx, "mugs tripod", "2", message)
    else:
        replies = remove_item(shop, ctx, "tripod mug", message)

    assert replies == [Reply("utter_one_change_at_a_time")]
    assert store_state(shop) == before
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1, "CA-TRIPOD": 1}


def test_several_removals_remove_every_line(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 3), ("CA-TRIPOD", 1), ("LA-HUB", 1)])

    replies = remove_item(
        shop, ChatContext("conv-x", token), None, "remove the tripod and the mugs"
    )

    assert responses(replies) == ["utter_removed"]  # one reply, the final subtotal (s21 S16)
    assert replies[0].params["name"] == "Travel Tripod and Ceramic Mug"
    assert replies[0].params["subtotal"] == "$39.00"  # the hub left, not a mid-way figure
    assert probe.lines(shop, cart_id) == {"LA-HUB": 1}


def test_several_removals_change_nothing_when_one_is_not_in_the_cart(
    shop, new_cart, probe, store_state
) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 3), ("LA-HUB", 1)])
    before = store_state(shop)

    replies = remove_item(
        shop, ChatContext("conv-x", token), None, "remove the mugs and the tripod"
    )

    assert responses(replies) == ["utter_not_in_cart"]
    assert store_state(shop) == before
    assert probe.lines(shop, cart_id) == {"CF-MUG": 3, "LA-HUB": 1}


@pytest.mark.parametrize(
    "message",
    ["add a few mugs", "add some mugs", "add a bunch of mugs", "add one or two mugs",
     "add 2-3 mugs", "add 3 or 4 mugs"],
)  # fmt: skip
def test_a_vague_or_ranged_quantity_is_asked_about(
    shop, new_cart, probe, store_state, message
) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    before = store_state(shop)

    replies = add_item(shop, ChatContext("conv-v", token), "mugs", None, message)

    assert replies == [Reply("utter_ask_quantity", {"name": "mugs"})]
    after = store_state(shop)
    kept = after.pop("pending_choices")  # the question waits for its answer (review F29)
    assert [row[2:5] for row in kept] == [("ask_quantity", "add_item", "mugs")]
    assert after == {k: v for k, v in before.items() if k != "pending_choices"}
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


@pytest.mark.parametrize("message", ["remove a mug", "take a mug out", "get rid of a mug"])
def test_removing_a_mug_takes_one_out(shop, new_cart, probe, message) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 5)])

    replies = remove_item(shop, ChatContext("conv-r", token), "mug", message)

    assert responses(replies) == ["utter_decremented"]
    assert probe.lines(shop, cart_id) == {"CF-MUG": 4}


@pytest.mark.parametrize("message", ["remove the mugs", "remove the mug"])
def test_removing_the_mugs_removes_the_line(shop, new_cart, probe, message) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 5), ("LA-HUB", 1)])

    replies = remove_item(shop, ChatContext("conv-r", token), "mugs", message)

    assert responses(replies) == ["utter_removed"]
    assert probe.lines(shop, cart_id) == {"LA-HUB": 1}


@pytest.mark.parametrize(
    ("flow", "message", "left"),
    [
        ("add", "decrease mugs by 1", 4),
        ("change", "reduce the mugs by 2", 3),
        ("change", "lower the mugs by one", 4),
        ("remove", "decrease the mugs by 2", 3),
    ],
)
def test_decrease_by_n_takes_n_out(shop, new_cart, probe, flow, message, left) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 5)])
    ctx = ChatContext("conv-d", token)

    if flow == "add":
        replies = add_item(shop, ctx, "mugs", "1", message)
    elif flow == "change":
        replies = change_quantity(shop, ctx, "mugs", None, message)
    else:
        replies = remove_item(shop, ctx, "mugs", message)

    assert responses(replies) == ["utter_decremented"]
    assert probe.lines(shop, cart_id) == {"CF-MUG": left}


def test_a_swap_prediction_without_a_swap_cue_adds_instead(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-SD-64", 1)])

    replies = swap_item(shop, ChatContext("conv-s", token), "128gb sd card x2")

    assert responses(replies)[0] == "utter_added"
    assert replies[0].params["quantity"] == "2"
    assert probe.lines(shop, cart_id) == {"CA-SD-64": 1, "CA-SD-128": 2}


def test_a_swap_prediction_without_any_cue_asks_and_replaces_nothing(
    shop, new_cart, probe, store_state
) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-SD-64", 1)])
    before = store_state(shop)

    replies = swap_item(shop, ChatContext("conv-s", token), "the 128gb sd card")

    assert responses(replies) == ["utter_ask_quantity"]
    after = store_state(shop)
    assert [row[2] for row in after.pop("pending_choices")] == ["ask_quantity"]  # F29
    assert after == {k: v for k, v in before.items() if k != "pending_choices"}
    assert probe.lines(shop, cart_id) == {"CA-SD-64": 1}


def test_a_swap_with_a_cue_still_replaces_the_line(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-SD-64", 1)])

    replies = swap_item(shop, ChatContext("conv-s", token), "I want the 128gb sd card instead")

    assert responses(replies) == ["utter_item_swapped"]
    assert probe.lines(shop, cart_id) == {"CA-SD-128": 1}


def test_adding_past_the_line_maximum_says_how_many_can_be_added(
    shop, new_cart, probe, store_state
) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 3)])
    before = store_state(shop)

    replies = add_item(shop, ChatContext("conv-l", token), "mugs", "20", "add 20 mugs")

    assert replies == [
        Reply(
            "utter_line_limit",
            {"name": "Ceramic Mug", "quantity": "3", "room": "17", "max_quantity": "20"},
        )
    ]
    assert store_state(shop) == before
    assert probe.lines(shop, cart_id) == {"CF-MUG": 3}
