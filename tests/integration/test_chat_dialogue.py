"""The pending question read first (bot.chat.dialogue): offers, retention options, confirmations.

Each test drives ``handle`` with the turn the action server would build, and asserts the
replies and the store (cart lines, subscription, offer events).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from bot.chat import cancel, cart, pause_flow, selling
from bot.chat.dialogue import Turn, handle
from bot.chat.replies import ChatContext, Reply
from bot.domain.retention import CHEAPER_PLAN, DISCOUNT, RetentionPolicy
from bot.services.subscriptions import create_subscription, get_subscription

FLOWS = {
    "action_add_item": lambda shop, ctx, t: cart.add_item(
        shop, ctx, t.entities.get("product"), t.entities.get("quantity"), t.text
    ),
    "action_accept_offer": lambda shop, ctx, t: selling.accept_offer(shop, ctx),
    "action_decline_offer": lambda shop, ctx, t: selling.decline_offer(shop, ctx),
    "action_offer_detail": lambda shop, ctx, t: selling.offer_detail(shop, ctx),
    "action_checkout": lambda shop, ctx, t: cart.checkout(shop, ctx),
    "action_free_shipping_gap": lambda shop, ctx, t: cart.free_shipping(shop, ctx),
    "action_pause_subscription": lambda shop, ctx, t: pause_flow.pause_subscription(
        shop, ctx, t.text, confirmed=t.confirmed
    ),
    "action_cancel_subscription": lambda shop, ctx, t: cancel.cancel_subscription(
        shop, ctx, t.text
    ),
    "action_confirm_cancel": lambda shop, ctx, t: cancel.confirm_cancel(shop, ctx),
    "action_default_fallback": lambda shop, ctx, t: [Reply("utter_default")],
}


def say(shop, ctx: ChatContext, turn: Turn) -> list[Reply]:
    """Run one message through the dialogue rules and then its action's flow."""

    def rerun(action: str, intent: str, entities, text: str) -> list[Reply]:
        # as the action server does (``actions.common.confirmed_tracker``): already asked
        return say(shop, ctx, Turn(action, intent, 1.0, text, entities, confirmed=True))

    return handle(shop, ctx, turn, lambda c: FLOWS[turn.action](shop, c, turn), rerun)


def subscribe(shop, plan: str, ref: str = "alice") -> tuple[int, str]:
    view, token = create_subscription(shop, ref, plan)
    return view.subscription_id, token


def addon_offer(shop, new_cart, conversation: str = "conv-1") -> tuple[int, ChatContext, str]:
    """A cart with the Aria phone and an add-on offer on it: (cart id, ctx, offered name)."""
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-256", 1)])
    ctx = ChatContext(conversation, token)
    replies = selling.suggest_addon(shop, ctx)
    assert replies[-1].response == "utter_offer_addon"
    return cart_id, ctx, replies[-1].params["name"]


# --- cart offers -----------------------------------------------------------------------------


def test_put_that_in_too_adds_the_offered_product_not_the_previous_one(
    shop, new_cart, probe
) -> None:
    cart_id, ctx, offered = addon_offer(shop, new_cart)
    sku = probe.offers(shop, "conv-1")[-1][2]
    cart.add_item(shop, ctx, "usb c hub", None, "add a usb c hub")  # the previous product
    ctx_lines = probe.lines(shop, cart_id)
    assert sku not in ctx_lines

    replies = say(shop, ctx, Turn("action_add_item", "add_item", 0.9, "put that in too"))

    assert replies[0].response == "utter_added" and replies[0].params["name"] == offered
    assert probe.lines(shop, cart_id) == {**ctx_lines, sku: 1}
    assert probe.offers(shop, "conv-1")[-1][0] == "accepted"


