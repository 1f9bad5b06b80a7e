"""The dialogue guard every flow action runs first (actions.common.FlowAction.dialogue).

Pending offer read first ("put that in too"), a confirmation below an intent's confidence
threshold (Yes button payload and a typed "yes"), questions about the offer, and the
retention options, all through the real actions and the store.
"""

from __future__ import annotations

from actions.cancel import ActionCancelSubscription, ActionPauseSubscription
from actions.cart import ActionAddItem, ActionCheckout, ActionRemoveItem
from actions.suggestions import ActionAcceptOffer, ActionDeclineOffer, ActionOfferDetail
from bot.services.subscriptions import create_subscription, get_subscription

ARIA = "Aria Phone 256 GB"


def add_aria(chat) -> None:
    replies, _ = chat.run(ActionAddItem(), entities={"product": ARIA})
    assert replies[-1][0] == "utter_offer_addon"
    assert replies[-1][1]["name"] == "Clear Phone Case"


def test_put_that_in_too_adds_the_offered_product(chat, cart, cart_lines):
    add_aria(chat)  # the product slot now holds the Aria phone

    replies, _ = chat.run(ActionAddItem(), text="put that in too", intent="add_item")

    assert replies[0][0] == "utter_added" and replies[0][1]["name"] == "Clear Phone Case"
    assert cart_lines(cart) == {"PH-ARIA-256": 1, "PA-CASE-CLR": 1}


def test_low_confidence_add_asks_with_the_exact_payload_then_yes_adds(chat, cart, cart_lines):
    entities = {"product": "clear phone case", "quantity": "2"}
    replies, _ = chat.run(ActionAddItem(), text="2 cases?", entities=entities, confidence=0.5)

    assert replies == [
        ("utter_confirm_action", {"action": "add 2 × clear phone case", "buttons": ["Yes", "No"]})
    ]
    assert cart_lines(cart) == {}

    done, _ = chat.run(ActionAcceptOffer(), text="yes", intent="affirm", confidence=0.98)

    assert done[0][0] == "utter_added" and done[0][1]["quantity"] == "2"
    assert cart_lines(cart) == {"PA-CASE-CLR": 2}
    again, _ = chat.run(ActionAcceptOffer(), text="yes", intent="affirm")
    assert again == [("utter_nothing_pending", {})]  # the confirmation was used up
    assert cart_lines(cart) == {"PA-CASE-CLR": 2}


def test_the_yes_button_payload_runs_the_request_once(chat, cart, cart_lines):
    entities = {"product": "clear phone case", "quantity": "2"}
    chat.run(ActionAddItem(), text="2 cases?", entities=entities, confidence=0.5)

    chat.press(ActionAddItem(), 0)  # the Yes button, exactly as shown

    assert cart_lines(cart) == {"PA-CASE-CLR": 2}


def test_low_confidence_remove_asks_and_no_keeps_the_cart(chat, cart, cart_lines):
    chat.run(ActionAddItem(), entities={"product": "clear phone case"})
    chat.run(ActionDeclineOffer(), intent="deny")  # nothing open: harmless

    asked, _ = chat.run(
        ActionRemoveItem(),
        text="remove the case",
        intent="remove_item",
        entities={"product": "clear phone case"},
        confidence=0.66,
    )
    assert asked[0][0] == "utter_confirm_action"
    no, _ = chat.run(ActionDeclineOffer(), text="no", intent="deny")

    assert no == [("utter_confirm_declined", {})]
    assert cart_lines(cart) == {"PA-CASE-CLR": 1}


def test_offer_question_is_answered_without_a_new_pitch(chat, cart, cart_lines):
    add_aria(chat)

    replies, _ = chat.run(ActionOfferDetail(), text="how much is that?", intent="ask_offer_detail")

    assert replies[0][0] == "utter_offer_detail_addon"
    assert replies[0][1]["name"] == "Clear Phone Case" and replies[0][1]["price"] == "$19.00"
    assert cart_lines(cart) == {"PH-ARIA-256": 1}
    yes, _ = chat.run(ActionAcceptOffer(), text="ok", intent="affirm")
    assert yes[0][1]["name"] == "Clear Phone Case"


