"""Cart language through the chat flows: quantities, several products, take out, swap, focus."""

from __future__ import annotations

import pytest

from bot.chat.cart import add_item, change_quantity, remove_item, swap_item
from bot.chat.cart_requests import Mention
from bot.chat.replies import ChatContext, Reply


def responses(replies: list[Reply]) -> list[str]:
    return [reply.response for reply in replies]


@pytest.mark.parametrize(
    ("message", "product", "quantity"),
    [
        ("add 2x mug", "2x mug", None),
        ("add mug x2", "mug", None),
        ("add mug ×2", "mug", None),
        ("add a couple of mugs", "mugs", None),
        ("add a pair of ceramic mugs", "ceramic mugs", None),
        ("add half a dozen ceramic mugs", None, None),
        ("add two mugs", "mugs", "2"),
    ],
)
def test_every_accepted_quantity_form_adds_that_many(
    shop, new_cart, probe, message, product, quantity
) -> None:
    cart_id, token = new_cart(shop)
    expected = 6 if "dozen" in message else 2

    replies = add_item(shop, ChatContext("conv-q", token), product, quantity, message)

    assert replies[0].params["quantity"] == str(expected), replies
    assert probe.lines(shop, cart_id) == {"CF-MUG": expected}


@pytest.mark.parametrize(
    ("message", "said"),
    [
        ("add 1.5 mugs", "1.5"),
        ("add 1/2 mug", "1/2"),
        ("add half a mug", "half a"),
        ("add 0 mugs", "0"),
        ("add zero mugs", "zero"),
        ("add -2 mugs", "-2"),
        ("add 500 mugs", "500"),
        ("add twenty five mugs", "twenty five"),
    ],
)
def test_refused_quantities_leave_the_cart_unchanged(
    shop, new_cart, probe, store_state, message, said
) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    before = store_state(shop)

    replies = add_item(shop, ChatContext("conv-q", token), "mugs", None, message)

    assert replies == [Reply("utter_quantity_refused", {"said": said, "max_quantity": "20"})]
    assert store_state(shop) == before
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


def test_a_number_that_belongs_to_the_name_is_no_quantity(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-n", token)

    first = add_item(shop, ctx, "aria phone", None, "add an aria phone 128")
    second = add_item(shop, ctx, None, None, "add 2 128gb sd cards")

    assert first[0].params["name"] == "Aria Phone 128 GB" and first[0].params["quantity"] == "1"
    assert second[0].params == {**second[0].params, "name": "128 GB SD Card", "quantity": "2"}
    assert probe.lines(shop, cart_id) == {"PH-ARIA-128": 1, "CA-SD-128": 2}


def test_several_products_in_one_message_are_added_together(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-m", token)
    message = "2 mugs and 3 travel tripods"
    mentions = [Mention("mugs", 2, 6), Mention("travel tripods", 13, 27)]

    replies = add_item(shop, ctx, "mugs travel tripods", "2", message, mentions=mentions)

    assert replies[0].response == "utter_added_several"
    assert replies[0].params["items"] == "2 × Ceramic Mug and 3 × Travel Tripod"
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2, "CA-TRIPOD": 3}


def test_an_unclear_part_is_asked_about_and_never_guessed(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-m", token)

    replies = add_item(shop, ctx, None, None, "add usb c hub and a mouse")

    assert responses(replies) == ["utter_added_several", "utter_did_you_mean"]
    assert replies[0].params["items"] == "1 × USB-C Hub 7-in-1"
    assert "Wireless Mouse" in replies[1].params["options"]
    assert probe.lines(shop, cart_id) == {"LA-HUB": 1}
    answer = add_item(shop, ctx, "wireless mouse", None, "the wireless mouse", answering=True)
    assert answer[0].params["name"] == "Wireless Mouse"
    assert probe.lines(shop, cart_id) == {"LA-HUB": 1, "LA-MOUSE": 1}


def test_a_refused_quantity_in_one_part_adds_nothing(shop, new_cart, probe, store_state) -> None:
    _, token = new_cart(shop)
    before = store_state(shop)

    replies = add_item(shop, ChatContext("conv-m", token), None, None, "a tripod and 1.5 mugs")

    assert responses(replies) == ["utter_quantity_refused"]
    assert store_state(shop) == before


def test_an_unknown_part_is_named_and_only_the_certain_part_added(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)

    replies = add_item(shop, ChatContext("c", token), None, None, "a mug and a flux capacitor")

    assert responses(replies)[0] == "utter_added_several"
    assert replies[0].params["items"] == "1 × Ceramic Mug"
    assert responses(replies)[1].startswith("utter_unknown_product")
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


def test_take_out_part_of_a_line(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 5)])
    ctx = ChatContext("conv-d", token)

    one = remove_item(shop, ctx, "mugs", "remove one of the mugs")
    assert one[0].response == "utter_decremented"
    assert one[0].params["removed"] == "1" and one[0].params["quantity"] == "4"
    assert probe.lines(shop, cart_id) == {"CF-MUG": 4}

    remove_item(shop, ctx, None, "take two out")
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2}

    add_item(shop, ctx, "mug", None, "one less mug")
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


def test_taking_out_more_than_the_line_holds_changes_nothing(
    shop, new_cart, probe, store_state
) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 2)])
    ctx = ChatContext("conv-d", token)
    before = store_state(shop)

    replies = remove_item(shop, ctx, "mugs", "remove 3 mugs")

    assert replies == [
        Reply("utter_remove_too_many", {"name": "Ceramic Mug", "quantity": "2", "asked": "3"})
    ]
    assert store_state(shop) == before
    exactly = remove_item(shop, ctx, "mugs", "remove 2 mugs")
    assert exactly[0].response == "utter_removed"
    assert probe.lines(shop, cart_id) == {}


