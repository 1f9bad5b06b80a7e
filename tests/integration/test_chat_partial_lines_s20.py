"""Review s20 (R18, R20, R19, R8): a part of a line swapped, removed or kept, never the whole.

Each test drives ``handle`` as the action server would and asserts the replies and the store:
changed exactly as asked (only that many of the line), or not at all.
"""

from __future__ import annotations

import pytest

from bot.chat.replies import ChatContext
from tests.integration.test_chat_swap_questions_s19 import pending, say

# --- R18: a partial swap takes only that many out of the line ------------------------------


@pytest.mark.parametrize(
    ("mugs", "text", "expected", "old_name"),
    [
        (3, "swap one of the mugs for a tripod", {"CF-MUG": 2, "CA-TRIPOD": 1}, "1 × Ceramic Mug"),
        (4, "exchange one mug for a tripod", {"CF-MUG": 3, "CA-TRIPOD": 1}, "1 × Ceramic Mug"),
        (3, "replace 2 of the mugs with tripods", {"CF-MUG": 1, "CA-TRIPOD": 2}, "2 × Ceramic"),
        (3, "swap 2 of the mugs for 1 tripod", {"CF-MUG": 1, "CA-TRIPOD": 1}, "2 × Ceramic Mug"),
    ],
)
def test_a_partial_swap_takes_only_that_many_out_of_the_line(
    shop, new_cart, probe, mugs, text, expected, old_name
) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", mugs)])
    ctx = ChatContext("conv-r18", token)

    replies = say(shop, ctx, "action_swap_item", text)

    assert replies[0].response == "utter_item_swapped", replies
    left = expected["CF-MUG"]
    assert replies[0].params["old_name"].startswith(old_name)
    assert f"({left} left)" in replies[0].params["old_name"]  # both lines named
    assert replies[0].params["quantity"] == str(expected["CA-TRIPOD"])
    assert probe.lines(shop, cart_id) == expected


def test_a_partial_swap_of_more_than_the_line_changes_nothing(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 2)])
    ctx = ChatContext("conv-r18-more", token)

    replies = say(shop, ctx, "action_swap_item", "swap 3 of the mugs for a tripod")

    assert replies[0].response != "utter_item_swapped", replies
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2}


def test_a_partial_swap_keeps_its_count_through_a_did_you_mean(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 3)])
    ctx = ChatContext("conv-r18-dym", token)

    asked = say(shop, ctx, "action_swap_item", "swap one of the mugs for a tropid")

    assert asked[0].response in ("utter_unknown_product_suggest", "utter_did_you_mean"), asked
    assert probe.lines(shop, cart_id) == {"CF-MUG": 3}
    assert pending(shop, ctx).question == "swap_new"
    replies = say(shop, ctx, "action_accept_offer", "yes")
    assert replies[0].response == "utter_item_swapped", replies
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2, "CA-TRIPOD": 1}


def test_a_whole_line_swap_still_replaces_the_line(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 3)])
    ctx = ChatContext("conv-r18-all", token)

    replies = say(shop, ctx, "action_swap_item", "swap the mugs for 3 tripods")

    assert replies[0].response == "utter_item_swapped", replies
    assert replies[0].params["old_name"] == "Ceramic Mug"
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 3}