def test_pause_during_a_switch_offer_does_not_switch(shop, chat, cart):
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")
    offer, _ = chat.run(
        ActionCancelSubscription(), text="cancel my subscription", intent="cancel_subscription"
    )
    assert offer[0][0] == "utter_offer_retention_plan"

    paused, _ = chat.run(ActionPauseSubscription(), text="pause it", intent="pause_subscription")

    assert paused[0][0] == "utter_subscription_paused"
    sub = get_subscription(shop, token, view.subscription_id)
    assert (sub.status, sub.plan.code) == ("paused", "care-plus")


def test_checkout_during_a_retention_offer_pitches_nothing(shop, chat, cart):
    create_subscription(shop, cart.customer_ref, "care-plus")
    chat.run(ActionAddItem(), entities={"product": "clear phone case"})
    chat.run(
        ActionCancelSubscription(), text="cancel my subscription", intent="cancel_subscription"
    )

    replies, _ = chat.run(ActionCheckout(), text="checkout", intent="checkout")

    assert [name for name, _ in replies] == ["utter_checkout"]


def test_asking_for_a_discount_during_a_retention_offer_gets_the_discount_option(shop, chat, cart):
    from actions.support import ActionUnsupportedRequest

    view, token = create_subscription(shop, cart.customer_ref, "care-plus")
    chat.run(
        ActionCancelSubscription(), text="cancel my subscription", intent="cancel_subscription"
    )

    replies, _ = chat.run(
        ActionUnsupportedRequest(),
        text="could I get a discount instead?",
        intent="ask_discount_code",
    )

    # Read against the open offer first: the shop's discount option, not a coupon reply. A
    # question ("could I …?") is asked back with the discount's terms first (review s20 R3).
    assert replies[0][0] == "utter_confirm_action", replies
    sub = get_subscription(shop, token, view.subscription_id)
    assert (sub.status, sub.plan.code, sub.discount_percent) == ("active", "care-plus", None)
    done, _ = chat.run(ActionAcceptOffer(), text="yes", intent="affirm", confidence=0.98)
    assert done[0][0] == "utter_subscription_discounted", done
    sub = get_subscription(shop, token, view.subscription_id)
    assert (sub.status, sub.plan.code, sub.discount_percent) == ("active", "care-plus", 20)


def test_unsupported_requests_get_their_honest_reply_and_change_nothing(chat, cart, cart_lines):
    from actions.support import ActionUnsupportedRequest

    chat.run(ActionAddItem(), entities={"product": "clear phone case"})
    for intent in ("ask_returns", "ask_order_status", "ask_discount_code", "out_of_scope"):
        replies, _ = chat.run(ActionUnsupportedRequest(), text="help", intent=intent)
        contact = {} if intent == "out_of_scope" else {"contact": "support@example.com"}
        assert replies == [(f"utter_{intent}", contact)]
    assert cart_lines(cart) == {"PA-CASE-CLR": 1}


def test_negated_requests_change_nothing(chat, cart, cart_lines):
    chat.run(ActionAddItem(), entities={"product": "ceramic mug"}, text="add a ceramic mug")

    for action, text in [(ActionAddItem(), "don't add a tripod"),
                         (ActionRemoveItem(), "don't remove the mug")]:  # fmt: skip
        replies, _ = chat.run(action, text=text, entities={"product": text.split()[-1]})
        assert replies == [("utter_confirm_declined", {})]
    assert cart_lines(cart) == {"CF-MUG": 1}


