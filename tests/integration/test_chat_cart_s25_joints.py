"""s25 trial 14: each item keeps its own count, an add naming nothing asks (F15, F31, F22, F16).

Every test asserts the cart lines in the store after the messages, run as the action
server runs them (:mod:`tests.integration.s25_chat`).
"""

from __future__ import annotations

import pytest

from bot.chat.replies import ChatContext
from tests.integration.s25_chat import responses, say

MUG, TRIPOD, GRINDER, FILTER = "CF-MUG", "CA-TRIPOD", "CF-GRINDER", "CF-FILTER"


@pytest.mark.parametrize(
    ("text", "span", "lines"),
    [
        ("3 mugs n a tripod pls", "mugs n a tripod", {MUG: 3, TRIPOD: 1}),
        ("3 mugs n a tripod pls", "tripod", {MUG: 3, TRIPOD: 1}),
        ("gimme 3 mugs n a grinder", "grinder", {MUG: 3, GRINDER: 1}),
        ("a tripod n 3 mugs", "tripod", {MUG: 3, TRIPOD: 1}),
        ("3 mugs n 2 tripods", "mugs n 2 tripods", {MUG: 3, TRIPOD: 2}),
        ("can i get 2 mugs n a tripod", "mugs n a tripod", {MUG: 2, TRIPOD: 1}),
        ("2 mugs 1 tripod", "mugs", {MUG: 2, TRIPOD: 1}),
        ("add two mugs then three filters", "mugs", {MUG: 2, FILTER: 3}),
        ("add 2 mugs with a tripod", "mugs", {MUG: 2, TRIPOD: 1}),
        ("add 2 mugs w/ a tripod", "mugs w/ a tripod", {MUG: 2, TRIPOD: 1}),
        ("add a tripod plus 2 mugs", "tripod", {MUG: 2, TRIPOD: 1}),
        ("add 2 mugs & a tripod", "mugs", {MUG: 2, TRIPOD: 1}),
    ],
)
def test_each_item_keeps_its_own_count(shop, new_cart, probe, text, span, lines) -> None:
    cart_id, token = new_cart(shop)
    replies = say(shop, ChatContext("fixb-joints", token), "add_item", text, product=span)

    assert responses(replies)[0] == "utter_added_several", replies
    assert probe.lines(shop, cart_id) == lines


def test_a_misspelt_part_is_asked_with_buttons_and_yes_adds_its_count(
    shop, new_cart, probe
) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("fixb-mugz", token)

    first = say(shop, ctx, "add_item", "gimme 3 mugz n a grinder", product="grinder")

    assert probe.lines(shop, cart_id) == {GRINDER: 1}
    asked = [
        r for r in first if r.response in ("utter_unknown_product_suggest", "utter_did_you_mean")
    ]
    assert asked and "Ceramic Mug" in str(asked[0].params), first
    assert asked[0].buttons or asked[0].response == "utter_did_you_mean", first
    say(shop, ctx, "affirm", "yes")
    assert probe.lines(shop, cart_id) == {GRINDER: 1, MUG: 3}


def test_add_3_mugz_and_a_grinder_yes_adds_the_mugs(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("fixb-mugz-and", token)

    first = say(shop, ctx, "add_item", "add 3 mugz and a grinder", product="grinder")

    assert probe.lines(shop, cart_id) == {GRINDER: 1}
    assert any(r.buttons for r in first), first
    say(shop, ctx, "affirm", "yes")
    assert probe.lines(shop, cart_id) == {GRINDER: 1, MUG: 3}


def test_a_part_never_understood_is_named_not_dropped(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    replies = say(shop, ChatContext("fixb-unknown", token), "add_item", "2 mugs n a zorblax")

    assert probe.lines(shop, cart_id) == {MUG: 2}
    assert "zorblax" in str([r.params for r in replies]), replies


def test_with_inside_one_request_is_no_joint(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    replies = say(
        shop, ChatContext("fixb-with", token), "add_item", "add a mug with a lid", product="mug"
    )

    assert probe.lines(shop, cart_id).get(MUG) in (None, 1), replies


@pytest.mark.parametrize("text", ["add 🍕", "add 🍺", "add", "add pls", "put in my cart"])
def test_an_add_naming_nothing_asks_and_never_re_adds_the_removed_line(
    shop, new_cart, probe, text
) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("fixb-emoji", token)
    say(shop, ctx, "add_item", "add a tripod", product="tripod")
    say(shop, ctx, "remove_item", "remove the tripod", product="tripod")
    assert probe.lines(shop, cart_id) == {}

    replies = say(shop, ctx, "add_item", text)

    assert responses(replies) == ["utter_ask_product"], replies
    assert probe.lines(shop, cart_id) == {}
    say(shop, ctx, "add_item", "a mug", product="mug")  # the answer completes the add
    assert probe.lines(shop, cart_id) == {MUG: 1}


@pytest.mark.parametrize("text", ["add another", "one more", "add it again", "add that too"])
def test_an_add_pointing_back_still_means_the_product_in_focus(shop, new_cart, probe, text) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("fixb-focus", token)
    say(shop, ctx, "add_item", "add a tripod", product="tripod")

    say(shop, ctx, "add_item", text)

    assert probe.lines(shop, cart_id) == {TRIPOD: 2}
