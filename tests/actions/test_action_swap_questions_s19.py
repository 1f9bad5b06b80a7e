"""Actions: a swap's questions through the action server (buttons sent, answers completing them)."""

from __future__ import annotations

from actions.cart import (
    ActionAddItem,
    ActionChangeQuantity,
    ActionChooseOption,
    ActionRemoveItem,
    ActionSwapItem,
)
from actions.suggestions import ActionAcceptOffer, ActionDeclineOffer
from bot.services.cart import add_to_cart


def fill(shop, cart, *lines):
    for sku, quantity in lines:
        add_to_cart(shop, cart.token, cart.cart_id, sku, quantity)


def test_a_swap_did_you_mean_sends_buttons_and_its_button_completes_the_swap(
    shop, chat, cart, cart_lines
) -> None:
    fill(shop, cart, ("CF-MUG", 1))

    asked, _ = chat.run(ActionSwapItem(), text="swap the mug for an sd card", intent="swap_item")

    assert asked[0][0] == "utter_did_you_mean", asked
    titles = asked[0][1]["buttons"]
    assert "128 GB SD Card" in titles
    done, _ = chat.press(ActionChooseOption(), titles.index("128 GB SD Card"))
    assert done[0][0] == "utter_item_swapped", done
    assert cart_lines(cart) == {"CA-SD-128": 1}


def test_yes_to_a_misspelt_swap_target_swaps(shop, chat, cart, cart_lines) -> None:
    fill(shop, cart, ("CF-MUG", 2))

    asked, _ = chat.run(ActionSwapItem(), text="swap the mugs for 2 tropids", intent="swap_item")
    done, _ = chat.run(ActionAcceptOffer(), text="yes", intent="affirm")

    assert asked[0][1]["buttons"] == ["Yes", "No"], asked
    assert done[0][0] == "utter_item_swapped", done
    assert cart_lines(cart) == {"CA-TRIPOD": 2}


def test_a_swaps_how_many_then_a_bare_number(shop, chat, cart, cart_lines) -> None:
    fill(shop, cart, ("CF-MUG", 3))

    asked, _ = chat.run(
        ActionSwapItem(), text="swap the mugs for the travel tripod", intent="swap_item"
    )
    done, _ = chat.run(ActionChangeQuantity(), text="3", intent="change_quantity")

    assert asked == [("utter_ask_quantity", {"name": "Travel Tripod"})]
    assert done[0][0] == "utter_item_swapped", done
    assert cart_lines(cart) == {"CA-TRIPOD": 3}


def test_none_of_them_drops_the_swap_question(shop, chat, cart, cart_lines) -> None:
    fill(shop, cart, ("CF-MUG", 1))
    chat.run(ActionSwapItem(), text="swap the mug for an sd card", intent="swap_item")

    dropped, _ = chat.run(ActionDeclineOffer(), text="none of them", intent="deny")
    later, _ = chat.run(ActionChooseOption(), text="the first one", intent="choose_option")

    assert dropped[0] == ("utter_confirm_declined", {})
    assert later == [("utter_nothing_to_choose", {})]
    assert cart_lines(cart) == {"CF-MUG": 1}


def test_make_it_3_no_2_sets_2(shop, chat, cart, cart_lines) -> None:
    fill(shop, cart, ("CF-MUG", 1))

    chat.run(
        ActionChangeQuantity(),
        text="make it 3, no 2 mugs",
        intent="change_quantity",
        entities={"product": "mugs", "quantity": "3"},
    )

    assert cart_lines(cart) == {"CF-MUG": 2}


def test_an_unsure_remove_it_names_the_product(shop, chat, cart, cart_lines) -> None:
    chat.run(ActionAddItem(), text="add a usb-c cable", entities={"product": "usb-c cable"})

    asked, _ = chat.run(ActionRemoveItem(), text="remove it", intent="remove_item", confidence=0.5)

    assert asked == [
        ("utter_confirm_action", {"action": "remove USB-C Cable 1m", "buttons": ["Yes", "No"]})
    ]
    assert cart_lines(cart) == {"PA-CBL-USBC": 1}
