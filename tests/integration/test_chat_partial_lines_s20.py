"""Review s20 (R18, R20, R19, R8): a part of a line swapped, removed or kept, never the whole.

Each test drives ``handle`` as the action server would and asserts the replies and the store:
changed exactly as asked (only that many of the line), or not at all.
"""

from __future__ import annotations

import pytest

from bot.chat import cancel
from bot.chat.dialogue import Turn
from bot.chat.replies import ChatContext
from tests.integration.test_chat_dialogue import FLOWS as DIALOGUE_FLOWS
from tests.integration.test_chat_dialogue import addon_offer
from tests.integration.test_chat_dialogue import say as dialogue_say
from tests.integration.test_chat_swap_questions_s19 import FLOWS, INTENTS, pending, run, say

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
    assert f"— {left} left —" in replies[0].params["old_name"]  # both lines named
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


# --- R20: a confirmed request does what the question named; "one of" several -----------------

FLOWS.setdefault(
    "action_remove_too_expensive",
    lambda shop, ctx, t: cancel.remove_too_expensive(
        shop, ctx, t.entities.get("product"), t.text or None
    ),
)
INTENTS.setdefault("action_remove_too_expensive", "remove_too_expensive")
DIALOGUE_FLOWS.setdefault("action_remove_item", FLOWS["action_remove_item"])


def test_a_confirmed_upgrade_of_one_of_two_swaps_exactly_one(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("AU-PULSE-LITE", 2)])
    ctx = ChatContext("conv-r20-up", token)
    text = "can i upgrade just one of the headphones to the studio?"
    entities = {"quantity": "1", "product": "headphones studio"}

    asked = run(shop, ctx, Turn("action_swap_item", "swap_item", 0.4, text, entities))

    assert asked[0].response == "utter_confirm_action", asked
    assert asked[0].params["action"].startswith("swap one of the headphones for"), asked
    assert probe.lines(shop, cart_id) == {"AU-PULSE-LITE": 2}
    done = say(shop, ctx, "action_accept_offer", "yes")
    assert done[0].response == "utter_item_swapped", done
    assert done[0].params["name"] == "Pulse Headphones Studio"
    assert probe.lines(shop, cart_id) == {"AU-PULSE-LITE": 1, "AU-PULSE-STUDIO": 1}


def test_a_swap_reading_with_no_swap_cue_is_confirmed_as_the_add_it_does(
    shop, new_cart, probe
) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    ctx = ChatContext("conv-r20-add", token)
    turn = Turn("action_swap_item", "swap_item", 0.4, "add a travel tripod", {})

    asked = run(shop, ctx, turn)

    if asked[0].response == "utter_confirm_action":  # the question names the add it runs
        assert asked[0].params["action"].startswith("add"), asked
        assert probe.lines(shop, cart_id) == {"CF-MUG": 1}
        asked = say(shop, ctx, "action_accept_offer", "yes")
    assert asked[0].response == "utter_added", asked
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1, "CA-TRIPOD": 1}


