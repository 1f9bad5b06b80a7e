"""A swap's questions kept pending, answers to a pending choice, corrections, named confirmations.

Each test drives ``bot.chat.dialogue.handle`` with the turn the action server would build
(as ``test_chat_dialogue`` does) and asserts the replies and the store: the cart lines and
the conversation's pending question. Nothing may change on a guess.
"""

from __future__ import annotations

import json

import pytest

from bot.chat import cart, selling
from bot.chat.dialogue import Turn, handle
from bot.chat.products import PENDING_MAX_AGE
from bot.chat.replies import ChatContext, Reply
from bot.store.pending import PendingChoiceRepository, PendingQuestion

FLOWS = {
    "action_add_item": lambda shop, ctx, t: cart.add_item(
        shop, ctx, t.entities.get("product"), t.entities.get("quantity"), t.text or None
    ),
    "action_remove_item": lambda shop, ctx, t: cart.remove_item(
        shop,
        ctx,
        t.entities.get("product"),
        t.text or None,
        quantity_text=t.entities.get("quantity"),
    ),
    "action_change_quantity": lambda shop, ctx, t: cart.change_quantity(
        shop, ctx, t.entities.get("product"), t.entities.get("quantity"), t.text or None
    ),
    "action_swap_item": lambda shop, ctx, t: cart.swap_item(shop, ctx, t.text or None),
    "action_choose_option": lambda shop, ctx, t: cart.choose_option(
        shop, ctx, t.entities.get("product"), None if t.text.startswith("/") else t.text
    ),
    "action_accept_offer": lambda shop, ctx, t: selling.accept_offer(shop, ctx),
    "action_decline_offer": lambda shop, ctx, t: selling.decline_offer(shop, ctx),
}
INTENTS = {
    "action_add_item": "add_item",
    "action_remove_item": "remove_item",
    "action_change_quantity": "change_quantity",
    "action_swap_item": "swap_item",
    "action_choose_option": "choose_option",
    "action_accept_offer": "affirm",
    "action_decline_offer": "deny",
}


def say(shop, ctx: ChatContext, action: str, text: str, confidence: float = 0.95, **entities):
    """One message through the dialogue rules, then its action's flow."""
    intent = "deny" if text == "/deny" else INTENTS[action]
    return run(shop, ctx, Turn(action, intent, confidence, text, entities))


def run(shop, ctx: ChatContext, turn: Turn) -> list[Reply]:
    def rerun(action: str, intent: str, entities, text: str) -> list[Reply]:
        return run(shop, ctx, Turn(action, intent, 1.0, text, entities, True))

    return handle(shop, ctx, turn, lambda c: FLOWS[turn.action](shop, c, turn), rerun)


def button(product: str) -> str:
    return "/choose_option" + json.dumps({"product": product})


def pending(shop, ctx: ChatContext) -> PendingQuestion | None:
    with shop.session_factory.begin() as session:
        return PendingChoiceRepository(session).peek(ctx.conversation_id, PENDING_MAX_AGE)


def swap_mug_for(shop, new_cart, words: str, mugs: int = 1):
    cart_id, token = new_cart(shop, lines=[("CF-MUG", mugs)])
    ctx = ChatContext("conv-s19", token)
    replies = say(shop, ctx, "action_swap_item", f"swap the mug for the {words}")
    return cart_id, ctx, replies


# --- 1. a swap's "Did you mean …?" is a pending question with buttons --------------------------