def test_own_words_accept_the_offer(shop, new_cart, probe) -> None:
    for n, (text, intent) in enumerate(
        (
            ("sure, throw it in", "add_item"),
            ("go on then", "out_of_scope"),
            ("yes add it", "affirm"),
        )
    ):
        cart_id, ctx, offered = addon_offer(shop, new_cart, f"conv-{n}")
        action = "action_accept_offer" if intent == "affirm" else "action_add_item"
        if intent == "out_of_scope":
            action = "action_default_fallback"
        replies = say(shop, ctx, Turn(action, intent, 0.95, text))
        assert replies[0].response == "utter_added" and replies[0].params["name"] == offered, text
        assert sum(probe.lines(shop, cart_id).values()) == 2, text


def test_question_about_the_offer_is_answered_and_the_offer_stays_open(
    shop, new_cart, probe
) -> None:
    cart_id, ctx, offered = addon_offer(shop, new_cart)

    replies = say(shop, ctx, Turn("action_offer_detail", "ask_offer_detail", 0.9, "how much?"))

    assert replies[0].response == "utter_offer_detail_addon"
    assert replies[0].params["name"] == offered and replies[0].params["reason"]
    assert probe.offers(shop, "conv-1")[-1][0] == "shown"  # still open
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}
    yes = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.99, "yes"))
    assert yes[0].params["name"] == offered


def test_a_different_request_supersedes_the_offer(shop, new_cart, probe) -> None:
    cart_id, ctx, _ = addon_offer(shop, new_cart)
    turn = Turn("action_add_item", "add_item", 0.95, "add a usb c hub", {"product": "usb c hub"})

    say(shop, ctx, turn)

    events = probe.offers(shop, "conv-1")
    assert [e[0] for e in events][:2] == ["shown", "superseded"]
    no = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.99, "yes"))
    assert no[0].response in ("utter_nothing_pending", "utter_added")  # a new offer, if any


# --- confirmation below the threshold --------------------------------------------------------


def test_low_confidence_add_asks_first_and_changes_nothing(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)
    entities = {"product": "clear phone case", "quantity": "2"}
    turn = Turn("action_add_item", "add_item", 0.45, "add 2 clear phone case", entities)

    asked = say(shop, ctx, turn)

    assert asked == [
        Reply(
            "utter_confirm_action",
            {"action": "add 2 × clear phone case"},
            (("Yes", '/add_item{"product": "clear phone case", "quantity": "2"}'), ("No", "/deny")),
        )
    ]
    assert probe.lines(shop, cart_id) == {}
    done = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.97, "yes"))
    assert done[0].response == "utter_added" and done[0].params["quantity"] == "2"
    assert sum(probe.lines(shop, cart_id).values()) == 2


def test_no_to_a_confirmation_changes_nothing(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)
    say(shop, ctx, Turn("action_add_item", "add_item", 0.5, "mug?", {"product": "usb c hub"}))

    replies = say(shop, ctx, Turn("action_decline_offer", "deny", 0.99, "no"))

    assert replies == [Reply("utter_confirm_declined")]
    assert probe.lines(shop, cart_id) == {}


def test_low_confidence_cancel_is_asked_back(shop, probe) -> None:
    sub_id, token = subscribe(shop, "care-plus")
    ctx = ChatContext("conv-1", token)

    replies = say(shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.5, "x"))

    assert replies[0].params == {"action": "cancel your subscription"}
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert probe.offers(shop, "conv-1") == []


# --- retention -------------------------------------------------------------------------------


def test_pause_during_a_switch_offer_pauses_and_does_not_switch(shop, probe) -> None:
    sub_id, token = subscribe(shop, "care-plus")
    ctx = ChatContext("conv-1", token)
    offer = say(shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.99, "x"))
    assert offer[0].response == "utter_offer_retention_plan"

    replies = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.9, "yes, pause it instead"))

    assert replies[0].response == "utter_subscription_paused"
    assert probe.subscription(shop, sub_id) == ("paused", "care-plus")
    assert [(e[0], e[1]) for e in probe.offers(shop, "conv-1")] == [
        ("shown", "retention_plan"),
        ("superseded", "retention_plan"),
        ("shown", "retention_pause"),
        ("accepted", "retention_pause"),
    ]


