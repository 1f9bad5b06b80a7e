"""Trial 12, C3 and C4: what a pending "Did you mean …?" does with the next messages.

C3: a question about an option ("how much is the 65 W one?") is answered with the options'
prices, never picked; a plain pick still picks. C4: a did-you-mean closes once the shopper
moves on, and a pick's own quantity wins over the question's stored one.
Drives ``handle`` as the action server would (intents as the shipped model reads them) and
asserts the store.
"""

from __future__ import annotations

import pytest

from bot.chat import cart, cart_views
from bot.chat.dialogue import Turn, handle
from bot.chat.replies import ChatContext, Reply

FLOWS = {
    "action_add_item": lambda shop, ctx, t: cart.add_item(
        shop, ctx, t.entities.get("product"), t.entities.get("quantity"), t.text
    ),
    "action_change_quantity": lambda shop, ctx, t: cart.change_quantity(
        shop, ctx, t.entities.get("product"), t.entities.get("quantity"), t.text
    ),
    "action_choose_option": lambda shop, ctx, t: cart.choose_option(
        shop, ctx, t.entities.get("product"), t.text
    ),
    "action_show_cart": lambda shop, ctx, t: cart_views.show_cart(shop, ctx),
    "action_offer_detail": lambda shop, ctx, t: [Reply("utter_no_open_offer")],
    "action_unsupported_request": lambda shop, ctx, t: [Reply("utter_default")],
    "action_swap_item": lambda shop, ctx, t: cart.swap_item(shop, ctx, t.text),
}


def say(shop, ctx: ChatContext, turn: Turn) -> list[Reply]:
    def rerun(action: str, intent: str, entities, text: str) -> list[Reply]:
        return say(shop, ctx, Turn(action, intent, 1.0, text, entities, confirmed=True))

    return handle(shop, ctx, turn, lambda c: FLOWS[turn.action](shop, c, turn), rerun)


def _asked(shop, new_cart, product: str) -> tuple[int, ChatContext, list[Reply]]:
    cart_id, token = new_cart(shop, lines=[])
    ctx = ChatContext("conv-1", token)
    turn = Turn("action_add_item", "add_item", 1.0, f"add a {product}", {"product": product})
    return cart_id, ctx, say(shop, ctx, turn)


QUESTIONS = [
    ("action_offer_detail", "ask_offer_detail", 0.95, "how much is the 65 W one?", "65 W"),
    ("action_offer_detail", "ask_offer_detail", 0.75, "how much is the second one?", None),
    ("action_offer_detail", "ask_offer_detail", 0.99, "whats the difference", None),
    ("action_unsupported_request", "out_of_scope", 0.73, "is the 65w one in stock?", "65w"),
    ("action_swap_item", "swap_item", 0.6, "does the 65w one work with laptops?", "65w"),
    ("action_choose_option", "choose_option", 0.8, "what does the 65 W one cost?", "65 W"),
    ("action_add_item", "add_item", 0.9, "the 65w one, how much is it?", "65w"),
]


@pytest.mark.parametrize("action, intent, confidence, text, product", QUESTIONS)
def test_a_question_about_an_option_is_answered_with_prices_and_adds_nothing(
    shop, new_cart, probe, action, intent, confidence, text, product
) -> None:
    cart_id, ctx, asked = _asked(shop, new_cart, "charger")
    assert asked[0].response == "utter_did_you_mean", asked
    entities = {"product": product} if product else {}

    replies = say(shop, ctx, Turn(action, intent, confidence, text, entities))

    assert probe.lines(shop, cart_id) == {}
    assert replies[0].response == "utter_did_you_mean", replies
    assert "USB-C Laptop Charger 65W ($49.00, in stock)" in replies[0].params["options"]
    assert "Fast Charger 30W ($" in replies[0].params["options"]
    # the question still waits: a plain pick then adds the one picked, once
    picked = say(shop, ctx, Turn("action_choose_option", "choose_option", 0.83, "the 65 W one"))
    assert picked[0].response == "utter_added", picked
    assert probe.lines(shop, cart_id) == {"LA-CHG-65W": 1}


