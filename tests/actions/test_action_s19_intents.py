"""Actions for the s19 intent re-reading (review G16, G18, G23, G24, G28–G32, G34).

Each test gives the intent the model gave live (or a worse one) and asserts the store.
"""

from __future__ import annotations

import pytest

from actions.cancel import ActionCancelSubscription, ActionConfirmCancel, ActionPauseSubscription
from actions.cart import ActionAddItem, ActionRemoveItem, ActionShowCart
from actions.suggestions import ActionAcceptOffer, ActionDeclineOffer
from actions.support import ActionUnsupportedRequest
from bot.services.cart import add_to_cart
from bot.services.subscriptions import create_subscription, get_subscription


def _status(shop, token, view) -> tuple[str, str]:
    sub = get_subscription(shop, token, view.subscription_id)
    return sub.status, sub.plan.code


@pytest.mark.parametrize(
    "text",
    [
        "resume my subscription",
        "renew my subscription",
        "reactivate my plan",
        "I don't want to cancel my subscription",
        "I do not want to end my care plan",
        "keep my subscription",
        "please keep my plan running",
    ],
)
def test_resume_renew_keep_never_reach_the_cancel_flow(shop, cart, chat, text):
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")

    replies, _ = chat.run(ActionCancelSubscription(), text=text, intent="cancel_subscription")

    kept = ("utter_subscription_kept", "utter_confirm_declined", "utter_subscription_not_paused")
    assert replies[0][0] in kept, replies  # s20: "resume" of an active plan says it is active
    chat.run(ActionDeclineOffer(), text="no", intent="deny")  # the natural "no" after it
    assert _status(shop, token, view) == ("active", "care-plus")


def test_renew_during_a_retention_offer_keeps_the_plan(shop, cart, chat):
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")
    offer, _ = chat.run(
        ActionCancelSubscription(), text="cancel my subscription", intent="cancel_subscription"
    )
    assert offer[0][0].startswith("utter_offer_retention")

    replies, _ = chat.run(ActionDeclineOffer(), text="no, renew it", intent="deny")

    assert replies[0][0] == "utter_subscription_kept"
    assert _status(shop, token, view) == ("active", "care-plus")


def test_unpause_and_resume_after_a_pause_never_cancel(shop, cart, chat):
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")
    chat.run(ActionPauseSubscription(), text="pause my subscription", intent="pause_subscription")
    assert _status(shop, token, view)[0] == "paused"

    for text, action, intent in (
        ("actually resume my subscription", ActionCancelSubscription(), "cancel_subscription"),
        ("please unpause it", ActionPauseSubscription(), "pause_subscription"),
    ):
        replies, _ = chat.run(action, text=text, intent=intent)
        # s20: a resume is asked first ("resume your Care Plus subscription now?"), never run
        assert replies[0][0] == "utter_confirm_action", (text, replies)
        assert replies[0][1]["action"].startswith("resume your Care Plus subscription")
        assert _status(shop, token, view)[0] == "paused"


def test_an_explicit_cancel_anyway_still_cancels(shop, cart, chat):
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")
    chat.run(
        ActionCancelSubscription(), text="cancel my subscription", intent="cancel_subscription"
    )

    replies, _ = chat.run(ActionConfirmCancel(), text="/cancel_anyway", intent="cancel_anyway")

    assert replies[0][0].startswith("utter_subscription_canceled")
    assert _status(shop, token, view)[0] == "canceled"


@pytest.mark.parametrize(
    ("text", "sku", "name"),
    [
        ("I didn't mean to add the mug", "CF-MUG", "Ceramic Mug"),
        ("I never wanted 2 filters", "CF-FILTER", "Paper Coffee Filters"),
        ("I never wanted to add 2 filters", "CF-FILTER", "Paper Coffee Filters"),
        ("I don't want the mug", "CF-MUG", "Ceramic Mug"),
    ],
)
def test_a_negated_add_never_adds_and_offers_the_removal(
    shop, cart, chat, cart_lines, text, sku, name
):
    add_to_cart(shop, cart.token, cart.cart_id, sku, 2)

    replies, _ = chat.run(ActionAddItem(), text=text, entities={"product": name})

    assert replies[0][0] == "utter_confirm_action"
    assert replies[0][1]["action"] in (  # s27: a refused line in the cart is named with its count
        f"remove {name} from your cart",
        f"remove the 2 × {name} from your cart",
    )
    assert cart_lines(cart) == {sku: 2}

    chat.run(ActionAcceptOffer(), text="yes", intent="affirm")
    assert cart_lines(cart) == {}