def test_an_option_the_shop_does_not_allow_leaves_the_subscription_as_it_was(shop, probe) -> None:
    shop = replace(shop, retention=RetentionPolicy(allowed=frozenset({CHEAPER_PLAN})))
    sub_id, token = subscribe(shop, "care-plus")
    ctx = ChatContext("conv-1", token)
    say(shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.99, "x"))

    replies = say(shop, ctx, Turn("action_pause_subscription", "pause_subscription", 0.9, "pause"))

    assert replies[0].response == "utter_retention_option_unavailable"
    assert replies[0].params == {"option": "a pause", "plan": "Care Plus"}
    assert ("Cancel anyway", "/cancel_anyway") in replies[0].buttons
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert probe.offers(shop, "conv-1")[-1][0] == "shown"  # the switch offer is still open
    done = say(shop, ctx, Turn("action_confirm_cancel", "cancel_anyway", 0.99, "cancel anyway"))
    assert done[0].response == "utter_subscription_canceled"


def test_price_question_during_retention_gets_no_pitch(shop, new_cart, probe) -> None:
    sub_id, token = subscribe(shop, "care-plus", ref="bob")
    ctx = ChatContext("conv-1", token)
    say(shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.99, "x"))

    replies = say(shop, ctx, Turn("action_offer_detail", "ask_offer_detail", 0.9, "how much?"))

    assert replies == [
        Reply(
            "utter_offer_detail_retention_plan",
            {
                "current_plan": "Care Plus",
                "current_price": "$9.99",
                "interval": "month",
                "price": "$4.99",
                "difference": "$5.00",
                "plan": "Care Basic",
            },
            (  # the Yes names its offer (issue 12)
                ("Switch to Care Basic", '/affirm{"offer_id":"1"}'),
                ("Cancel anyway", "/cancel_anyway"),
            ),
        )
    ]
    assert [e[1] for e in probe.offers(shop, "conv-1")] == ["retention_plan"]
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


def test_checkout_and_free_shipping_during_retention_sell_nothing(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, "carol", lines=[("PH-ARIA-256", 1)])
    _, sub_token = subscribe(shop, "care-plus", ref="carol")
    sub_ctx = ChatContext("conv-1", sub_token)
    say(shop, sub_ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.99, "x"))

    cart_ctx = ChatContext("conv-1", token)
    checkout = say(shop, cart_ctx, Turn("action_checkout", "checkout", 0.99, "checkout"))
    gap = say(shop, cart_ctx, Turn("action_free_shipping_gap", "ask_free_shipping", 0.99, "x"))

    shown = [r.response for r in checkout + gap]
    assert not any(name.startswith("utter_offer_addon") for name in shown)
    assert [e[1] for e in probe.offers(shop, "conv-1")][0] == "retention_plan"
    assert all(e[1].startswith("retention") for e in probe.offers(shop, "conv-1"))


def test_discount_retention_offer_and_acceptance(shop, probe) -> None:
    shop = replace(shop, retention=RetentionPolicy(allowed=frozenset({DISCOUNT})))
    sub_id, token = subscribe(shop, "care-plus")
    ctx = ChatContext("conv-1", token)

    offer = say(shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.99, "x"))
    assert offer == [
        Reply(
            "utter_offer_retention_discount",
            {
                "current_plan": "Care Plus",
                "current_price": "$9.99",
                "interval": "month",
                "offer_id": "1",
                "price": "$7.99",
                "percent": "20",
                "renewals": "3",
            },
        )
    ]
    done = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.99, "yes"))

    assert done == [
        Reply(
            "utter_subscription_discounted",
            {
                "plan": "Care Plus",
                "price": "$7.99",
                "full_price": "$9.99",
                "interval": "month",
                "renewals": "3",
            },
        )
    ]
    view = get_subscription(shop, token, sub_id)
    assert (view.status, view.discount_percent, view.discount_renewals) == ("active", 20, 3)
    assert view.next_price == Decimal("7.99") and view.price == Decimal("9.99")
    assert [e[0:2] for e in probe.offers(shop, "conv-1")] == [
        ("shown", "retention_discount"),
        ("accepted", "retention_discount"),
    ]


