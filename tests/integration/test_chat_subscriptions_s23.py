"""Review s23 (issue 12): never a subscription change on a guess — T1, T9, T10.

Each turn runs as the action server runs it (words first, then the dialogue and the
predicted action's flow; a confirmed request re-run confirmed). The NLU readings are the
model's own for these messages (``rasa shell nlu`` on main's model): "cancel the tripod" is
``cancel_anyway`` 0.93 with product "tripod"; "cancel my subscription, it's too expensive"
is ``remove_too_expensive`` 0.47; "cancel care premium" is ``nlu_fallback`` 0.40. Every
test asserts the replies and the store.
"""

from __future__ import annotations

import pytest

from bot.chat import cancel, cart, pause_flow
from bot.chat.by_text import run_turn
from bot.chat.dialogue import Turn, handle
from bot.chat.replies import ChatContext, Reply
from tests.integration.test_chat_dialogue import subscribe
from tests.integration.test_chat_subscription_safety_s21 import FLOWS_S21

FLOWS_S23 = {
    **FLOWS_S21,
    "action_change_quantity": lambda shop, ctx, t: cart.change_quantity(
        shop, ctx, t.entities.get("product"), t.entities.get("quantity"), t.text
    ),
    "action_handle_complaint": lambda shop, ctx, t: cancel.complaint(shop, ctx),
    "action_pause_subscription": lambda shop, ctx, t: pause_flow.pause_subscription(
        shop,
        ctx,
        t.text,
        confirmed=t.confirmed,  # as actions.cancel.ActionPauseSubscription
    ),
}
CANCEL, ANYWAY = "action_cancel_subscription", "action_confirm_cancel"
NOT_IN_CART = ["utter_not_in_cart", "utter_cancel_order_unsupported"]


def say(shop, ctx: ChatContext, turn: Turn) -> list[Reply]:
    """One message as the action server runs it; a confirmed request is re-run confirmed."""

    def rerun(action: str, intent: str, entities, text: str) -> list[Reply]:
        return say(shop, ctx, Turn(action, intent, 1.0, text, entities, confirmed=True))

    def flow(context: ChatContext) -> list[Reply]:
        return FLOWS_S23[turn.action](shop, context, turn)

    return run_turn(shop, ctx, turn, lambda: handle(shop, ctx, turn, flow, rerun))


def shopper(shop, new_cart, ref: str, plan: str = "care-plus", lines=(("CF-MUG", 2),)):
    """A cart with ``lines`` and a ``plan`` subscription of its customer."""
    cart_id, token = new_cart(shop, customer_ref=ref, lines=list(lines))
    sub_id, _ = subscribe(shop, plan, ref=ref)
    return cart_id, sub_id, ChatContext(f"conv-{ref}", token)


def responses(replies: list[Reply]) -> list[str]:
    return [reply.response for reply in replies]


def cancel_my_subscription() -> Turn:
    return Turn(CANCEL, "cancel_subscription", 0.95, "cancel my subscription")


# --- T1: "cancel the tripod" with no tripod in the cart ---------------------------------------

PRODUCT_CANCELS = [
    (Turn(ANYWAY, "cancel_anyway", 0.93, "cancel the tripod", {"product": "tripod"}),
     "Travel Tripod"),  # the reviewer's exact message, as the model reads it
    (Turn(CANCEL, "cancel_subscription", 0.86, "cancel the travel tripod please"), "Travel Tripod"),
    (Turn(ANYWAY, "cancel_anyway", 0.68, "cancel the usb-c cable", {"product": "usb-c cable"}),
     "USB-C Cable 1m"),
    (Turn(CANCEL, "cancel_subscription", 0.9, "pls cancel the tripd"), "Travel Tripod"),  # misspelt
    (Turn(ANYWAY, "cancel_anyway", 0.95, "cancel the charger", {"product": "charger"}), "charger"),
]  # fmt: skip


@pytest.mark.parametrize(("turn", "name"), PRODUCT_CANCELS)
def test_cancel_a_product_not_in_the_cart_twice_never_cancels(
    shop, new_cart, probe, turn: Turn, name: str
) -> None:
    cart_id, sub_id, ctx = shopper(shop, new_cart, f"t1-{turn.text[:12]}")
    for _ in range(2):  # the second time is never the "second ask"
        replies = say(shop, ctx, turn)
        assert responses(replies) == NOT_IN_CART, (turn.text, replies)
        assert replies[0].params == {"name": name}
        assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2}
    assert probe.offers(shop, ctx.conversation_id) == []  # not even a retention offer


