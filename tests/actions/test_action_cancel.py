"""Cancel flow actions: downsell before a removal, retention before a cancel, complaints."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.cancel import (
    ActionCancelSubscription,
    ActionConfirmCancel,
    ActionHandleComplaint,
    ActionRemoveTooExpensive,
)
from actions.cart import ActionAddItem, ActionChooseOption
from actions.suggestions import ActionAcceptOffer, ActionDeclineOffer
from bot.services.cart import add_to_cart
from bot.services.subscriptions import create_subscription, get_subscription

ARIA = "Aria Phone 256 GB"
ARIA_ONLY = {
    "subtotal": "$799.00",
    "shipping": "$0.00",
    "total": "$799.00",
    "threshold": "$50.00",
    "remaining": "$0.00",
}
EMPTY = {
    "subtotal": "$0.00",
    "shipping": "$0.00",
    "total": "$0.00",
    "threshold": "$50.00",
    "remaining": "$50.00",
}
DOWNSELL = (
    "utter_offer_downsell",
    {
        "name": "Aria Phone 128 GB",
        "price": "$699.00",
        "reason": "$100.00 less",
        "offer_id": "1",  # the conversation's first offer: its buttons name it
        "current": ARIA,
        "current_price": "$799.00",
        "difference": "$100.00",
    },
)
REMOVED_ARIA = ("utter_removed", {"name": ARIA, **EMPTY})
RETENTION_PLAN = (
    "utter_offer_retention_plan",
    {
        "plan": "Care Basic",
        "price": "$4.99",
        "interval": "month",
        "current_plan": "Care Plus",
        "current_price": "$9.99",
        "offer_id": "1",
    },
)
CANCELED_PLUS = ("utter_subscription_canceled", {"plan": "Care Plus"})


def fill(shop, cart, *skus):
    for sku in skus:
        add_to_cart(shop, cart.token, cart.cart_id, sku, 1)


def too_expensive(chat, product=ARIA):
    return chat.run(
        ActionRemoveTooExpensive(), intent="remove_too_expensive", entities={"product": product}
    )


# --- "too expensive": one downsell offer, the way out one turn away ---------------------


def test_too_expensive_offers_the_cheaper_tier_then_no_removes(
    shop, cart, chat, cart_lines, render
):
    fill(shop, cart, "PH-ARIA-256")

    replies, events = too_expensive(chat)

    assert replies == [DOWNSELL]
    assert events == []
    assert cart_lines(cart) == {"PH-ARIA-256": 1}
    assert render({"response": replies[0][0], **replies[0][1]})["buttons"] == [
        {"title": "Switch to Aria Phone 128 GB", "payload": '/affirm{"offer_id":"1"}'},
        {"title": "Just remove it", "payload": '/deny{"offer_id":"1"}'},
    ]

    replies, events = chat.run(ActionDeclineOffer(), intent="deny")

    assert replies == [REMOVED_ARIA]
    assert events == []
    assert cart_lines(cart) == {}


def test_accepting_the_downsell_swaps(shop, cart, chat, cart_lines):
    fill(shop, cart, "PH-ARIA-256")
    too_expensive(chat)

    replies, events = chat.run(ActionAcceptOffer(), intent="affirm")

    expected = {"old_name": ARIA, "name": "Aria Phone 128 GB", **ARIA_ONLY, "subtotal": "$699.00"}
    expected["total"] = "$699.00"
    assert replies == [("utter_swapped", expected)]
    assert events == []
    assert cart_lines(cart) == {"PH-ARIA-128": 1}


@pytest.mark.parametrize("way_out", ["again", "cancel_anyway"])
def test_asking_again_or_cancel_anyway_removes_at_once(shop, cart, chat, cart_lines, way_out):
    fill(shop, cart, "PH-ARIA-256")
    too_expensive(chat)

    if way_out == "again":
        replies, events = too_expensive(chat)
    else:
        replies, events = chat.run(ActionConfirmCancel(), intent="cancel_anyway")

    assert replies == [REMOVED_ARIA]
    assert events == []
    assert cart_lines(cart) == {}
    assert chat.run(ActionAcceptOffer(), intent="affirm")[0] == [("utter_nothing_pending", {})]


def test_no_cheaper_tier_removes_at_once(shop, cart, chat, cart_lines):
    fill(shop, cart, "PH-ARIA-128", "PA-CASE-CLR")

    replies, events = too_expensive(chat, "aria phone 128 gb")

    expected = {**ARIA_ONLY, "subtotal": "$19.00", "shipping": "$4.99", "total": "$23.99"}
    expected["remaining"] = "$31.00"
    assert replies == [("utter_no_downsell", {"name": "Aria Phone 128 GB", **expected})]
    assert events == []
    assert cart_lines(cart) == {"PA-CASE-CLR": 1}


def test_too_expensive_for_something_not_in_the_cart(shop, cart, chat, cart_lines):
    fill(shop, cart, "PA-CASE-CLR")

    replies, _ = too_expensive(chat)

    assert replies == [("utter_not_in_cart", {"name": ARIA})]
    assert cart_lines(cart) == {"PA-CASE-CLR": 1}


def test_upset_customer_gets_no_downsell(shop, cart, chat, cart_lines):
    fill(shop, cart, "PH-ARIA-256")
    chat.slots["customer_upset"] = True

    replies, _ = too_expensive(chat)

    assert replies == [REMOVED_ARIA]
    assert cart_lines(cart) == {}


# --- cancel a subscription: one retention offer ----------------------------------------


@pytest.fixture
def plus_subscription(shop, cart):
    """A Care Plus subscription of the cart's customer, and a customer token to read it."""
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")
    return lambda: get_subscription(shop, token, view.subscription_id)