def test_wondering_about_a_product_asks_before_adding(chat, cart, cart_lines):
    for text in ("should I get a tripod?", "I already have a tripod at home", "tripod?"):
        replies, _ = chat.run(ActionAddItem(), text=text, entities={"product": "tripod"})
        assert replies[0][0] == "utter_confirm_action"
    assert cart_lines(cart) == {}

    chat.run(ActionAcceptOffer(), text="yes", intent="affirm")

    assert cart_lines(cart) == {"CA-TRIPOD": 1}


def test_an_unsure_answer_to_did_you_mean_picks_the_option_not_a_removal(chat, cart, cart_lines):
    from actions.cart import ActionAddItem as Add

    chat.run(Add(), text="add the orbit laptop 13", entities={"product": "orbit laptop 13"})
    asked, _ = chat.run(Add(), text="add a charger", entities={"product": "charger"})
    assert asked[0][0] == "utter_did_you_mean"

    replies, _ = chat.run(
        ActionRemoveItem(), text="the laptop one", intent="remove_item", confidence=0.47
    )

    assert replies[0][0] == "utter_added" and "Laptop Charger" in replies[0][1]["name"]
    assert cart_lines(cart) == {"LP-ORBIT-13": 1, "LA-CHG-65W": 1}


def test_a_first_cancel_anyway_brings_the_retention_offer_not_a_cancel(shop, chat, cart):
    from actions.cancel import ActionConfirmCancel

    view, token = create_subscription(shop, cart.customer_ref, "care-plus")

    first, _ = chat.run(ActionConfirmCancel(), text="cancel it", intent="cancel_anyway")
    order, _ = chat.run(ActionConfirmCancel(), text="cancel my order", intent="cancel_anyway")

    assert first[0][0] == "utter_offer_retention_plan"
    assert order == [("utter_cancel_order_unsupported", {"contact": "support@example.com"})]
    assert get_subscription(shop, token, view.subscription_id).status == "active"
    done, _ = chat.run(ActionConfirmCancel(), text="cancel anyway", intent="cancel_anyway")
    assert done[0][0] == "utter_subscription_canceled"
    assert get_subscription(shop, token, view.subscription_id).status == "canceled"


def test_no_suggestion_or_upgrade_pitch_while_a_retention_offer_is_open(shop, chat, cart):
    from actions.suggestions import ActionSuggestAddon, ActionSuggestUpgrade

    create_subscription(shop, cart.customer_ref, "care-plus")
    chat.run(ActionAddItem(), entities={"product": ARIA})
    chat.run(ActionDeclineOffer(), text="no", intent="deny")
    chat.run(
        ActionCancelSubscription(), text="cancel my subscription", intent="cancel_subscription"
    )

    addon, _ = chat.run(
        ActionSuggestAddon(), text="what goes with my phone?", intent="ask_suggestion"
    )
    upgrade, _ = chat.run(
        ActionSuggestUpgrade(), text="is there a bigger one?", intent="ask_upgrade"
    )

    assert addon == upgrade == [("utter_no_selling_while_cancelling", {})]


def test_a_fallback_message_is_read_against_the_retention_offer_first(shop, chat, cart):
    from actions.support import ActionUnsupportedRequest

    view, token = create_subscription(shop, cart.customer_ref, "care-basic")
    offer, _ = chat.run(
        ActionCancelSubscription(), text="cancel my subscription", intent="cancel_subscription"
    )
    assert offer[0][0] == "utter_offer_retention_pause"

    unsure, _ = chat.run(
        ActionUnsupportedRequest(),
        text="can I switch to a cheaper plan instead?",
        intent="nlu_fallback",
        confidence=0.4,
    )
    plain, _ = chat.run(ActionUnsupportedRequest(), text="blorp", intent="nlu_fallback")

    # an option named on an unsure intent is read against the offer: Care Basic has no
    # cheaper plan, so it is said to be unavailable and nothing changes (s25)
    assert unsure[0][0] == "utter_retention_option_unavailable"
    assert plain == [("utter_default", {})]
    assert get_subscription(shop, token, view.subscription_id).status == "active"


