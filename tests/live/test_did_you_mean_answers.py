"""Live (REST): "Did you mean …?" answered by price or size, and "Did you mean X?" by yes / no.

Whatever intent the model reads in "the cheaper one" or "yes please", the pending question
is answered first; the pick comes from the options' prices and names in the store, an
answer they cannot decide is asked again, and "no" changes nothing.
"""

from __future__ import annotations

from tests.live.helpers import Live, payloads, shaped, texts


def cart_lines(live: Live, cart_id: int, token: str) -> dict[str, int]:
    cart = live.api("GET", f"/api/carts/{cart_id}", token=token)
    return {line["sku"]: line["quantity"] for line in cart["lines"]}


def test_the_cheapest_and_the_bigger_one_pick_by_the_stores_price_and_size(live: Live) -> None:
    cart_id, token = live.new_cart("live-attribute-answers")
    chat = live.conversation(token)

    phones = chat.say("add an aria phone")
    cheapest = chat.say("the cheapest one")
    cameras = chat.say("add a snap camera")
    no_size = chat.say("the bigger one")  # no size in the cameras' names
    unchanged = cart_lines(live, cart_id, token)
    dearest = chat.say("the more expensive one")

    assert texts(phones)[0].startswith("Did you mean to add Aria Phone 128 GB")
    assert texts(cheapest)[0].startswith("Added 1 × Aria Phone 128 GB."), cheapest
    assert texts(cameras)[0].startswith("Did you mean to add Snap Camera")
    assert texts(no_size) == texts(cameras)[:1] and shaped(no_size) == shaped(cameras)
    assert unchanged == {"PH-ARIA-128": 1}
    assert texts(dearest)[0].startswith("Added 1 × Snap Camera Pro."), dearest
    assert cart_lines(live, cart_id, token) == {"PH-ARIA-128": 1, "CM-SNAP-PRO": 1}


def test_did_you_mean_x_has_yes_no_buttons_yes_takes_it_and_no_changes_nothing(
    live: Live,
) -> None:
    cart_id, token = live.new_cart("live-did-you-mean-x")
    chat = live.conversation(token)

    asked = chat.say("add a tropid")
    taken = chat.say("yes please")
    again = chat.say("add a tropid")
    dropped = chat.say("no")
    after_no = cart_lines(live, cart_id, token)
    pressed = chat.say(payloads(chat.say("add a tropid"))[0][1])  # the Yes button

    assert texts(asked) == ['I couldn\'t find "tropid". Did you mean to add Travel Tripod?']
    assert [title for title, _ in payloads(asked)] == ["Yes", "No"]
    assert texts(taken)[0].startswith("Added 1 × Travel Tripod."), taken
    assert texts(again) == texts(asked)
    assert texts(dropped) == ["Okay, I haven't changed anything.", "Which product do you mean?"]
    assert after_no == {"CA-TRIPOD": 1}
    assert texts(pressed)[0].startswith("Added 1 × Travel Tripod (2 in your cart now).")
    assert cart_lines(live, cart_id, token) == {"CA-TRIPOD": 2}