def test_cancel_offers_the_cheaper_plan_then_cancel_anyway_cancels(chat, plus_subscription, render):
    replies, events = chat.run(ActionCancelSubscription(), intent="cancel_subscription")

    assert replies == [RETENTION_PLAN]
    assert events == []
    assert plus_subscription().status == "active"
    rendered = render({"response": replies[0][0], **replies[0][1]})
    assert rendered["text"] == (
        "Before you cancel Care Plus ($9.99/month): you could switch to Care Basic for "
        "$4.99/month. Or cancel right away."
    )
    assert rendered["buttons"] == [
        {"title": "Switch to Care Basic", "payload": '/affirm{"offer_id":"1"}'},
        {"title": "Cancel anyway", "payload": "/cancel_anyway"},
    ]

    replies, events = chat.run(ActionConfirmCancel(), intent="cancel_anyway")

    assert replies == [CANCELED_PLUS]
    assert events == []
    assert plus_subscription().status == "canceled"
    assert chat.run(ActionConfirmCancel(), intent="cancel_anyway")[0] == [
        ("utter_no_subscription", {})
    ]


@pytest.mark.parametrize("way_out", ["deny", "ask_again"])
def test_no_or_asking_again_cancels(chat, plus_subscription, way_out):
    chat.run(ActionCancelSubscription(), intent="cancel_subscription")

    if way_out == "deny":
        replies, events = chat.run(ActionDeclineOffer(), intent="deny")
    else:
        replies, events = chat.run(ActionCancelSubscription(), intent="cancel_subscription")

    assert replies == [CANCELED_PLUS]
    assert events == []
    assert plus_subscription().status == "canceled"


def test_accepting_the_retention_plan_switches(chat, plus_subscription):
    chat.run(ActionCancelSubscription(), intent="cancel_subscription")

    replies, events = chat.run(ActionAcceptOffer(), intent="affirm")

    switched = {"plan": "Care Basic", "price": "$4.99", "interval": "month"}
    assert replies == [("utter_subscription_switched", switched)]
    assert events == []
    after = plus_subscription()
    assert (after.status, after.plan.code) == ("active", "care-basic")


def test_cheapest_plan_gets_a_pause_offer(shop, cart, chat):
    view, token = create_subscription(shop, cart.customer_ref, "care-basic")

    replies, _ = chat.run(ActionCancelSubscription(), intent="cancel_subscription")

    pause = {"current_plan": "Care Basic", "current_price": "$4.99", "offer_id": "1"}
    assert replies == [("utter_offer_retention_pause", pause)]

    replies, events = chat.run(ActionAcceptOffer(), intent="affirm")

    after = get_subscription(shop, token, view.subscription_id)
    assert after.status == "paused"
    resume = f"{after.paused_until:%B %d}"
    paused = {"plan": "Care Basic", "duration": "a month", "resume_date": resume}
    assert replies == [("utter_subscription_paused", paused)]
    assert events == []


