""" "two more" never falls back to an older product when the last one talked about was not
added (review F10): a did-you-mean, an unknown name or an out-of-stock answer leaves the
focus unsettled, and a bare reference is asked about.
"""

from __future__ import annotations

from actions.cart import ActionAddItem, ActionChangeQuantity, ActionChooseOption


def add_leather_case(chat) -> None:
    chat.run(ActionAddItem(), text="add the leather phone case",
             entities={"product": "leather phone case"})  # fmt: skip


def test_two_more_after_an_out_of_stock_answer_asks_which_product(chat, cart, cart_lines):
    add_leather_case(chat)
    asked, _ = chat.run(
        ActionAddItem(), text="add 2 of those sd cards",
        entities={"product": "sd cards", "quantity": "2"},
    )  # fmt: skip
    assert asked[0][0] == "utter_did_you_mean"
    sold_out, _ = chat.run(ActionChooseOption(), text="the 256 one", intent="choose_option")
    assert sold_out[0][0] == "utter_out_of_stock"

    replies, _ = chat.run(
        ActionChangeQuantity(), text="two more", intent="change_quantity",
        entities={"quantity": "two"},
    )  # fmt: skip

    assert replies == [("utter_ask_product", {})]
    assert cart_lines(cart) == {"PA-CASE-LTH": 1}


def test_one_more_after_an_unknown_product_asks_which_product(chat, cart, cart_lines):
    add_leather_case(chat)
    chat.run(ActionAddItem(), text="add a zqxw", entities={"product": "zqxw"})

    replies, _ = chat.run(ActionAddItem(), text="one more", entities={"quantity": "one"})

    assert replies == [("utter_ask_product", {})]
    assert cart_lines(cart) == {"PA-CASE-LTH": 1}


def test_one_more_after_an_add_still_means_that_product(chat, cart, cart_lines):
    add_leather_case(chat)

    chat.run(ActionAddItem(), text="one more", entities={"quantity": "one"})

    assert cart_lines(cart) == {"PA-CASE-LTH": 2}
