"""Selling rules, round s19: asking for a person, plan changes, undo, line limit, markdown names.

Each request is also recognised by its words under a wrong intent (the text cues of
``bot/domain/language/en_support.py``), so those tests run it through another action.
"""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.cancel import ActionCancelSubscription
from actions.cart import ActionAddItem, ActionChangeQuantity, ActionRemoveItem, ActionSwapItem
from actions.suggestions import ActionAcceptOffer, ActionDeclineOffer
from actions.support import ActionChangePlan, ActionHandoff, ActionUndo, ActionUnsupportedRequest
from bot.domain.matching import MAX_CART_LINES
from bot.services.cart import add_to_cart, remove_from_cart
from bot.services.subscriptions import create_subscription, get_subscription
from bot.store.offers import OfferRepository
from bot.store.repositories import CatalogRepository

ARIA = "Aria Phone 256 GB"
HANDOFF = ("utter_handoff", {"contact": "support@example.com"})


def fill(shop, cart, *lines):
    for sku, quantity in lines:
        add_to_cart(shop, cart.token, cart.cart_id, sku, quantity)


def offers(shop, conversation_id="conv-1"):
    with shop.session_factory.begin() as session:
        return [(e.event, e.kind, e.sku) for e in OfferRepository(session).events(conversation_id)]


# --- 1. asking for a person -------------------------------------------------------------


def test_handoff_gives_the_contact_mutes_selling_and_withdraws_the_open_offer(
    shop, chat, cart, cart_lines
):
    replies, _ = chat.run(ActionAddItem(), text=f"add the {ARIA}", entities={"product": ARIA})
    assert replies[1][0] == "utter_offer_addon"  # an unsolicited offer is open

    replies, events = chat.run(ActionHandoff(), text="human please", intent="request_human")

    assert replies == [HANDOFF]
    assert events == [SlotSet("customer_upset", True)]
    assert offers(shop)[-1][0] == "superseded"
    replies, _ = chat.run(ActionAddItem(), text="add a travel tripod",
                          entities={"product": "travel tripod"})  # fmt: skip
    assert [r[0] for r in replies] == ["utter_added"]  # no offer after the handoff
    assert cart_lines(cart) == {"PH-ARIA-256": 1, "CA-TRIPOD": 1}


@pytest.mark.parametrize(
    "text", ["agent", "let me talk to a person", "Human please!", "can I speak to someone real?"]
)
def test_a_person_asked_for_under_another_intent_gets_the_handoff(chat, text):
    replies, _ = chat.run(ActionUnsupportedRequest(), text=text, intent="out_of_scope")

    assert replies == [HANDOFF]


def test_an_earlier_request_for_a_person_in_the_tracker_mutes_offers(
    shop, cart, make_tracker, bind, run_action, replies
):
    bind("conv-h", cart.token)
    earlier = {"event": "user", "text": "agent", "parse_data": {"intent": {"name": "out_of_scope"}}}
    latest = {"intent": {"name": "add_item"}, "text": f"add the {ARIA}"}
    events = [earlier, {"event": "user", "text": f"add the {ARIA}", "parse_data": latest}]
    tracker = make_tracker(
        sender_id="conv-h", text=f"add the {ARIA}", entities={"product": ARIA},
        metadata={"token": cart.token}, events=events,
    )  # fmt: skip

    messages, _ = run_action(ActionAddItem(), tracker)

    assert [r[0] for r in replies(messages)] == ["utter_added"]
    assert offers(shop, "conv-h") == []


def test_are_you_a_human_is_not_a_request_for_one(chat):
    replies, _ = chat.run(
        ActionUnsupportedRequest(), text="are you a human?", intent="out_of_scope"
    )

    assert replies == [("utter_out_of_scope", {})]


# --- 2. a plan change without a cancel --------------------------------------------------


@pytest.fixture
def plus(shop, cart):
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")
    return lambda: get_subscription(shop, token, view.subscription_id)