@pytest.mark.parametrize(("turn", "name"), PRODUCT_CANCELS[:3])
def test_cancel_a_product_during_a_retention_offer_never_cancels(
    shop, new_cart, probe, turn: Turn, name: str
) -> None:
    _, sub_id, ctx = shopper(shop, new_cart, f"t1-offer-{turn.text[:12]}", lines=())
    offer = say(shop, ctx, cancel_my_subscription())
    assert responses(offer) == ["utter_offer_retention_plan"], offer

    for _ in range(2):
        replies = say(shop, ctx, turn)
        assert responses(replies) == NOT_IN_CART, (turn.text, replies)
        assert probe.subscription(shop, sub_id) == ("active", "care-plus")

    # the shopper's own second ask, in cancel words, still cancels at once
    done = say(shop, ctx, Turn(CANCEL, "cancel_subscription", 0.95, "cancel my subscription"))
    assert responses(done) == ["utter_subscription_canceled"], done
    assert probe.subscription(shop, sub_id) == ("canceled", "care-plus")


def test_cancel_a_product_in_the_cart_asks_which_and_changes_nothing(shop, new_cart, probe) -> None:
    cart_id, sub_id, ctx = shopper(shop, new_cart, "t1-in", lines=(("CA-TRIPOD", 1),))
    for _ in range(2):
        replies = say(shop, ctx, PRODUCT_CANCELS[0][0])
        assert responses(replies) == ["utter_ask_cancel_what"], replies
        assert replies[0].params == {"name": "Travel Tripod"}
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}


def test_cancel_the_plus_is_the_plan_not_the_coffee_machine(shop, new_cart, probe) -> None:
    """A plan's own word ("plus") is no product name here: the cancel flow's offer follows."""
    _, sub_id, ctx = shopper(shop, new_cart, "t1-plus", lines=())
    replies = say(shop, ctx, Turn(CANCEL, "cancel_subscription", 0.9, "cancel care plus"))
    assert responses(replies) == ["utter_offer_retention_plan"], replies
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


# --- T9: a cancel with a price complaint, read as a too-expensive removal ---------------------

PRICEY_CANCELS = [
    ("cancel my subscription, it's too expensive", 0.47),  # the reviewer's exact message
    ("I want to cancel my plan, too pricey", 0.55),
    ("stop my subscription it costs too much", 0.62),
]


@pytest.mark.parametrize(("text", "confidence"), PRICEY_CANCELS)
def test_a_pricey_cancel_gets_the_cheaper_plan_offer_not_a_product_question(
    shop, new_cart, probe, text: str, confidence: float
) -> None:
    cart_id, sub_id, ctx = shopper(shop, new_cart, f"t9-{confidence}")
    turn = Turn("action_remove_too_expensive", "remove_too_expensive", confidence, text)

    replies = say(shop, ctx, turn)

    assert responses(replies) == ["utter_offer_retention_plan"], (text, replies)
    assert replies[0].params["plan"] == "Care Basic"  # the cheaper plan
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2}
    again = say(shop, ctx, turn)  # asked again in cancel words: cancels at once
    assert responses(again) == ["utter_subscription_canceled"], again
    assert probe.subscription(shop, sub_id) == ("canceled", "care-plus")
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2}


def test_a_pricey_cancel_read_as_a_removal_with_a_product_in_focus_removes_nothing(
    shop, new_cart, probe
) -> None:
    cart_id, sub_id, ctx = shopper(shop, new_cart, "t9-focus", lines=())
    say(shop, ctx, Turn("action_add_item", "add_item", 0.99, "add a tripod", {"product": "tripod"}))
    turn = Turn("action_remove_item", "remove_item", 0.8, "I want to cancel my plan, too pricey")

    replies = say(shop, ctx, turn)

    assert responses(replies) == ["utter_offer_retention_plan"], replies
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


