"""Guards before a change (s17): bulk removals, "no, but add X", negated wants, statements,
filler words, pause lengths and two retention options at once.

Each test drives ``bot.chat.dialogue.handle`` with the turn the action server would build
(under more than one intent where the NLU might go either way) and asserts the store.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bot.chat import cancel, cart, pause_flow, selling
from bot.chat.dialogue import Turn, handle
from bot.chat.message_guards import goodbye_or_statement
from bot.chat.replies import ChatContext, Reply
from bot.chat.unsupported import unsupported_request
from bot.domain.retention import RetentionPolicy
from bot.services.subscriptions import create_subscription
from bot.store.tables import SubscriptionRow, utcnow

FLOWS = {
    "action_add_item": lambda shop, ctx, t: cart.add_item(
        shop, ctx, t.entities.get("product"), t.entities.get("quantity"), t.text
    ),
    "action_remove_item": lambda shop, ctx, t: cart.remove_item(
        shop, ctx, t.entities.get("product"), t.text, quantity_text=t.entities.get("quantity")
    ),
    "action_change_quantity": lambda shop, ctx, t: cart.change_quantity(
        shop, ctx, t.entities.get("product"), t.entities.get("quantity"), t.text
    ),
    "action_accept_offer": lambda shop, ctx, t: selling.accept_offer(shop, ctx),
    "action_decline_offer": lambda shop, ctx, t: selling.decline_offer(shop, ctx),
    "action_show_cart": lambda shop, ctx, t: cart.show_cart(shop, ctx),
    "action_pause_subscription": lambda shop, ctx, t: pause_flow.pause_subscription(
        shop, ctx, t.text, confirmed=t.confirmed
    ),
    "action_cancel_subscription": lambda shop, ctx, t: cancel.cancel_subscription(shop, ctx),
    "action_unsupported_request": lambda shop, ctx, t: unsupported_request(t.intent),
    "action_goodbye": lambda shop, ctx, t: goodbye_or_statement(t.text),
}


def say(shop, ctx: ChatContext, turn: Turn) -> list[Reply]:
    """Run one message through the dialogue rules and then its action's flow."""

    def rerun(action: str, intent: str, entities, text: str) -> list[Reply]:
        return say(shop, ctx, Turn(action, intent, 1.0, text, entities, confirmed=True))

    return handle(shop, ctx, turn, lambda c: FLOWS[turn.action](shop, c, turn), rerun)


def paused_days(shop, sub_id: int) -> float:
    with shop.session_factory.begin() as session:
        row = session.get(SubscriptionRow, sub_id)
        assert row is not None and row.paused_until is not None
        until = row.paused_until.replace(tzinfo=None)
        return (until - utcnow().replace(tzinfo=None)) / timedelta(days=1)


# --- 3. filler words, "one less", bulk removal ------------------------------------------------


@pytest.mark.parametrize("intent", ["remove_item", "change_quantity", "add_item"])
def test_one_less_alone_takes_one_from_the_product_in_focus(shop, new_cart, probe, intent):
    cart_id, token = new_cart(shop, lines=[("CA-TRIPOD", 1)])
    ctx = ChatContext("conv-1", token)
    say(shop, ctx, Turn("action_add_item", "add_item", 0.95, "add 3 mugs", {"product": "mugs"}))

    replies = say(shop, ctx, Turn(f"action_{intent}", intent, 0.95, "one less", {}))

    assert replies[0].response == "utter_decremented", replies
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1, "CF-MUG": 2}


def test_one_fewer_with_nothing_in_focus_asks_which(shop, new_cart, probe):
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 2), ("CA-TRIPOD", 1)])
    ctx = ChatContext("conv-1", token)

    replies = say(shop, ctx, Turn("action_remove_item", "remove_item", 0.95, "one fewer", {}))

    assert replies[0].response == "utter_ask_product"
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2, "CA-TRIPOD": 1}


@pytest.mark.parametrize(
    ("text", "entities"),
    [
        ("actually remove that", {}),
        ("actually remove that", {"product": "actually"}),
        ("just remove them please", {"product": "them"}),
    ],
)
def test_filler_words_are_no_product_the_focus_is_meant(shop, new_cart, probe, text, entities):
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 2)])
    ctx = ChatContext("conv-1", token)
    say(shop, ctx, Turn("action_add_item", "add_item", 0.95, "add a travel tripod", {}))

    replies = say(shop, ctx, Turn("action_remove_item", "remove_item", 0.95, text, entities))

    assert replies[0].response == "utter_removed"
    assert replies[0].params["name"] == "Travel Tripod"
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2}