def test_one_of_the_cameras_is_too_expensive_remove_it_takes_one_out(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CM-SNAP-PRO", 2)])
    ctx = ChatContext("conv-r20-cam", token)
    text = "one of the cameras is too expensive, remove it"

    replies = say(shop, ctx, "action_remove_too_expensive", text, product="cameras")

    assert replies[0].response == "utter_decremented", replies
    assert replies[0].params["removed"] == "1" and replies[0].params["quantity"] == "1"
    assert probe.lines(shop, cart_id) == {"CM-SNAP-PRO": 1}


REMARK = "one of the cameras is too expensive"


def test_one_of_the_cameras_is_too_expensive_asks_about_one_and_no_changes_nothing(
    shop, new_cart, probe
) -> None:
    cart_id, token = new_cart(shop, lines=[("CM-SNAP-PRO", 2)])
    ctx = ChatContext("conv-r20-cam2", token)

    asked = say(shop, ctx, "action_remove_too_expensive", REMARK, product="cameras")

    assert asked[0].response == "utter_confirm_action", asked
    assert "1 × Snap Camera Pro" in asked[0].params["action"]
    declined = say(shop, ctx, "action_decline_offer", "no")
    assert declined[0].response == "utter_confirm_declined", declined
    assert probe.lines(shop, cart_id) == {"CM-SNAP-PRO": 2}
    say(shop, ctx, "action_remove_too_expensive", REMARK, product="cameras")
    done = say(shop, ctx, "action_accept_offer", "yes")
    assert done[0].response == "utter_decremented", done
    assert probe.lines(shop, cart_id) == {"CM-SNAP-PRO": 1}


# --- R19: "all but N" / "the extra" set the line to N, never remove other lines --------------


@pytest.mark.parametrize(
    ("action", "text", "kept"),
    [
        ("action_remove_item", "remove all but one mug", 1),
        ("action_change_quantity", "keep just one mug", 1),
        ("action_remove_item", "remove all but 2 mugs", 2),
        ("action_remove_item", "remove the extra mugs", 1),
        ("action_remove_item", "get rid of the extra mugs please", 1),
    ],
)
def test_all_but_n_and_the_extra_set_the_line_and_keep_the_others(
    shop, new_cart, probe, action, text, kept
) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-BEANS-ESP", 1), ("CF-MUG", 4)])
    ctx = ChatContext("conv-r19", token)
    before = probe.lines(shop, cart_id)

    asked = say(shop, ctx, action, text)

    assert asked[0].response == "utter_confirm_action", asked
    named = {1: ("1", "one"), 2: ("2",)}[kept]  # the number as said
    assert asked[0].params["action"] in [f"change Ceramic Mug to {n}" for n in named], asked
    assert probe.lines(shop, cart_id) == before
    done = say(shop, ctx, "action_accept_offer", "yes")
    assert done[0].response == "utter_quantity_changed", done
    assert probe.lines(shop, cart_id) == {**before, "CF-MUG": kept}


def test_all_but_n_answered_no_changes_nothing(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-BEANS-ESP", 1), ("CF-MUG", 4)])
    ctx = ChatContext("conv-r19-no", token)
    before = probe.lines(shop, cart_id)

    say(shop, ctx, "action_remove_item", "remove all but one mug")
    declined = say(shop, ctx, "action_decline_offer", "no")

    assert declined[0].response == "utter_confirm_declined", declined
    assert probe.lines(shop, cart_id) == before


def test_remove_everything_except_the_mug_still_removes_the_others(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-BEANS-ESP", 1), ("CF-MUG", 4)])
    ctx = ChatContext("conv-r19-except", token)

    asked = say(shop, ctx, "action_remove_item", "remove everything except the mug")
    assert asked[0].response == "utter_confirm_action", asked
    say(shop, ctx, "action_accept_offer", "yes")

    assert probe.lines(shop, cart_id) == {"CF-MUG": 4}


# --- R8: with an add-on offer open, "get rid of it" never removes a cart line ----------------


@pytest.mark.parametrize("text", ["get rid of it", "remove it", "take it out"])
def test_removing_it_with_an_add_on_open_declines_the_offer_and_keeps_the_line(
    shop, new_cart, probe, text
) -> None:
    cart_id, ctx, offered = addon_offer(shop, new_cart, "conv-r8")

    replies = dialogue_say(shop, ctx, Turn("action_remove_item", "remove_item", 0.95, text))

    assert replies[0].response == "utter_offer_declined", replies
    assert offered in replies[0].params.get("name", offered)
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}
    assert probe.offers(shop, "conv-r8")[-1][0] == "declined"


def test_removing_the_named_item_with_an_add_on_open_removes_it(shop, new_cart, probe) -> None:
    cart_id, ctx, _ = addon_offer(shop, new_cart, "conv-r8-named")
    turn = Turn("action_remove_item", "remove_item", 0.95, "remove the aria phone",
                {"product": "aria phone"})  # fmt: skip

    replies = dialogue_say(shop, ctx, turn)

    assert replies[-1].response == "utter_removed", replies
    assert probe.lines(shop, cart_id) == {}