def test_a_price_remark_about_a_product_is_still_the_product(shop, new_cart, probe) -> None:
    """No cancel word: "the tripod is too expensive" keeps its own (asked-first) reading."""
    cart_id, sub_id, ctx = shopper(shop, new_cart, "t9-tripod", lines=(("CA-TRIPOD", 1),))
    turn = Turn("action_remove_too_expensive", "remove_too_expensive", 0.9,
                "the tripod is too expensive", {"product": "tripod"})  # fmt: skip
    replies = say(shop, ctx, turn)
    assert not responses(replies)[0].startswith("utter_offer_retention"), replies
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}


# --- T10: a plan named with a cancel verb ------------------------------------------------------


@pytest.mark.parametrize(
    "turn",
    [
        Turn("action_unsupported_request", "nlu_fallback", 0.40, "cancel care premium"),
        Turn(CANCEL, "cancel_subscription", 0.63, "cancel my care premium"),
        Turn(CANCEL, "cancel_subscription", 0.89, "please cancel care premium plan"),
        Turn(CANCEL, "cancel_subscription", 0.8, "cancel my premium"),
    ],
)
def test_cancel_a_plan_held_runs_the_cancel_flow(shop, new_cart, probe, turn: Turn) -> None:
    _, sub_id, ctx = shopper(shop, new_cart, f"t10-{turn.confidence}", plan="care-premium")

    replies = say(shop, ctx, turn)

    assert responses(replies) == ["utter_offer_retention_plan"], (turn.text, replies)
    assert replies[0].params["current_plan"] == "Care Premium"
    assert probe.subscription(shop, sub_id) == ("active", "care-premium")
    done = say(shop, ctx, Turn(ANYWAY, "cancel_anyway", 1.0, "/cancel_anyway"))
    assert responses(done) == ["utter_subscription_canceled"], done
    assert probe.subscription(shop, sub_id) == ("canceled", "care-premium")


@pytest.mark.parametrize(
    "turn",
    [
        Turn("action_unsupported_request", "nlu_fallback", 0.40, "cancel care premium"),
        Turn(CANCEL, "cancel_subscription", 0.63, "cancel my care premium"),
        Turn(ANYWAY, "cancel_anyway", 0.68, "cancel care premium"),
        Turn(CANCEL, "cancel_subscription", 0.9, "cancel my premium plan"),
        Turn(CANCEL, "cancel_subscription", 0.8, "cancel my premium"),
    ],
)
def test_cancel_a_plan_not_held_says_so_and_changes_nothing(
    shop, new_cart, probe, turn: Turn
) -> None:
    _, sub_id, ctx = shopper(shop, new_cart, f"t10-not-{turn.confidence}")
    say(shop, ctx, cancel_my_subscription())  # a retention offer made: no "second ask" either

    for _ in range(2):
        replies = say(shop, ctx, turn)
        assert responses(replies) == ["utter_plan_not_held"], (turn.text, replies)
        assert replies[0].params == {"plan": "Care Premium", "held": "Care Plus ($9.99/month)"}
        assert probe.subscription(shop, sub_id) == ("active", "care-plus")


def test_cancel_one_of_two_plans_by_name_offers_for_that_one_only(shop, new_cart, probe) -> None:
    _, plus_id, ctx = shopper(shop, new_cart, "t10-two")
    premium_id, _ = subscribe(shop, "care-premium", ref="t10-two")

    offer = say(shop, ctx, Turn("action_unsupported_request", "nlu_fallback", 0.4,
                                "cancel care premium"))  # fmt: skip
    done = say(shop, ctx, Turn(ANYWAY, "cancel_anyway", 1.0, "/cancel_anyway"))

    assert offer[0].params["current_plan"] == "Care Premium", offer
    assert responses(done)[0] == "utter_subscription_canceled_others", done
    assert probe.subscription(shop, premium_id) == ("canceled", "care-premium")
    assert probe.subscription(shop, plus_id) == ("active", "care-plus")


def test_pause_a_plan_not_held_says_so_and_changes_nothing(shop, new_cart, probe) -> None:
    _, sub_id, ctx = shopper(shop, new_cart, "t10-pause")
    turn = Turn("action_pause_subscription", "pause_subscription", 0.95, "pause care basic")
    replies = say(shop, ctx, turn)
    assert responses(replies) == ["utter_plan_not_held"], replies
    assert replies[0].params["plan"] == "Care Basic"
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