def test_a_negated_add_of_something_not_in_the_cart_changes_nothing(cart, chat, cart_lines):
    replies, _ = chat.run(
        ActionAddItem(), text="I didn't mean to add the tripod", entities={"product": "tripod"}
    )
    assert replies == [("utter_confirm_declined", {})]
    assert cart_lines(cart) == {}


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("remove everything except the mug", "CF-MUG"),
        ("take out everything but the tripod", "CA-TRIPOD"),
        ("all but the mug", "CF-MUG"),
        ("only keep the tripod", "CA-TRIPOD"),
    ],
)
def test_remove_everything_except_keeps_the_named_line(shop, cart, chat, cart_lines, text, kept):
    add_to_cart(shop, cart.token, cart.cart_id, "CF-MUG", 1)
    add_to_cart(shop, cart.token, cart.cart_id, "CA-TRIPOD", 1)
    add_to_cart(shop, cart.token, cart.cart_id, "CF-BEANS-ESP", 1)
    before = cart_lines(cart)

    replies, _ = chat.run(ActionRemoveItem(), text=text, intent="remove_item")

    assert replies[0][0] == "utter_confirm_action", replies
    assert "keep" in replies[0][1]["action"]
    assert cart_lines(cart) == before

    chat.run(ActionAcceptOffer(), text="yes", intent="affirm")
    assert cart_lines(cart) == {kept: 1}


def test_a_bare_cancel_after_a_cart_change_asks_which(shop, cart, chat):
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")
    chat.run(ActionAddItem(), text="add a ceramic mug", entities={"product": "ceramic mug"})

    replies, _ = chat.run(ActionCancelSubscription(), text="cancel", intent="cancel_subscription")

    assert replies[0][0] == "utter_ask_cancel_what"
    assert _status(shop, token, view)[0] == "active"


def test_a_late_no_answers_no_stale_retention_offer(shop, cart, chat):
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")
    chat.run(
        ActionCancelSubscription(), text="cancel my subscription", intent="cancel_subscription"
    )
    chat.run(ActionShowCart(), text="what's in my cart?", intent="show_cart")

    replies, _ = chat.run(ActionDeclineOffer(), text="no", intent="deny")

    assert replies[0][0] != "utter_subscription_canceled", replies
    assert _status(shop, token, view) == ("active", "care-plus")
    # Cancelling is still one message away: the one retention offer was made.
    replies, _ = chat.run(
        ActionCancelSubscription(), text="cancel my subscription", intent="cancel_subscription"
    )
    assert _status(shop, token, view)[0] == "canceled"


@pytest.mark.parametrize("text", ["yes... actually no", "sure — wait, no"])
def test_a_yes_that_turns_into_no_declines_an_add_on(shop, cart, chat, cart_lines, text):
    chat.run(ActionAddItem(), text="add the aria phone 256 gb", entities={"product": "aria 256"})
    offered = dict(cart_lines(cart))

    chat.run(ActionAcceptOffer(), text=text, intent="affirm")

    assert cart_lines(cart) == offered


def test_a_yes_that_turns_into_no_to_a_retention_offer_is_asked_again(shop, cart, chat):
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")
    chat.run(
        ActionCancelSubscription(), text="cancel my subscription", intent="cancel_subscription"
    )

    replies, _ = chat.run(ActionAcceptOffer(), text="yes... actually no", intent="affirm")

    # says both yes and no: nothing decided, the offer asked again (issue 12, s25)
    assert replies[0][0] == "utter_offer_detail_retention_plan"
    assert _status(shop, token, view) == ("active", "care-plus")


def test_a_no_that_turns_into_yes_decides_nothing_and_asks_again(shop, cart, chat, cart_lines):
    chat.run(ActionAddItem(), text="add the aria phone 256 gb", entities={"product": "aria 256"})
    before = dict(cart_lines(cart))

    asked, _ = chat.run(ActionDeclineOffer(), text="no, actually yes", intent="deny")

    assert asked[0][0].startswith("utter_offer_detail"), asked  # asked again (issue 12, s25)
    assert cart_lines(cart) == before
    chat.run(ActionAcceptOffer(), text="yes please", intent="affirm")
    assert sum(cart_lines(cart).values()) == sum(before.values()) + 1