def test_the_no_button_of_an_unsure_no_to_a_retention_offer_never_cancels(shop, chat, cart):
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")
    chat.run(
        ActionCancelSubscription(), text="cancel my subscription", intent="cancel_subscription"
    )
    unsure = "no thanks, whatever"

    asked, _ = chat.run(ActionDeclineOffer(), text=unsure, intent="deny", confidence=0.45)

    assert asked[0][0] == "utter_confirm_action"
    assert asked[0][1]["action"] == "cancel your Care Plus subscription"
    # the No button's payload is never the Yes button's: pressing No keeps the plan
    no, _ = chat.press(ActionDeclineOffer(), 1)
    assert no == [("utter_confirm_declined", {})]
    assert get_subscription(shop, token, view.subscription_id).status == "active"


def test_the_yes_button_of_an_unsure_no_to_a_retention_offer_cancels(shop, chat, cart):
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")
    chat.run(
        ActionCancelSubscription(), text="cancel my subscription", intent="cancel_subscription"
    )
    chat.run(ActionDeclineOffer(), text="no thanks, whatever", intent="deny", confidence=0.45)

    yes, _ = chat.press(ActionAcceptOffer(), 0)

    assert yes[0][0] == "utter_subscription_canceled"
    assert get_subscription(shop, token, view.subscription_id).status == "canceled"


def test_a_confirmed_unsure_cancel_cancels_without_a_second_turn(shop, chat, cart):
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")
    unsure = "i don't want to pay for care plus anymore"

    asked, _ = chat.run(
        ActionCancelSubscription(), text=unsure, intent="cancel_subscription", confidence=0.5
    )
    assert asked[0][0] == "utter_confirm_action"
    assert get_subscription(shop, token, view.subscription_id).status == "active"

    done, _ = chat.run(ActionAcceptOffer(), text="yes", intent="affirm")

    assert done == [("utter_subscription_canceled", {"plan": "Care Plus"})]
    assert get_subscription(shop, token, view.subscription_id).status == "canceled"


def test_yes_to_did_you_mean_x_adds_it_and_no_drops_it(chat, cart, cart_lines):
    asked, _ = chat.run(ActionAddItem(), text="add a tropid", entities={"product": "tropid"})
    assert asked == [
        (
            "utter_unknown_product_suggest",
            {"product": "tropid", "options": "to add Travel Tripod", "buttons": ["Yes", "No"]},
        )
    ]

    taken, _ = chat.run(ActionAcceptOffer(), text="yes please", intent="affirm")

    assert taken[0][0] == "utter_added" and taken[0][1]["name"] == "Travel Tripod"
    assert cart_lines(cart) == {"CA-TRIPOD": 1}
    chat.run(ActionAddItem(), text="add a tropid", entities={"product": "tropid"})
    dropped, _ = chat.run(ActionDeclineOffer(), text="no", intent="deny")
    after, _ = chat.run(ActionAcceptOffer(), text="yes", intent="affirm")

    assert dropped == [("utter_confirm_declined", {}), ("utter_ask_product", {})]
    assert after == [("utter_nothing_pending", {})]  # the question was dropped
    assert cart_lines(cart) == {"CA-TRIPOD": 1}


def test_the_cheaper_one_answers_did_you_mean_whatever_the_intent(chat, cart, cart_lines):
    asked, _ = chat.run(
        ActionAddItem(), text="add a snap camera", entities={"product": "snap camera"}
    )
    assert asked[0][0] == "utter_did_you_mean"

    again, _ = chat.run(ActionOfferDetail(), text="the bigger one", intent="ask_offer_detail")
    picked, _ = chat.run(
        ActionCheckout(), text="the cheaper one", intent="checkout", confidence=0.93
    )

    assert again[0][0] == "utter_did_you_mean"  # no size in the names: asked again
    assert picked[0][0] == "utter_added" and picked[0][1]["name"] == "Snap Camera Entry"
    assert cart_lines(cart) == {"CM-SNAP-ENT": 1}