def test_upset_customer_is_canceled_at_once(chat, plus_subscription):
    chat.slots["customer_upset"] = True

    replies, _ = chat.run(ActionCancelSubscription(), intent="cancel_subscription")

    assert replies == [CANCELED_PLUS]
    assert plus_subscription().status == "canceled"


def test_cancel_without_a_subscription(chat):
    replies, events = chat.run(ActionCancelSubscription(), intent="cancel_subscription")

    assert replies == [("utter_no_subscription", {})]
    assert events == []


def test_cancel_without_a_token(conversation, plus_subscription):
    unbound = conversation("conv-unbound")

    replies, _ = unbound.run(ActionCancelSubscription(), intent="cancel_subscription")

    assert replies == [("utter_no_access", {})]
    assert plus_subscription().status == "active"


# --- complaints: stop selling --------------------------------------------------------


def test_complaint_acknowledges_and_marks_the_customer_upset(chat):
    replies, events = chat.run(ActionHandleComplaint(), intent="complain")

    assert replies == [("utter_complaint_ack", {})]
    assert events == [SlotSet("customer_upset", True)]
    assert chat.slots["customer_upset"] is True


def test_upset_customer_gets_no_offer_after_a_main_item(chat, cart, cart_lines):
    chat.run(ActionHandleComplaint(), intent="complain")

    replies, events = chat.run(ActionAddItem(), entities={"product": ARIA})

    assert replies == [("utter_added", {"name": ARIA, "quantity": "1", **ARIA_ONLY})]
    assert events == [SlotSet("product", None), SlotSet("quantity", None)]
    assert cart_lines(cart) == {"PH-ARIA-256": 1}


def test_complaint_withdraws_the_open_offer(chat, cart, cart_lines):
    chat.run(ActionAddItem(), entities={"product": ARIA})

    chat.run(ActionHandleComplaint(), intent="complain")

    assert chat.run(ActionAcceptOffer(), intent="affirm")[0] == [("utter_nothing_pending", {})]
    assert cart_lines(cart) == {"PH-ARIA-256": 1}


def test_complaint_keeps_the_way_out_of_a_retention_offer(chat, plus_subscription):
    chat.run(ActionCancelSubscription(), intent="cancel_subscription")

    chat.run(ActionHandleComplaint(), intent="complain")
    replies, _ = chat.run(ActionConfirmCancel(), intent="cancel_anyway")

    assert replies == [CANCELED_PLUS]
    assert plus_subscription().status == "canceled"


# --- "no, I'll keep it": the exit offer closes and nothing changes ----------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("no, I'll keep it", "deny"),
        ("no i'll stay on care plus", "deny"),
        ("no, keep my plan please", "cancel_subscription"),
        ("actually never mind", "complaint"),
        ("no wait, don't cancel it", "deny"),
    ],
)
def test_keeping_the_plan_to_a_retention_offer_cancels_nothing(
    chat, plus_subscription, text, intent
):
    from actions.cancel import ActionHandleComplaint as Complaint

    chat.run(ActionCancelSubscription(), intent="cancel_subscription")
    action = {
        "deny": ActionDeclineOffer(),
        "cancel_subscription": ActionCancelSubscription(),
        "complaint": Complaint(),
    }[intent]

    replies, _ = chat.run(action, text=text, intent=intent)

    assert replies == [("utter_subscription_kept", {"plan": "Care Plus"})]
    after = plus_subscription()
    assert (after.status, after.plan.code) == ("active", "care-plus")
    # the one retention offer was made: asking again cancels at once
    again, _ = chat.run(ActionCancelSubscription(), text="cancel it", intent="cancel_subscription")
    assert again == [CANCELED_PLUS]
    assert plus_subscription().status == "canceled"


def test_keeping_the_item_to_a_downsell_removes_nothing(shop, cart, chat, cart_lines):
    fill(shop, cart, "PH-ARIA-256")
    assert too_expensive(chat)[0] == [DOWNSELL]

    replies, _ = chat.run(ActionDeclineOffer(), text="no, I'll keep it", intent="deny")

    assert replies == [("utter_item_kept", {"name": ARIA})]
    assert cart_lines(cart) == {"PH-ARIA-256": 1}


