"""Several products with more than one near tie: one "Did you mean …?" at a time (F15).

"a mouse, a pad and a mug" asked two questions in one reply and the second could not be
answered (its answer became a removal confirmation for a product not in the cart).
"""

from __future__ import annotations

from bot.chat.cart import add_item, choose_option
from bot.chat.replies import ChatContext


def test_only_the_first_tie_is_asked_and_its_answer_adds(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-ties", token)

    replies = add_item(shop, ctx, None, None, "add a mouse, a pad and a mug")

    asked = [r for r in replies if r.response == "utter_did_you_mean"]
    assert [r.response for r in replies][0] == "utter_added_several"
    assert len(asked) == 1 and asked[0].buttons  # one question, answerable by its buttons
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}

    first = asked[0].buttons[0][0]
    answered = choose_option(shop, ctx, first, first)

    assert answered[0].response == "utter_added"
    assert len(probe.lines(shop, cart_id)) == 2
