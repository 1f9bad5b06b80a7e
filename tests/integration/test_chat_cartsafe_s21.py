"""Review s21 (S11, S1, S9): questions are never adds, slang removals never add, unit counts.

Each test drives ``bot.chat.dialogue.handle`` as the action server would (see
``test_chat_swap_questions_s19``) and asserts the replies and the cart after every message.
"""

from __future__ import annotations

import pytest

from bot.chat import cancel, cart
from bot.chat.dialogue import Turn, handle
from bot.chat.replies import ChatContext, Reply
from tests.integration.test_chat_swap_questions_s19 import FLOWS, INTENTS, say

MORE_FLOWS = {
    **FLOWS,
    "action_remove_too_expensive": lambda shop, ctx, t: cancel.remove_too_expensive(
        shop, ctx, t.entities.get("product"), t.text or None
    ),
    "action_show_cart": lambda shop, ctx, t: cart.show_cart(shop, ctx),
}
MORE_INTENTS = {
    **INTENTS,
    "action_remove_too_expensive": "remove_too_expensive",
    "action_show_cart": "show_cart",
}


def tell(shop, ctx: ChatContext, action: str, text: str, **entities) -> list[Reply]:
    """``say`` for the actions of these tests too (too expensive, show the cart)."""
    intent = "deny" if text in ("no", "/deny") else MORE_INTENTS[action]
    return _run(shop, ctx, Turn(action, intent, 0.95, text, entities))


def _run(shop, ctx: ChatContext, turn: Turn) -> list[Reply]:
    def rerun(action: str, intent: str, entities, text: str) -> list[Reply]:
        return _run(shop, ctx, Turn(action, intent, 1.0, text, entities, True))

    return handle(shop, ctx, turn, lambda c: MORE_FLOWS[turn.action](shop, c, turn), rerun)


# --- S11: a question or conditional about buying is answered, never an add ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "can you give me a discount if I buy 10 mugs",
        "could I get a better price if i buy 3 tripods",
        "can i get a deal if i take 4 mouse pads?",
        "if I order 5 mugs do you do a bulk discount?",
        "any chance of a better price when buying 6 mugs",
    ],
)
def test_a_discount_question_with_a_purchase_gets_the_discount_answer(
    shop, new_cart, probe, text
) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    ctx = ChatContext("conv-s21-discount", token)

    replies = say(shop, ctx, "action_add_item", text)

    assert [r.response for r in replies] == ["utter_ask_discount_code"], replies
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


def test_a_price_question_is_answered_and_asked_before_any_add(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-s21-price", token)

    asked = say(shop, ctx, "action_add_item", "how much would 3 tripods cost?")

    assert asked[0].response == "utter_confirm_action", asked
    assert asked[0].params["action"] == "add 3 × Travel Tripod ($177.00 in all)"
    assert probe.lines(shop, cart_id) == {}

    done = say(shop, ctx, "action_accept_offer", "yes")

    assert done[0].response == "utter_added", done
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 3}