@pytest.mark.parametrize(
    ("action", "intent", "text"),
    [
        ("action_remove_item", "remove_item", "remove everything"),
        ("action_remove_item", "remove_item", "empty my cart"),
        ("action_show_cart", "show_cart", "clear the cart please"),
        ("action_unsupported_request", "out_of_scope", "just wipe my whole basket"),
    ],
)
def test_a_bulk_removal_is_confirmed_then_clears_the_cart(
    shop, new_cart, probe, action, intent, text
):
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 2), ("CA-TRIPOD", 1)])
    ctx = ChatContext("conv-1", token)

    asked = say(shop, ctx, Turn(action, intent, 0.95, text, {"product": "everything"}))

    assert asked[0].response == "utter_confirm_action"
    assert asked[0].params == {"action": "remove everything from your cart"}
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2, "CA-TRIPOD": 1}
    done = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.95, "yes"))
    assert done[0].response == "utter_cart_cleared"
    assert probe.lines(shop, cart_id) == {}


def test_a_bulk_removal_answered_no_changes_nothing(shop, new_cart, probe):
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 2)])
    ctx = ChatContext("conv-1", token)
    say(shop, ctx, Turn("action_remove_item", "remove_item", 0.95, "remove everything"))

    replies = say(shop, ctx, Turn("action_decline_offer", "deny", 0.95, "no"))

    assert replies[0].response == "utter_confirm_declined"
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2}


def test_remove_all_the_mugs_is_one_line_not_the_cart(shop, new_cart, probe):
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 2), ("CA-TRIPOD", 1)])
    ctx = ChatContext("conv-1", token)

    say(
        shop,
        ctx,
        Turn("action_remove_item", "remove_item", 0.95, "remove all the mugs", {"product": "mugs"}),
    )

    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}


# --- 5. "no, but add X" while an offer is open -----------------------------------------------


def _offer(shop, new_cart) -> tuple[int, ChatContext, str]:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-256", 1)])
    ctx = ChatContext("conv-1", token)
    offered = selling.suggest_addon(shop, ctx)[-1]
    assert offered.response == "utter_offer_addon"
    return cart_id, ctx, offered.params["name"]


@pytest.mark.parametrize(
    ("action", "intent", "entities"),
    [
        ("action_add_item", "add_item", {"product": "travel tripod"}),
        ("action_decline_offer", "deny", {"product": "travel tripod"}),
        ("action_decline_offer", "deny", {}),
    ],
)
def test_no_but_add_records_the_no_and_adds(shop, new_cart, probe, action, intent, entities):
    cart_id, ctx, offered = _offer(shop, new_cart)
    text = "no, but add a travel tripod"

    replies = say(shop, ctx, Turn(action, intent, 0.95, text, entities))

    assert [r.response for r in replies] == ["utter_offer_declined", "utter_added"]
    assert replies[0].params["name"] == offered
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1, "CA-TRIPOD": 1}
    assert probe.offers(shop, "conv-1")[-1][0] == "declined"
    again = selling.suggest_addon(shop, ctx)  # never offered again
    assert all(r.params.get("name") != offered for r in again)


@pytest.mark.parametrize("text", ["no thanks, just the phone", "no, I don't need it"])
def test_a_no_with_no_request_declines_and_adds_nothing(shop, new_cart, probe, text):
    cart_id, ctx, _ = _offer(shop, new_cart)

    replies = say(shop, ctx, Turn("action_decline_offer", "deny", 0.95, text))

    assert [r.response for r in replies] == ["utter_offer_declined"]
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}


# --- 6. negated wants, 7. statements ---------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "intent"),
    [("action_remove_item", "remove_item"), ("action_add_item", "add_item")],
)
def test_i_dont_need_any_more_mugs_never_changes_the_cart(shop, new_cart, probe, action, intent):
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 2)])
    ctx = ChatContext("conv-1", token)
    text = "I don't need any more mugs"

    replies = say(shop, ctx, Turn(action, intent, 0.95, text, {"product": "mugs"}))

    # s27: with mugs in the cart, refusing them is a removal of that line, asked first
    assert replies[0].response == "utter_confirm_action"
    assert replies[0].params["action"] == "remove the 2 × Ceramic Mug from your cart"
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2}


def test_i_dont_want_the_mug_anymore_removes_it(shop, new_cart, probe):
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 2), ("CA-TRIPOD", 1)])
    ctx = ChatContext("conv-1", token)
    text = "I don't want the mug anymore"

    replies = say(
        shop, ctx, Turn("action_remove_item", "remove_item", 0.95, text, {"product": "mug"})
    )

    assert replies[0].response == "utter_confirm_action"  # s27: asked first
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2, "CA-TRIPOD": 1}
    replies = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.99, "yes"))
    assert replies[0].response == "utter_removed"
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}


@pytest.mark.parametrize(
    ("action", "intent"),
    [
        ("action_goodbye", "goodbye"),
        ("action_add_item", "add_item"),
        ("action_remove_item", "remove_item"),
        ("action_unsupported_request", "out_of_scope"),
    ],
)
def test_a_statement_is_answered_never_a_goodbye_or_a_change(shop, new_cart, probe, action, intent):
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    ctx = ChatContext("conv-1", token)

    replies = say(shop, ctx, Turn(action, intent, 0.9, "mugs are nice", {"product": "mugs"}))

    assert replies == [Reply("utter_product_statement", {"product": "mugs"})]
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