def test_remove_it_means_the_product_last_added_and_names_it(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    ctx = ChatContext("conv-it", token)
    add_item(shop, ctx, "travel tripod", None, "add a travel tripod")

    replies = remove_item(shop, ctx, None, "remove it")

    assert replies[0].response == "utter_removed"
    assert replies[0].params["name"] == "Travel Tripod"
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


def test_focus_is_per_conversation(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    add_item(shop, ChatContext("conv-a", token), "travel tripod", None, "add a travel tripod")

    replies = remove_item(shop, ChatContext("conv-b", token), None, "remove it")

    assert replies == [Reply("utter_ask_product")]
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1, "CA-TRIPOD": 1}


def test_set_a_quantity_and_never_guess_a_missing_one(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    ctx = ChatContext("conv-s", token)

    assert change_quantity(shop, ctx, "mugs", "3", "make it 3 mugs")[0].params["quantity"] == "3"
    assert change_quantity(shop, ctx, None, "2", "I only want 2")[0].params["quantity"] == "2"
    asked = change_quantity(shop, ctx, "mugs", None, "change how many mugs I'm getting")
    assert asked == [Reply("utter_ask_quantity", {"name": "Ceramic Mug"})]
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2}


def test_swap_to_another_variant_keeps_the_quantity(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-SD-64", 2), ("CF-MUG", 1)])
    ctx = ChatContext("conv-w", token)

    replies = swap_item(shop, ctx, "I want the 128gb sd card instead")

    assert replies[0].response == "utter_item_swapped"
    assert replies[0].params["old_name"] == "64 GB SD Card"
    assert replies[0].params["name"] == "128 GB SD Card"
    assert replies[0].params["quantity"] == "2"
    assert probe.lines(shop, cart_id) == {"CA-SD-128": 2, "CF-MUG": 1}


def test_swap_by_attribute_and_by_names(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-SD-64", 1), ("CF-MUG", 3)])
    ctx = ChatContext("conv-w", token)

    swap_item(shop, ctx, "the 128 GB one instead")
    swap_item(shop, ctx, "swap the mugs for 3 tripods")  # another family: the number said

    assert probe.lines(shop, cart_id) == {"CA-SD-128": 1, "CA-TRIPOD": 3}


def test_a_swap_that_cannot_be_done_changes_nothing(shop, new_cart, store_state) -> None:
    _, token = new_cart(shop, lines=[("CA-SD-64", 1), ("PH-ARIA-128", 1)])
    ctx = ChatContext("conv-w", token)
    before = store_state(shop)

    unclear = swap_item(shop, ctx, "I'd rather have the 256 gb one instead")
    no_line = swap_item(shop, ctx, "I want the snap camera pro instead")
    no_stock = swap_item(shop, ctx, "swap the 64gb sd card for the 256gb sd card")

    assert responses(unclear) == ["utter_swap_which_line"]
    assert unclear[0].buttons  # which line: kept as the pending question, a button per line
    assert responses(no_line) == ["utter_swap_nothing_to_replace"]
    assert responses(no_stock) == ["utter_out_of_stock"]
    after = store_state(shop)
    assert {row[2] for row in after.pop("pending_choices")} <= {"swap_old"}
    assert after == {k: v for k, v in before.items() if k != "pending_choices"}


def test_a_swap_never_replaces_an_unrelated_line_on_a_guess(shop, new_cart, store_state) -> None:
    _, token = new_cart(shop)
    ctx = ChatContext("conv-g", token)
    add_item(shop, ctx, "usb c hub", None, "add a usb c hub")
    before = store_state(shop)

    replies = swap_item(shop, ctx, "the wireless mouse")

    assert replies == [Reply("utter_ask_quantity", {"name": "wireless mouse"})]
    after = store_state(shop)
    assert [row[2] for row in after.pop("pending_choices")] == ["ask_quantity"]  # F29
    assert after == {k: v for k, v in before.items() if k != "pending_choices"}


def test_swap_it_replaces_the_product_in_focus(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    ctx = ChatContext("conv-g", token)
    add_item(shop, ctx, "clear phone case", None, "add a clear phone case")

    swap_item(shop, ctx, "can I swap it for the leather phone case")

    assert probe.lines(shop, cart_id) == {"CF-MUG": 1, "PA-CASE-LTH": 1}


def test_an_answer_to_did_you_mean_read_as_a_swap_answers_the_question(
    shop, new_cart, probe
) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-g", token)
    add_item(shop, ctx, None, None, "add usb c hub and a mouse")

    replies = swap_item(shop, ctx, "the wireless mouse")

    assert replies[0].response == "utter_added" and replies[0].params["name"] == "Wireless Mouse"
    assert probe.lines(shop, cart_id) == {"LA-HUB": 1, "LA-MOUSE": 1}


def test_put_that_in_too_after_an_offer_adds_the_offer_not_the_last_product(
    shop, new_cart, probe
) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-o", token)
    offered = add_item(shop, ctx, "aria phone 256gb", None, "add the aria phone 256gb")
    assert offered[1].response == "utter_offer_addon"

    replies = add_item(shop, ctx, None, None, "put that in too")

    assert replies[0].params["name"] == "Clear Phone Case"
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1, "PA-CASE-CLR": 1}
    again = add_item(shop, ctx, None, None, "one more")
    assert again[0].params["name"] == "Clear Phone Case"
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1, "PA-CASE-CLR": 2}
