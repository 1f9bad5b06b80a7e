"""The too-expensive flow: "it" is the product in focus, and a remark asks first (F27, F28).

"too pricey, take it out" after adding the coffee machine means the machine (it answered
"Which product?") and closes the add-on offer still open (a "yes" then added filters); "the
headphones are too expensive" with no cheaper tier removed the line on a remark.
"""

from __future__ import annotations

from actions.cancel import ActionRemoveTooExpensive
from actions.cart import ActionAddItem
from actions.suggestions import ActionAcceptOffer, ActionDeclineOffer


def test_take_it_out_means_the_product_in_focus_and_closes_the_add_on_offer(chat, cart, cart_lines):
    added, _ = chat.run(
        ActionAddItem(), text="add the brew coffee machine plus",
        entities={"product": "brew coffee machine plus"},
    )  # fmt: skip
    assert added[-1][0] == "utter_offer_addon"  # an add-on offer is open

    replies, _ = chat.run(
        ActionRemoveTooExpensive(), text="too pricey, take it out", intent="remove_too_expensive"
    )

    assert replies[0][0] == "utter_offer_downsell"
    assert replies[0][1]["name"] == "Brew Coffee Machine Basic"
    chat.run(ActionAcceptOffer(), text="yes", intent="affirm")
    assert cart_lines(cart) == {"CF-BREW-BASIC": 1}  # the downsell, not the add-on


def test_a_remark_with_no_cheaper_tier_asks_before_removing(chat, cart, cart_lines):
    chat.run(ActionAddItem(), text="add the pulse headphones lite",
             entities={"product": "pulse headphones lite"})  # fmt: skip
    chat.run(ActionDeclineOffer(), text="no thanks", intent="deny")

    asked, _ = chat.run(
        ActionRemoveTooExpensive(),
        text="the headphones are too expensive",
        intent="remove_too_expensive",
        entities={"product": "headphones"},
    )

    assert asked == [
        (
            "utter_confirm_action",
            {"action": "remove Pulse Headphones Lite", "buttons": ["Yes", "No"]},
        )
    ]
    assert cart_lines(cart) == {"AU-PULSE-LITE": 1}
    no, _ = chat.run(ActionDeclineOffer(), text="no", intent="deny")
    assert no == [("utter_confirm_declined", {})]
    assert cart_lines(cart) == {"AU-PULSE-LITE": 1}

    chat.run(
        ActionRemoveTooExpensive(),
        text="the headphones are too expensive",
        intent="remove_too_expensive",
        entities={"product": "headphones"},
    )
    removed, _ = chat.run(ActionAcceptOffer(), text="yes", intent="affirm")

    assert removed[0][0] == "utter_removed"
    assert cart_lines(cart) == {}


def test_saying_to_remove_it_removes_at_once(chat, cart, cart_lines):
    chat.run(ActionAddItem(), text="add the pulse headphones lite",
             entities={"product": "pulse headphones lite"})  # fmt: skip

    replies, _ = chat.run(
        ActionRemoveTooExpensive(),
        text="too expensive, remove the headphones",
        intent="remove_too_expensive",
        entities={"product": "headphones"},
    )

    assert replies[0][0] == "utter_no_downsell"
    assert cart_lines(cart) == {}