@pytest.mark.parametrize(
    ("action", "answer", "entities"),
    [
        ("action_accept_offer", "yes", {}),
        ("action_accept_offer", "yes please", {}),
        ("action_choose_option", "the first one", {}),
        ("action_choose_option", "that one", {}),
        ("action_choose_option", button("Travel Tripod"), {"product": "Travel Tripod"}),
        ("action_add_item", "the travel tripod", {"product": "travel tripod"}),
        ("action_swap_item", "travel tripod", {}),
    ],
)
def test_a_misspelt_swap_target_is_asked_and_the_answer_completes_the_swap(
    shop, new_cart, probe, store_state, action, answer, entities
) -> None:
    cart_id, ctx, asked = swap_mug_for(shop, new_cart, "tropid")

    assert asked[0].response in ("utter_unknown_product_suggest", "utter_did_you_mean"), asked
    assert "Travel Tripod" in asked[0].params["options"]
    assert asked[0].buttons, "a swap's did-you-mean has buttons"
    question = pending(shop, ctx)
    assert question is not None and question.question == "swap_new"
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}

    replies = say(shop, ctx, action, answer, **entities)

    assert replies[0].response == "utter_item_swapped", replies
    assert replies[0].params["old_name"] == "Ceramic Mug"
    assert replies[0].params["name"] == "Travel Tripod"
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}
    assert pending(shop, ctx) is None


@pytest.mark.parametrize(
    ("answer", "sku"),
    [("the 128 one", "CA-SD-128"), ("128 GB SD Card", "CA-SD-128"), ("the 64 gb", "CA-SD-64")],
)
def test_an_ambiguous_swap_target_is_asked_with_a_button_per_option(
    shop, new_cart, probe, answer, sku
) -> None:
    cart_id, ctx, asked = swap_mug_for(shop, new_cart, "sd card", mugs=2)

    assert asked[0].response == "utter_did_you_mean", asked
    assert len(asked[0].buttons) >= 2
    assert pending(shop, ctx).question == "swap_new"

    replies = say(shop, ctx, "action_choose_option", answer)

    assert replies[0].response == "utter_ask_quantity"  # 2 mugs, another family: how many?
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2}
    done = say(shop, ctx, "action_add_item", "2")
    assert done[0].response == "utter_item_swapped", done
    assert probe.lines(shop, cart_id) == {sku: 2}


def test_the_quantity_said_in_the_swap_is_kept_for_the_answer(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 3)])
    ctx = ChatContext("conv-s19", token)
    say(shop, ctx, "action_swap_item", "swap the mugs for 2 tropids")

    replies = say(shop, ctx, "action_accept_offer", "yes")

    assert replies[0].response == "utter_item_swapped", replies
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 2}


def test_which_line_a_variant_replaces_is_asked_and_answered(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-SD-64", 1), ("PH-ARIA-128", 1)])
    ctx = ChatContext("conv-s19", token)

    asked = say(shop, ctx, "action_swap_item", "I'd rather have the 256 gb one instead")

    assert asked[0].response == "utter_swap_which_line" and asked[0].buttons
    assert pending(shop, ctx).question == "swap_old"
    replies = say(shop, ctx, "action_choose_option", "the phone")
    assert replies[0].response == "utter_item_swapped", replies
    assert probe.lines(shop, cart_id) == {"CA-SD-64": 1, "PH-ARIA-256": 1}


def test_the_other_one_after_the_named_option_could_not_be_done(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-SD-64", 1), ("PH-ARIA-128", 1)])
    ctx = ChatContext("conv-s19", token)
    say(shop, ctx, "action_swap_item", "I'd rather have the 256 gb one instead")

    failed = say(shop, ctx, "action_choose_option", "the sd card")  # 256 GB SD Card: sold out

    assert failed[0].response == "utter_out_of_stock", failed
    assert probe.lines(shop, cart_id) == {"CA-SD-64": 1, "PH-ARIA-128": 1}
    replies = say(shop, ctx, "action_choose_option", "the other one then")
    assert replies[0].response == "utter_item_swapped", replies
    assert probe.lines(shop, cart_id) == {"CA-SD-64": 1, "PH-ARIA-256": 1}


# --- 2. a swap's "How many?" -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "answer", "expected"),
    [
        ("action_add_item", "3", 3),
        ("action_change_quantity", "two please", 2),
        ("action_swap_item", "make it 4", 4),
        ("action_choose_option", "1", 1),
    ],
)
def test_a_bare_number_answers_a_swaps_how_many(
    shop, new_cart, probe, action, answer, expected
) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 3)])
    ctx = ChatContext("conv-s19", token)

    asked = say(shop, ctx, "action_swap_item", "swap the mugs for the travel tripod")

    assert asked == [Reply("utter_ask_quantity", {"name": "Travel Tripod"})]
    assert pending(shop, ctx).question == "swap_quantity"
    replies = say(shop, ctx, action, answer)
    assert replies[0].response == "utter_item_swapped", replies
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": expected}