def test_asking_for_a_discount_during_a_pause_offer_gets_it(shop, probe) -> None:
    sub_id, token = subscribe(shop, "care-basic")
    ctx = ChatContext("conv-1", token)
    offer = say(shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.99, "x"))
    assert offer[0].response == "utter_offer_retention_pause"

    turn = Turn(
        "action_default_fallback", "ask_discount_code", 0.9, "can I get a discount instead?"
    )
    from tests.integration.test_chat_message_guards import say as confirming_say

    asked = confirming_say(shop, ctx, turn)  # a question: asked back first (review s20 R3)
    assert asked[0].response == "utter_confirm_action", asked
    assert probe.offers(shop, "conv-1")[-1][0] == "shown"
    replies = confirming_say(shop, ctx, Turn("action_accept_offer", "affirm", 0.99, "yes"))

    assert replies[0].response == "utter_subscription_discounted"
    assert replies[0].params["price"] == "$3.99"  # 4.99 * 0.8
    assert probe.subscription(shop, sub_id) == ("active", "care-basic")


def test_pause_on_its_own_pauses(shop, probe) -> None:
    sub_id, token = subscribe(shop, "care-plus")
    ctx = ChatContext("conv-1", token)

    replies = say(shop, ctx, Turn("action_pause_subscription", "pause_subscription", 0.9, "pause"))

    assert replies[0].response == "utter_subscription_paused"
    assert probe.subscription(shop, sub_id) == ("paused", "care-plus")


def test_unsure_no_to_a_retention_offer_asks_before_cancelling(shop, probe) -> None:
    sub_id, token = subscribe(shop, "care-plus")
    ctx = ChatContext("conv-1", token)
    say(shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.99, "x"))

    asked = say(shop, ctx, Turn("action_decline_offer", "deny", 0.5, "nah"))

    assert asked[0].params == {"action": "cancel your Care Plus subscription"}
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    done = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.99, "yes"))
    assert done == [Reply("utter_subscription_canceled", {"plan": "Care Plus"})]
    assert probe.subscription(shop, sub_id) == ("canceled", "care-plus")


def test_an_unsure_yes_with_nothing_open_asks_nothing(shop, new_cart) -> None:
    _, token = new_cart(shop)

    replies = say(shop, ChatContext("conv-1", token), Turn("action_accept_offer", "affirm", 0.5))

    assert replies == [Reply("utter_nothing_pending")]


def test_a_new_request_drops_the_confirmation_and_only_does_the_new_one(
    shop, new_cart, probe
) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)
    unsure = {"product": "clear phone case", "quantity": "2"}
    say(shop, ctx, Turn("action_add_item", "add_item", 0.5, "2 cases?", unsure))

    sure = {"product": "usb c hub"}
    say(shop, ctx, Turn("action_add_item", "add_item", 0.99, "add a usb c hub", sure))
    later = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.99, "yes"))

    assert "PA-CASE-CLR" not in probe.lines(shop, cart_id)
    assert sum(probe.lines(shop, cart_id).values()) == 1
    assert later == [Reply("utter_nothing_pending")]  # the old confirmation is gone


def test_difference_question_about_an_upgrade_gives_the_price_difference(
    shop, new_cart, probe
) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-256", 1)])
    ctx = ChatContext("conv-1", token)
    offer = selling.suggest_upgrade(shop, ctx, "aria phone 256gb")
    assert offer[0].response == "utter_offer_upgrade"

    turn = Turn("action_offer_detail", "ask_offer_detail", 0.97, "what's the difference?")
    replies = say(shop, ctx, turn)

    assert replies[0].response == "utter_offer_detail_upgrade"
    params = replies[0].params
    assert (params["current"], params["current_price"]) == ("Aria Phone 256 GB", "$799.00")
    assert params["difference"] == offer[0].params["difference"]
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}
    assert probe.offers(shop, "conv-1")[-1][0] == "shown"