def test_a_plan_change_is_confirmed_with_the_price_difference_first(chat, plus, render):
    replies, _ = chat.run(
        ActionChangePlan(), text="switch me to the basic plan", intent="change_plan"
    )

    summary = (
        "switch you from Care Plus at $9.99/month to Care Basic at $4.99/month, $5.00 a month less"
    )
    assert replies == [("utter_confirm_action", {"action": summary, "buttons": ["Yes", "No"]})]
    assert (plus().status, plus().plan.code) == ("active", "care-plus")

    replies, _ = chat.run(ActionAcceptOffer(), text="yes", intent="affirm")

    switched = {"plan": "Care Basic", "price": "$4.99", "interval": "month"}
    assert replies == [("utter_subscription_switched", switched)]
    assert (plus().status, plus().plan.code) == ("active", "care-basic")


def test_no_to_the_plan_confirmation_changes_nothing(chat, plus):
    chat.run(ActionChangePlan(), text="can I move to a cheaper plan?", intent="change_plan")

    replies, _ = chat.run(ActionDeclineOffer(), text="no", intent="deny")

    assert replies == [("utter_confirm_declined", {})]
    assert plus().plan.code == "care-plus"


@pytest.mark.parametrize("action", [ActionCancelSubscription(), ActionSwapItem()])
def test_a_plan_change_read_as_another_intent_is_still_only_asked(chat, plus, action):
    replies, _ = chat.run(
        action, text="can I move to a cheaper plan?", intent="cancel_subscription"
    )

    assert replies[0][0] == "utter_confirm_action"
    assert "to Care Basic at $4.99/month, $5.00 a month less" in replies[0][1]["action"]
    assert (plus().status, plus().plan.code) == ("active", "care-plus")


def test_an_unknown_plan_is_asked_about_and_nothing_changes(chat, plus):
    replies, _ = chat.run(
        ActionChangePlan(), text="switch me to the gold plan", intent="change_plan"
    )

    assert replies == [
        ("utter_which_plan", {
            "plans": "Care Basic at $4.99/month or Care Premium at $14.99/month",
            "current_plan": "Care Plus", "current_price": "$9.99", "interval": "month",
            "buttons": ["Care Basic", "Care Premium"],
        })
    ]  # fmt: skip
    assert plus().plan.code == "care-plus"
    replies, _ = chat.run(ActionAcceptOffer(), text="yes", intent="affirm")
    assert plus().plan.code == "care-plus"  # nothing was pending


def test_the_current_plan_and_no_subscription(chat, cart, shop):
    replies, _ = chat.run(ActionChangePlan(), text="switch me to care basic", intent="change_plan")
    assert replies == [("utter_no_subscription", {})]
    create_subscription(shop, cart.customer_ref, "care-basic")
    replies, _ = chat.run(ActionChangePlan(), text="switch me to care basic", intent="change_plan")
    assert replies == [
        ("utter_plan_already", {"plan": "Care Basic", "price": "$4.99", "interval": "month"})
    ]


# --- 3. undo -----------------------------------------------------------------------------


def undone(change, subtotal):
    return ("utter_undone", {"change": change, "subtotal": subtotal})


def test_undo_reverses_exactly_the_last_add(shop, chat, cart, cart_lines):
    fill(shop, cart, ("CF-MUG", 1))
    chat.run(ActionAddItem(), text="add 2 mugs", entities={"product": "mugs", "quantity": "2"})
    assert cart_lines(cart) == {"CF-MUG": 3}

    replies, _ = chat.run(ActionUndo(), text="undo that", intent="undo_change")

    assert [(r[0], {"change": r[1]["change"]}) for r in replies] == [
        ("utter_undone", {"change": "set Ceramic Mug back to 1"})
    ]
    assert cart_lines(cart) == {"CF-MUG": 1}
    replies, _ = chat.run(ActionUndo(), text="undo that", intent="undo_change")
    assert replies == [("utter_nothing_to_undo", {})]
    assert cart_lines(cart) == {"CF-MUG": 1}