# --- 3. a second did-you-mean stays pending ----------------------------------------------------


def test_an_answer_that_is_itself_unclear_keeps_the_swap_question(shop, new_cart, probe) -> None:
    cart_id, ctx, _ = swap_mug_for(shop, new_cart, "sd card")

    again = say(shop, ctx, "action_choose_option", "the sd card")
    assert again[0].response == "utter_did_you_mean" and again[0].buttons
    assert pending(shop, ctx).question == "swap_new"
    also = say(shop, ctx, "action_choose_option", "the other one")  # nothing named yet
    assert also[0].response == "utter_did_you_mean"
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}

    done = say(shop, ctx, "action_choose_option", "the 128 gb one")
    assert done[0].response == "utter_item_swapped", done
    assert probe.lines(shop, cart_id) == {"CA-SD-128": 1}


def test_an_add_did_you_mean_answered_unclearly_stays_pending(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-s19", token)
    say(shop, ctx, "action_add_item", "add an sd card", product="sd card")

    again = say(shop, ctx, "action_choose_option", "the sd card one")
    assert again[0].response == "utter_did_you_mean"
    assert pending(shop, ctx).question == "add_item"
    done = say(shop, ctx, "action_choose_option", "the 64 one")
    assert done[0].response == "utter_added" and probe.lines(shop, cart_id) == {"CA-SD-64": 1}


# --- 4. "the other one", "neither" -------------------------------------------------------------


@pytest.mark.parametrize(
    "answer", ["neither, thanks", "none of them", "no, neither", "neither of those", "nope"]
)
def test_neither_drops_a_swap_question_without_a_change(
    shop, new_cart, probe, store_state, answer
) -> None:
    cart_id, ctx, _ = swap_mug_for(shop, new_cart, "sd card")

    replies = say(shop, ctx, "action_decline_offer", answer)

    assert replies[0].response == "utter_confirm_declined"
    assert pending(shop, ctx) is None
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


def test_the_other_one_after_an_add_option_was_sold_out(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-s19", token)
    say(shop, ctx, "action_add_item", "add an sd card", product="sd card")

    sold_out = say(shop, ctx, "action_choose_option", "the 256 one")

    assert sold_out[0].response == "utter_out_of_stock", sold_out
    left = pending(shop, ctx)
    assert left is not None and "CA-SD-256" not in [sku for sku, _ in left.options]
    picked = say(shop, ctx, "action_choose_option", "not the 64 one")
    assert picked[0].response == "utter_added", picked
    assert probe.lines(shop, cart_id) == {"CA-SD-128": 1}


def test_ruling_one_of_two_out_picks_the_other(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-SD-64", 1), ("PH-ARIA-128", 1)])
    ctx = ChatContext("conv-s19", token)
    say(shop, ctx, "action_swap_item", "I'd rather have the 256 gb one instead")

    replies = say(shop, ctx, "action_decline_offer", "no, not the sd card, the other one")

    assert replies[0].response == "utter_item_swapped", replies
    assert probe.lines(shop, cart_id) == {"CA-SD-64": 1, "PH-ARIA-256": 1}


# --- 6. corrections ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "text", "entities", "expected"),
    [
        ("action_change_quantity", "make it 3, no 2 mugs", {"product": "mugs", "quantity": "3"}, 2),
        ("action_change_quantity", "set the mugs to five, sorry, four", {"quantity": "five"}, 4),
        ("action_change_quantity", "make it 3 no 2", {"quantity": "3"}, 2),
        ("action_add_item", "add 3 mugs, sorry 2", {"product": "mugs", "quantity": "3"}, 7),
        ("action_remove_item", "remove 2, I mean 1", {"quantity": "2"}, 4),
    ],
)
def test_a_corrected_number_is_the_one_used(
    shop, new_cart, probe, action, text, entities, expected
) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    ctx = ChatContext("conv-s19", token)
    say(shop, ctx, "action_change_quantity", "make the mugs 5", product="mugs", quantity="5")

    replies = say(shop, ctx, action, text, **entities)

    assert replies[0].response in (
        "utter_quantity_changed",
        "utter_added",
        "utter_added_more",
        "utter_decremented",
    )
    assert probe.lines(shop, cart_id) == {"CF-MUG": expected}, replies


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("swap the mug for the tripod, actually the camera bag", {"CA-BAG": 1}),
        ("swap the mug for the tripod, actually no, the milk frother", {"CF-FROTHER": 1}),
        ("replace the mug with a tripod, I mean a camera bag", {"CA-BAG": 1}),
        ("swap the mug for 2 tripods, no wait, 3", {"CA-TRIPOD": 3}),
        ("swap the mug for a tripod, no, swap it for the camera bag", {"CA-BAG": 1}),
    ],
)
def test_a_corrected_swap_takes_the_last_product(shop, new_cart, probe, text, lines) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-s19", token)
    cart.add_item(shop, ctx, "mug", None, "add a mug")  # the mug in focus ("swap it")

    replies = say(shop, ctx, "action_swap_item", text)

    assert replies[0].response == "utter_item_swapped", replies
    assert probe.lines(shop, cart_id) == lines