def test_a_free_shipping_hypothetical_says_the_gap_after_those_items(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-s21-ship", token)

    asked = say(shop, ctx, "action_add_item", "would I get free shipping if I added 2 mugs?")

    assert asked[0].params["action"] == (
        "add 2 × Ceramic Mug ($18.00; with them you'd still be $32.00 short of free shipping)"
    ), asked
    assert probe.lines(shop, cart_id) == {}
    declined = say(shop, ctx, "action_decline_offer", "no")
    assert declined[0].response == "utter_confirm_declined"
    assert probe.lines(shop, cart_id) == {}


def test_a_polite_request_is_still_an_add(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-s21-polite", token)

    say(shop, ctx, "action_add_item", "can I get 2 mugs please")

    assert probe.lines(shop, cart_id) == {"CF-MUG": 2}


# --- S1: removal slang is a removal, in the did-you-mean too -------------------------------------


@pytest.mark.parametrize("verb", ["scrap", "ditch", "nix", "bin", "get rid of", "chuck out"])
def test_a_slang_removal_of_a_misnamed_product_asks_to_remove_cart_lines_only(
    shop, new_cart, probe, verb
) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-BEANS-ESP", 1), ("PA-CBL-USBC", 1)])
    ctx = ChatContext(f"conv-s21-{verb}", token)
    start = {"CF-BEANS-ESP": 1, "PA-CBL-USBC": 1}

    asked = say(shop, ctx, "action_add_item", f"{verb} the hdmi cable")

    assert probe.lines(shop, cart_id) == start
    assert asked[0].params.get("options", "").startswith("to remove "), asked
    assert "Audio Cable" not in asked[0].params["options"]  # not in the cart: never offered
    picked = say(shop, ctx, "action_choose_option", "the usb-c one")

    assert picked[0].response == "utter_removed", picked
    assert probe.lines(shop, cart_id) == {"CF-BEANS-ESP": 1}


def test_a_slang_removal_of_a_product_not_in_the_cart_never_adds(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    ctx = ChatContext("conv-s21-nix", token)

    replies = say(shop, ctx, "action_add_item", "nix the mouse pad")

    assert replies[0].response == "utter_not_in_cart", replies
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


# --- S9: "3 packs of X" is 3 × X, alone and in a multi-add ------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("add 3 packs of coffee filters", {"CF-FILTER": 3}),
        ("add 2 mugs and 3 packs of coffee filters", {"CF-MUG": 2, "CF-FILTER": 3}),
        (
            "can i get a couple of ceramic mugs and 3 packs of coffee filters",
            {"CF-MUG": 2, "CF-FILTER": 3},
        ),
        ("add 2 bags of espresso beans", {"CF-BEANS-ESP": 2}),
        ("4 boxes of descaling tablets please", {"CF-DESCALE": 4}),
    ],
)
def test_a_count_of_packs_bags_or_boxes_is_the_quantity(
    shop, new_cart, probe, text, expected
) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-s21-packs", token)

    replies = say(shop, ctx, "action_add_item", text)

    assert probe.lines(shop, cart_id) == expected, replies


# --- S19: a price remark's downsell: a typed "no" keeps the cart ---------------------------------


def test_no_to_a_remarks_downsell_keeps_the_line(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-BREW-PLUS", 1), ("CF-MUG", 1)])
    ctx = ChatContext("conv-s21-remark", token)

    offered = tell(
        shop,
        ctx,
        "action_remove_too_expensive",
        "the coffee machine is too expensive",
        product="coffee machine",
    )
    assert offered[0].response == "utter_offer_downsell", offered

    kept = tell(shop, ctx, "action_decline_offer", "no")

    assert kept[0].response == "utter_confirm_declined", kept
    assert probe.lines(shop, cart_id) == {"CF-BREW-PLUS": 1, "CF-MUG": 1}


def test_just_remove_it_after_a_remark_removes(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-BREW-PLUS", 1)])
    ctx = ChatContext("conv-s21-remark-remove", token)
    tell(
        shop,
        ctx,
        "action_remove_too_expensive",
        "the coffee machine costs too much",
        product="coffee machine",
    )

    removed = tell(shop, ctx, "action_decline_offer", "/deny")

    assert removed[0].response == "utter_removed", removed
    assert probe.lines(shop, cart_id) == {}


def test_no_to_a_removals_downsell_still_removes(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-BREW-PLUS", 1)])
    ctx = ChatContext("conv-s21-removal", token)
    tell(
        shop,
        ctx,
        "action_remove_too_expensive",
        "remove the coffee machine, too expensive",
        product="coffee machine",
    )

    removed = tell(shop, ctx, "action_decline_offer", "no")

    assert removed[0].response == "utter_removed", removed
    assert probe.lines(shop, cart_id) == {}


# --- S31: "I don't want it anymore" is the product in focus -----------------------------------


@pytest.mark.parametrize(
    "text", ["hmm actually I don't want it anymore", "I do not want it any longer"]
)
def test_i_dont_want_it_removes_the_product_in_focus(shop, new_cart, probe, text) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-s21-dont", token)
    say(shop, ctx, "action_add_item", "add a travel tripod")
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}

    replies = tell(shop, ctx, "action_remove_item", text)

    assert replies[0].response == "utter_removed", replies
    assert replies[0].params["name"] == "Travel Tripod"
    assert probe.lines(shop, cart_id) == {}


# --- S35: a "How many?" question closes once the shopper moves on --------------------------------


def test_a_bare_number_after_another_request_changes_nothing(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-s21-howmany", token)

    asked = say(shop, ctx, "action_add_item", "add a mug or two")
    assert asked[0].response == "utter_ask_quantity", asked
    tell(shop, ctx, "action_show_cart", "what's in my cart")

    later = say(shop, ctx, "action_add_item", "3")

    assert later[0].response == "utter_ask_product", later
    assert probe.lines(shop, cart_id) == {}


def test_a_bare_number_right_after_how_many_answers_it(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-s21-howmany-ok", token)
    say(shop, ctx, "action_add_item", "add a mug or two")

    say(shop, ctx, "action_add_item", "3")

    assert probe.lines(shop, cart_id) == {"CF-MUG": 3}


# --- S16: a multi-removal reports the true final subtotal once -----------------------------------


def test_a_multi_removal_is_one_reply_with_the_final_subtotal(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-TRIPOD", 2), ("LA-SLEEVE-13", 2), ("CF-MUG", 1)])
    ctx = ChatContext("conv-s21-multi", token)

    replies = tell(shop, ctx, "action_remove_item", "take out the sleeves and the tripods")

    assert [r.response for r in replies] == ["utter_removed"], replies
    assert replies[0].params["name"] == "Laptop Sleeve 13-inch and Travel Tripod"
    assert replies[0].params["subtotal"] == "$9.00"
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}