def test_cancelling_one_of_two_subscriptions_names_the_other_and_offers_once(shop, chat, cart):
    first, token_a = create_subscription(shop, cart.customer_ref, "care-plus")
    second, token_b = create_subscription(shop, cart.customer_ref, "care-premium")
    asked, _ = chat.run(
        ActionCancelSubscription(), text="cancel my subscription", intent="cancel_subscription"
    )
    assert asked[0][0] == "utter_which_subscription"  # two live, none named: asked (R16)
    assert asked[0][1]["buttons"] == ["Care Premium", "Care Plus"]
    assert get_subscription(shop, token_a, first.subscription_id).status == "active"
    assert get_subscription(shop, token_b, second.subscription_id).status == "active"
    offer, _ = chat.run(ActionChooseOption(), text="the premium one", intent="choose_option")
    assert offer[0][0].startswith("utter_offer_retention"), offer

    done, _ = chat.run(ActionConfirmCancel(), text="cancel anyway", intent="cancel_anyway")

    assert done[0][0] == "utter_subscription_canceled_others"
    assert done[0][1] == {"plan": "Care Premium", "others": "Care Plus"}
    again, _ = chat.run(
        ActionCancelSubscription(), text="cancel that one too", intent="cancel_subscription"
    )
    assert again == [("utter_subscription_canceled", {"plan": "Care Plus"})]  # no second offer
    assert get_subscription(shop, token_a, first.subscription_id).status == "canceled"
    assert get_subscription(shop, token_b, second.subscription_id).status == "canceled"


def test_cancel_that_after_adding_a_product_asks_which_is_meant(shop, chat, cart, cart_lines):
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")
    chat.run(ActionAddItem(), text="add the ceramic mug", entities={"product": "ceramic mug"})

    asked, _ = chat.run(
        ActionCancelSubscription(), text="cancel that", intent="cancel_subscription"
    )

    assert asked == [
        (
            "utter_ask_cancel_what",
            {"name": "Ceramic Mug", "buttons": ["Remove Ceramic Mug", "Cancel my subscription"]},
        )
    ]
    assert get_subscription(shop, token, view.subscription_id).status == "active"
    assert cart_lines(cart) == {"CF-MUG": 1}


def test_the_downsell_detail_repeats_the_downsells_own_buttons(shop, cart, chat, cart_lines):
    from actions.suggestions import ActionOfferDetail

    fill(shop, cart, "PH-ARIA-256")
    too_expensive(chat)

    detail, _ = chat.run(
        ActionOfferDetail(), text="how much cheaper is it?", intent="ask_offer_detail"
    )

    assert detail[0][0] == "utter_offer_detail_downsell"
    assert detail[0][1]["buttons"] == ["Switch to Aria Phone 128 GB", "Just remove it"]
    assert cart_lines(cart) == {"PH-ARIA-256": 1}


def test_cancel_that_with_an_add_on_offer_open_still_asks_which(shop, chat, cart, cart_lines):
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")
    added, _ = chat.run(ActionAddItem(), text="add the aria phone", entities={"product": ARIA})
    assert added[-1][0] == "utter_offer_addon"  # an add-on offer is open

    asked, _ = chat.run(
        ActionCancelSubscription(), text="cancel that", intent="cancel_subscription"
    )

    assert asked[0][0] == "utter_ask_cancel_what" and asked[0][1]["name"] == ARIA
    assert get_subscription(shop, token, view.subscription_id).status == "active"
    assert cart_lines(cart) == {"PH-ARIA-256": 1}


def test_the_pages_too_pricey_payload_is_a_question_never_a_removal(shop, cart, chat, cart_lines):
    """F54: cart.js sends this payload ("… Is there a cheaper one?"); nothing is removed."""
    fill(shop, cart, "PH-ARIA-128")  # the bottom tier: no cheaper version
    payload = '/remove_too_expensive{"product": "Aria Phone 128 GB"}'

    replies, _ = chat.run(
        ActionRemoveTooExpensive(),
        intent="remove_too_expensive",
        entities={"product": "Aria Phone 128 GB"},
        text=payload,
    )

    assert replies == [
        ("utter_confirm_action", {"action": "remove Aria Phone 128 GB", "buttons": ["Yes", "No"]})
    ]
    assert cart_lines(cart) == {"PH-ARIA-128": 1}