# --- 5. confirmations name the product ---------------------------------------------------------


def test_an_unsure_remove_it_names_the_product(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-s19", token)
    cart.add_item(shop, ctx, "usb-c cable", None, "add a usb-c cable")

    asked = say(shop, ctx, "action_remove_item", "remove it", confidence=0.5)

    assert asked[0].response == "utter_confirm_action"
    assert asked[0].params["action"] == "remove USB-C Cable 1m"
    assert "that" not in asked[0].params["action"]
    done = say(shop, ctx, "action_accept_offer", "yes")
    assert done[0].response == "utter_removed" and probe.lines(shop, cart_id) == {}


@pytest.mark.parametrize(
    ("action", "text", "entities", "summary"),
    [
        ("action_add_item", "add 2 more", {"quantity": "2"}, "add 2 × Ceramic Mug"),
        ("action_change_quantity", "make it 3", {"quantity": "3"}, "change Ceramic Mug to 3"),
        ("action_remove_item", "take that out", {}, "remove Ceramic Mug"),
        ("action_swap_item", "swap it for the tripod", {}, "swap Ceramic Mug for tripod"),
        ("action_swap_item", "the tripod instead", {}, "swap to tripod"),
    ],
)
def test_every_unsure_request_names_its_product(
    shop, new_cart, action, text, entities, summary
) -> None:
    _, token = new_cart(shop)
    ctx = ChatContext("conv-s19", token)
    cart.add_item(shop, ctx, "mug", None, "add a mug")

    asked = say(shop, ctx, action, text, confidence=0.45, **entities)

    assert asked[0].response == "utter_confirm_action", asked
    assert asked[0].params["action"] == summary


def test_an_unsure_remove_it_with_nothing_in_focus_asks_which_product(
    shop, new_cart, store_state
) -> None:
    _, token = new_cart(shop, lines=[("CF-MUG", 1)])
    ctx = ChatContext("conv-s19", token)
    before = store_state(shop)

    asked = say(shop, ctx, "action_remove_item", "remove that", confidence=0.5)

    assert asked == [Reply("utter_ask_product")]
    assert store_state(shop) == before


def test_a_negated_want_of_it_names_the_product(shop, new_cart) -> None:
    _, token = new_cart(shop)
    ctx = ChatContext("conv-s19", token)
    cart.add_item(shop, ctx, "usb-c cable", None, "add a usb-c cable")

    asked = say(shop, ctx, "action_remove_item", "I don't want it anymore", confidence=0.5)

    assert asked[0].response == "utter_confirm_action", asked
    assert "USB-C Cable 1m" in asked[0].params["action"]