def test_stop_the_recurring_payments_is_asked_as_a_cancel(shop, cart, chat):
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")

    replies, _ = chat.run(
        ActionUnsupportedRequest(), text="stop the recurring payments", intent="checkout"
    )

    assert replies[0][0] == "utter_confirm_action"
    assert replies[0][1]["action"] == "cancel your subscription"
    assert _status(shop, token, view)[0] == "active"
    chat.run(ActionAcceptOffer(), text="yes", intent="affirm")
    assert _status(shop, token, view)[0] == "canceled"


def test_no_wait_just_2_is_asked_back_for_the_line_in_focus(shop, cart, chat, cart_lines):
    chat.run(ActionAddItem(), text="add 3 ceramic mugs", entities={"product": "ceramic mugs"})
    assert cart_lines(cart) == {"CF-MUG": 3}

    replies, _ = chat.run(ActionDeclineOffer(), text="no wait, just 2", intent="deny")

    assert replies[0][0] == "utter_confirm_action"
    assert replies[0][1]["action"] == "change Ceramic Mug to 2"
    chat.run(ActionAcceptOffer(), text="yes", intent="affirm")
    assert cart_lines(cart) == {"CF-MUG": 2}


def test_a_swop_read_as_an_add_swaps(shop, cart, chat, cart_lines):
    add_to_cart(shop, cart.token, cart.cart_id, "CF-MUG", 2)

    chat.run(
        ActionAddItem(), text="swop the mugs for the tripod", entities={"product": "mugs tripod"}
    )

    assert "CF-MUG" not in cart_lines(cart) or cart_lines(cart)["CF-MUG"] <= 2
    assert cart_lines(cart).get("CF-MUG", 0) + cart_lines(cart).get("CA-TRIPOD", 0) <= 2


@pytest.mark.parametrize("text", ["I don't need mugs", "no more mugs"])
def test_no_more_mugs_with_nothing_open_is_noted_not_okayed(shop, cart, chat, cart_lines, text):
    add_to_cart(shop, cart.token, cart.cart_id, "CF-MUG", 3)

    replies, _ = chat.run(ActionDeclineOffer(), text=text, intent="deny")

    # s27: with mugs in the cart, refusing them is a removal of that line, asked first
    assert replies[0][0] == "utter_confirm_action"
    assert replies[0][1]["action"] == "remove the 3 × Ceramic Mug from your cart"
    assert cart_lines(cart) == {"CF-MUG": 3}


def test_leave_just_one_mug_asks_to_change_the_quantity(shop, cart, chat, cart_lines):
    add_to_cart(shop, cart.token, cart.cart_id, "CF-MUG", 4)

    replies, _ = chat.run(ActionDeclineOffer(), text="leave just one mug", intent="deny")

    assert replies[0][0] == "utter_confirm_action"
    assert replies[0][1]["action"] == "change Ceramic Mug to one"
    chat.run(ActionAcceptOffer(), text="yes", intent="affirm")
    assert cart_lines(cart) == {"CF-MUG": 1}


def test_nothing_is_pitched_after_a_cancel_left_undecided(shop, cart, chat):
    from actions.cart import ActionCheckout

    create_subscription(shop, cart.customer_ref, "care-plus")
    chat.run(
        ActionAddItem(), text="add a clear phone case", entities={"product": "clear phone case"}
    )
    chat.run(ActionDeclineOffer(), text="no", intent="deny")
    chat.run(
        ActionCancelSubscription(), text="cancel my subscription", intent="cancel_subscription"
    )
    chat.run(ActionShowCart(), text="what's in my cart?", intent="show_cart")  # closes the offer

    replies, _ = chat.run(ActionCheckout(), text="checkout", intent="checkout")

    assert [name for name, _ in replies] == ["utter_checkout"]


def test_oops_not_mugs_tripods_is_asked_as_a_swap(shop, cart, chat, cart_lines):
    add_to_cart(shop, cart.token, cart.cart_id, "CF-MUG", 3)

    replies, _ = chat.run(
        ActionRemoveItem(),
        text="oops, not mugs, tripods",
        intent="remove_item",
        entities={"product": "tripods"},
    )

    assert replies[0][0] == "utter_confirm_action"
    assert replies[0][1]["action"] == "swap Ceramic Mug for tripods"
    assert cart_lines(cart) == {"CF-MUG": 3}
    done, _ = chat.run(ActionAcceptOffer(), text="yes", intent="affirm")
    assert done == [("utter_ask_quantity", {"name": "Travel Tripod"})]  # how many: never a guess
    assert cart_lines(cart) == {"CF-MUG": 3}