@pytest.mark.parametrize(
    ("action", "intent", "text", "entities", "reversal"),
    [
        (ActionRemoveItem(), "remove_item", "remove the tripod", {"product": "tripod"},
         "put Travel Tripod back"),
        (ActionChangeQuantity(), "change_quantity", "make it 4 mugs",
         {"product": "mugs", "quantity": "4"}, "set Ceramic Mug back to 2"),
        (ActionSwapItem(), "swap_item", "I want the 128gb sd card instead",
         {"product": "128gb sd card"}, "put 64 GB SD Card back and took 128 GB SD Card back out"),
    ],
)  # fmt: skip
def test_put_it_back_reverses_a_removal_a_quantity_or_a_swap(
    shop, chat, cart, cart_lines, action, intent, text, entities, reversal
):
    fill(shop, cart, ("CF-MUG", 2), ("CA-TRIPOD", 1), ("CA-SD-64", 1))
    before = cart_lines(cart)
    chat.run(action, text=text, intent=intent, entities=entities)
    assert cart_lines(cart) != before

    # Read under another intent: the words decide.
    replies, _ = chat.run(ActionAddItem(), text="put it back", intent="add_item")

    assert replies[0][0] == "utter_undone"
    assert replies[0][1]["change"] == reversal
    assert cart_lines(cart) == before


def test_nothing_to_undo_in_a_new_conversation(shop, chat, cart, cart_lines):
    fill(shop, cart, ("CF-MUG", 2))  # made on the cart page, not in this chat

    replies, _ = chat.run(ActionUndo(), text="undo", intent="undo_change")

    assert replies == [("utter_nothing_to_undo", {})]
    assert cart_lines(cart) == {"CF-MUG": 2}


def test_a_cart_changed_since_is_not_undone(shop, chat, cart, cart_lines):
    chat.run(ActionAddItem(), text="add a tripod", entities={"product": "tripod"})
    remove_from_cart(shop, cart.token, cart.cart_id, "CA-TRIPOD")  # on the cart page
    fill(shop, cart, ("CF-MUG", 1))

    replies, _ = chat.run(ActionUndo(), text="undo that", intent="undo_change")

    assert replies == [("utter_undo_stale", {})]
    assert cart_lines(cart) == {"CF-MUG": 1}


def test_an_undo_asked_of_another_conversation_changes_nothing(
    shop, cart, chat, conversation, bind, cart_lines
):
    chat.run(ActionAddItem(), text="add a tripod", entities={"product": "tripod"})
    bind("conv-2", cart.token)
    other = conversation("conv-2", token=cart.token)

    replies, _ = other.run(ActionUndo(), text="undo that", intent="undo_change")

    assert replies == [("utter_nothing_to_undo", {})]
    assert cart_lines(cart) == {"CA-TRIPOD": 1}


# --- 4/5. markdown names in replies; the cart's line limit -------------------------------


def test_a_name_with_markdown_characters_is_escaped_in_the_reply(shop, chat, cart_lines, cart):
    with shop.session_factory.begin() as session:
        CatalogRepository(session).upsert_products([{
            "sku": "MD-1", "name": "Zorbly *Pro* Mug_2", "category": "coffee",
            "price_minor": 900, "stock": 10, "currency": "USD",
        }])  # fmt: skip

    replies, _ = chat.run(ActionAddItem(), text="add a zorbly pro mug 2",
                          entities={"product": "zorbly pro mug 2"})  # fmt: skip

    assert replies[0][0] == "utter_added"
    assert replies[0][1]["name"] == "Zorbly \\*Pro\\* Mug\\_2"
    assert cart_lines(cart) == {"MD-1": 1}


def test_a_line_past_the_cart_limit_is_refused_in_chat(shop, chat, cart, cart_lines):
    rows = [
        {"sku": f"LIM-{n:03d}", "name": f"Limit Widget {n:03d}", "category": "test",
         "price_minor": 100, "stock": 50, "currency": "USD"}
        for n in range(MAX_CART_LINES)
    ]  # fmt: skip
    with shop.session_factory.begin() as session:
        CatalogRepository(session).upsert_products(rows)
    fill(shop, cart, *[(row["sku"], 1) for row in rows])

    replies, _ = chat.run(ActionAddItem(), text="add a tripod", entities={"product": "tripod"})

    assert replies == [("utter_cart_full", {"max_lines": str(MAX_CART_LINES)})]
    assert len(cart_lines(cart)) == MAX_CART_LINES
