"""The quantity the shopper said wins (review F34, F45, F46, F48): never a guess in the cart."""

from __future__ import annotations

import pytest

from bot.chat.cart import add_item, remove_item, swap_item
from bot.chat.replies import ChatContext, Reply


def responses(replies: list[Reply]) -> list[str]:
    return [reply.response for reply in replies]


@pytest.mark.parametrize(
    "message", ["take out a mug", "lose a mug", "take out one mug", "toss out a mug"]
)
def test_an_article_after_a_verb_particle_takes_one_out(shop, new_cart, probe, message) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 2), ("LA-HUB", 1)])

    replies = remove_item(shop, ChatContext("conv-f46", token), "mug", message)

    assert responses(replies) == ["utter_decremented"]
    assert replies[0].params["removed"] == "1"
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1, "LA-HUB": 1}


@pytest.mark.parametrize("message", ["take out the mugs", "lose the mugs"])
def test_the_line_named_without_an_article_still_goes(shop, new_cart, probe, message) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 2), ("LA-HUB", 1)])

    replies = remove_item(shop, ChatContext("conv-f46b", token), "mugs", message)

    assert responses(replies) == ["utter_removed"]
    assert probe.lines(shop, cart_id) == {"LA-HUB": 1}


@pytest.mark.parametrize(
    ("message", "quantity"),
    [
        ("swap the mugs for 3 tripods", 3),
        ("swap the mugs for a tripod", 1),
        ("swap the mugs for one tripod", 1),
        ("replace the mugs with a couple of tripods", 2),
    ],
)
def test_a_quantity_said_on_the_new_side_of_a_swap_wins(
    shop, new_cart, probe, message, quantity
) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 2), ("LA-HUB", 1)])

    replies = swap_item(shop, ChatContext("conv-f45", token), message)

    assert responses(replies) == ["utter_item_swapped"]
    assert replies[0].params["quantity"] == str(quantity)
    assert probe.lines(shop, cart_id) == {"LA-HUB": 1, "CA-TRIPOD": quantity}


@pytest.mark.parametrize(
    "message", ["replace the mugs with the milk frother", "swap the mugs for the tripod"]
)
def test_a_swap_to_another_family_with_no_quantity_asks_how_many(
    shop, new_cart, probe, message
) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 2)])

    replies = swap_item(shop, ChatContext("conv-f45b", token), message)

    assert responses(replies) == ["utter_ask_quantity"]
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2}


def test_a_variant_swap_keeps_the_line_quantity_and_a_said_one_wins(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-SD-64", 2)])
    ctx = ChatContext("conv-f45c", token)

    swap_item(shop, ctx, "I want the 128gb sd card instead")
    assert probe.lines(shop, cart_id) == {"CA-SD-128": 2}

    swap_item(shop, ctx, "swap the 128gb sd card for 3 64gb sd cards")
    assert probe.lines(shop, cart_id) == {"CA-SD-64": 3}


def test_a_refused_quantity_in_a_swap_changes_nothing(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 2)])

    replies = swap_item(shop, ChatContext("conv-f45d", token), "swap the mugs for 1.5 tripods")

    assert responses(replies) == ["utter_quantity_refused"]
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2}


@pytest.mark.parametrize(
    "message", ["i want to buy these now", "I'll buy these", "purchase these", "buy them now"]
)
def test_buying_these_checks_out_and_adds_nothing(shop, new_cart, probe, message) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-f34", token)
    add_item(shop, ctx, "mugs", "2", "add 2 mugs")

    replies = add_item(shop, ctx, None, None, message)

    assert responses(replies)[0] == "utter_checkout"
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2}


def test_buying_a_named_product_still_adds_it(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 2)])

    add_item(shop, ChatContext("conv-f34b", token), "tripod", None, "i want to buy a tripod")

    assert probe.lines(shop, cart_id) == {"CF-MUG": 2, "CA-TRIPOD": 1}


@pytest.mark.parametrize(
    ("message", "name"), [("add a mug or two", "mug"), ("add 2 x 2 mugs", "mugs")]
)
def test_a_ranged_or_compound_quantity_is_asked_about(shop, new_cart, probe, message, name) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])

    replies = add_item(shop, ChatContext("conv-f48", token), "mug", "2", message)

    assert replies == [Reply("utter_ask_quantity", {"name": name})]
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


@pytest.mark.parametrize(
    ("message", "left"),
    [
        ("remove 2 mugs and 1 tripod", {"CF-MUG": 1}),
        ("delete 3 mugs", {"CA-TRIPOD": 1}),
        ("take away 2 mugs and a tripod", {"CF-MUG": 1}),
        ("remove 2 mugs", {"CF-MUG": 1, "CA-TRIPOD": 1}),
    ],
)
def test_a_removal_read_as_an_add_never_adds(shop, new_cart, probe, message, left) -> None:
    """Review F49: the model read these as add_item at 0.97; the shopper's verb wins."""
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 3), ("CA-TRIPOD", 1)])

    replies = add_item(shop, ChatContext("conv-f49", token), None, None, message)

    assert not any(r.response.startswith("utter_added") for r in replies), responses(replies)
    assert probe.lines(shop, cart_id) == left