def test_a_real_goodbye_is_still_one() -> None:
    assert goodbye_or_statement("ok that's all, bye") == [Reply("utter_goodbye")]


# --- 1. pause lengths, 2. two retention options -----------------------------------------------


def _subscribed(shop, plan: str = "care-plus") -> tuple[int, ChatContext]:
    view, token = create_subscription(shop, "alice", plan)
    return view.subscription_id, ChatContext("conv-1", token)


def test_a_pause_longer_than_allowed_is_refused_and_nothing_changes(shop, probe):
    sub_id, ctx = _subscribed(shop)

    replies = say(
        shop,
        ctx,
        Turn("action_pause_subscription", "pause_subscription", 0.95, "pause it for 3 months"),
    )

    assert replies[0].response == "utter_pause_length_refused"
    assert replies[0].params["said"] == "3 months" and replies[0].params["longest"] == "a month"
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


def test_an_allowed_pause_length_is_granted_exactly(shop, probe):
    shop = replace(shop, retention=RetentionPolicy(max_pause_days=120))
    sub_id, ctx = _subscribed(shop)

    replies = say(
        shop,
        ctx,
        Turn("action_pause_subscription", "pause_subscription", 0.95, "pause it for 3 months"),
    )

    assert replies[0].response == "utter_subscription_paused"
    assert replies[0].params["duration"] == "3 months"
    assert probe.subscription(shop, sub_id) == ("paused", "care-plus")
    assert 89.9 < paused_days(shop, sub_id) <= 90


def test_a_pause_length_during_a_retention_offer_is_refused_and_the_offer_stays(shop, probe):
    sub_id, ctx = _subscribed(shop)
    say(shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.99, "cancel"))

    replies = say(
        shop,
        ctx,
        Turn("action_pause_subscription", "pause_subscription", 0.95, "pause it for 3 months"),
    )

    assert replies[0].response == "utter_pause_length_refused"
    assert ("Cancel anyway", "/cancel_anyway") in replies[0].buttons
    assert all(payload != "/deny" for _, payload in replies[0].buttons)
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert probe.offers(shop, "conv-1")[-1][0] == "shown"
    two_weeks = say(
        shop,
        ctx,
        Turn("action_pause_subscription", "pause_subscription", 0.95, "ok pause for two weeks"),
    )
    assert two_weeks[0].params["duration"] == "2 weeks"
    assert probe.subscription(shop, sub_id) == ("paused", "care-plus")
    assert 13.9 < paused_days(shop, sub_id) <= 14


@pytest.mark.parametrize(
    ("action", "intent"),
    [
        ("action_unsupported_request", "ask_discount_code"),
        ("action_accept_offer", "affirm"),
        ("action_unsupported_request", "out_of_scope"),
    ],
)
def test_two_retention_options_at_once_are_asked_about(shop, probe, action, intent):
    sub_id, ctx = _subscribed(shop)
    say(shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.99, "cancel"))
    text = "switch to basic and give me the discount too"

    replies = say(shop, ctx, Turn(action, intent, 0.95, text))

    assert replies[0].response == "utter_retention_pick_one"
    assert replies[0].params == {"options": "a discount or switching to Care Basic"}
    switch = '/affirm{"offer_id":"1"}'  # the offered option's own button names the offer
    assert ("Switch to Care Basic", switch) in replies[0].buttons
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    with shop.session_factory.begin() as session:
        row = session.get(SubscriptionRow, sub_id)
        assert row is not None and not row.discount_percent
    pressed = Turn("action_accept_offer", "affirm", 1.0, switch, {"offer_id": "1"})
    picked = say(shop, ctx, pressed)
    assert picked[0].response == "utter_subscription_switched"
    assert probe.subscription(shop, sub_id) == ("active", "care-basic")


# --- 4. a number word before a capacity, "x 2" after a name ----------------------------------


@pytest.mark.parametrize(
    ("action", "intent", "entities"),
    [
        ("action_add_item", "add_item", {}),
        ("action_add_item", "add_item", {"product": "aria phone 128 x 2"}),
        ("action_swap_item", "swap_item", {}),
    ],
)
def test_times_after_a_name_is_the_quantity(shop, new_cart, probe, action, intent, entities):
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)
    flows = {
        **FLOWS,
        "action_swap_item": lambda shop, ctx, t: cart.swap_item(shop, ctx, t.text),
    }
    turn = Turn(action, intent, 0.95, "aria phone 128 x 2", entities)

    replies = handle(shop, ctx, turn, lambda c: flows[action](shop, c, turn), lambda *a: [])

    assert replies[0].response == "utter_added", replies
    assert probe.lines(shop, cart_id) == {"PH-ARIA-128": 2}


@pytest.mark.parametrize("entities", [{}, {"product": "64 gb sd cards", "quantity": "five"}])
def test_a_number_word_before_a_capacity_is_the_quantity(shop, new_cart, probe, entities):
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)

    say(shop, ctx, Turn("action_add_item", "add_item", 0.95, "add five 64 gb sd cards", entities))

    assert probe.lines(shop, cart_id) == {"CA-SD-64": 5}