def test_is_the_15_inch_one_in_stock_answers_and_adds_no_sleeve(shop, new_cart, probe) -> None:
    cart_id, ctx, asked = _asked(shop, new_cart, "sleeve")
    assert asked[0].response == "utter_did_you_mean", asked
    turn = Turn(
        "action_unsupported_request", "out_of_scope", 0.73,
        "is the 15 inch one in stock?", {"product": "15 inch"},
    )  # fmt: skip

    replies = say(shop, ctx, turn)

    assert probe.lines(shop, cart_id) == {}
    assert "Laptop Sleeve 15-inch ($35.00" in replies[0].params["options"]


@pytest.mark.parametrize(
    "action, intent, text, product",
    [
        ("action_choose_option", "choose_option", "the 65 W one", "65 W"),
        ("action_add_item", "add_item", "65w please", "65w"),
        ("action_choose_option", "choose_option", "the second one", None),
        ("action_choose_option", "choose_option", "/choose_option", "USB-C Laptop Charger 65W"),
    ],
)
def test_a_plain_pick_still_picks(shop, new_cart, probe, action, intent, text, product) -> None:
    cart_id, ctx, _ = _asked(shop, new_cart, "charger")
    entities = {"product": product} if product else {}

    replies = say(shop, ctx, Turn(action, intent, 0.9, text, entities))

    assert replies[0].response == "utter_added", replies
    assert probe.lines(shop, cart_id) == {"LA-CHG-65W": 1}


def _three_mugz(shop, new_cart) -> tuple[int, ChatContext]:
    cart_id, token = new_cart(shop, lines=[])
    ctx = ChatContext("conv-1", token)
    entities = {"quantity": "3", "product": "mugz"}
    asked = say(shop, ctx, Turn("action_add_item", "add_item", 1.0, "i want three mugz", entities))
    assert "Ceramic Mug" in str(asked[0].params), asked
    return cart_id, ctx


ONE_OF_THE_MUGS = Turn(
    "action_add_item", "nlu_fallback", 0.4, "one of the mugs pls",
    {"quantity": "1", "product": "mugs"},
)  # fmt: skip


def test_moving_on_closes_the_did_you_mean_and_its_quantity(shop, new_cart, probe) -> None:
    cart_id, ctx = _three_mugz(shop, new_cart)
    say(shop, ctx, Turn("action_show_cart", "show_cart", 0.98, "what's in my cart?"))

    replies = say(shop, ctx, ONE_OF_THE_MUGS)
    yes = say(shop, ctx, Turn("action_choose_option", "affirm", 0.99, "yes"))

    assert probe.lines(shop, cart_id) in ({}, {"CF-MUG": 1}), (replies, yes)
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


@pytest.mark.parametrize(
    "turn",
    [
        ONE_OF_THE_MUGS,
        Turn("action_choose_option", "choose_option", 0.8, "just one"),
        Turn("action_choose_option", "choose_option", 0.8, "yes, just one"),
        Turn("action_choose_option", "choose_option", 0.8, "yes, only 2", {"quantity": "2"}),
        Turn("action_add_item", "nlu_fallback", 0.4, "yes one mug pls", {"quantity": "1"}),
    ],
)
def test_a_picks_own_quantity_wins_over_the_stored_one(shop, new_cart, probe, turn) -> None:
    cart_id, ctx = _three_mugz(shop, new_cart)

    replies = say(shop, ctx, turn)
    if replies[0].response != "utter_added":  # asked back: confirmed, still one
        replies = say(shop, ctx, Turn("action_choose_option", "affirm", 0.99, "yes"))

    said = turn.entities.get("quantity", "1")
    assert probe.lines(shop, cart_id) == {"CF-MUG": int(said)}, replies


def test_yes_alone_keeps_the_quantity_the_question_came_with(shop, new_cart, probe) -> None:
    cart_id, ctx = _three_mugz(shop, new_cart)

    say(shop, ctx, Turn("action_choose_option", "affirm", 0.99, "yes"))

    assert probe.lines(shop, cart_id) == {"CF-MUG": 3}
