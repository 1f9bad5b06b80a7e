"""Issue 12 (s25): answers during a cancellation, each asserted in the replies and the store.

Turns are driven through ``handle`` as the action server would, under more than one NLU
reading where the model may go either way (the rules read the words, not the intent):
nothing changes before the "yes", and exactly the option asked about changes after it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bot.chat import cart, pause_flow, plan_change
from bot.chat.dialogue import Turn
from bot.chat.replies import ChatContext
from bot.domain.retention import CHEAPER_PLAN, DISCOUNT, RetentionPolicy
from bot.store.tables import SubscriptionRow, utcnow
from tests.integration.test_chat_dialogue import FLOWS, say, subscribe

PAUSE = "action_pause_subscription"
FLOWS.setdefault("action_change_plan", lambda shop, ctx, t: plan_change.change_plan(
    shop, ctx, t.text, confirmed=t.confirmed,
    subscription_id=int(t.entities["subscription_id"]) if "subscription_id" in t.entities
    else None,
))  # fmt: skip
FLOWS.setdefault("action_choose_option", lambda shop, ctx, t: cart.choose_option(
    shop, ctx, t.entities.get("product"), t.text))  # fmt: skip
FLOWS.setdefault("action_remove_item", lambda shop, ctx, t: cart.remove_item(
    shop, ctx, t.entities.get("product"), t.text))  # fmt: skip
FLOWS[PAUSE] = lambda shop, ctx, t: pause_flow.pause_subscription(
    shop, ctx, t.text, confirmed=t.confirmed
)
CANCEL = Turn("action_cancel_subscription", "cancel_subscription", 0.99, "cancel my subscription")
YES = Turn("action_accept_offer", "affirm", 0.99, "yes")
READINGS = (
    (PAUSE, "pause_subscription", 0.95),
    ("action_accept_offer", "affirm", 0.8),
    ("action_default_fallback", "nlu_fallback", 0.3),
)
"""The readings the model may give a question about an option."""


def _offer(shop, plan: str, ref: str) -> tuple[int, ChatContext]:
    sub_id, token = subscribe(shop, plan, ref=ref)
    ctx = ChatContext(f"conv-{ref}", token)
    offered = say(shop, ctx, CANCEL)
    assert offered[0].response.startswith("utter_offer_retention"), offered
    return sub_id, ctx


def _row(shop, sub_id: int) -> tuple[str, str | None, int | None]:
    """``(status, paused until (date), discount percent)``."""
    with shop.session_factory.begin() as session:
        row = session.get(SubscriptionRow, sub_id)
        assert row is not None
        until = None if row.paused_until is None else f"{row.paused_until:%Y-%m-%d}"
        return row.status, until, row.discount_percent


def _events(probe, shop, ctx) -> list[tuple[str, str]]:
    return [(e[0], e[1]) for e in probe.offers(shop, ctx.conversation_id)]


# --- H1: an option asked about is presented with its terms; only "yes" carries it out -------


@pytest.mark.parametrize(
    "text", ["what about pausing?", "pause instead?", "could I pause it instead"]
)
@pytest.mark.parametrize("plan", ["care-plus", "care-basic"])
def test_a_pause_asked_about_is_presented_with_its_terms_and_only_yes_pauses(
    shop, probe, text, plan
):
    for n, (action, intent, confidence) in enumerate(READINGS):
        sub_id, ctx = _offer(shop, plan, f"h1-{plan}-{abs(hash(text))}-{n}")
        before = _events(probe, shop, ctx)

        asked = say(shop, ctx, Turn(action, intent, confidence, text))

        assert asked[0].response == "utter_confirm_action", (text, intent, asked)
        terms = asked[0].params["action"]
        resume = f"{utcnow() + timedelta(days=30):%B %d}"
        assert terms.startswith("pause your ") and "for a month" in terms, terms
        assert "no charge" in terms and f"resumes on {resume}" in terms, terms
        buttons = dict(asked[0].buttons)
        assert buttons["Yes"] == "/pause_subscription" and buttons["No"] == "/deny", buttons
        assert "Cancel anyway" in buttons
        assert _row(shop, sub_id) == ("active", None, None)  # nothing changed before "yes"
        assert _events(probe, shop, ctx) == before
        done = say(shop, ctx, YES)
        assert done[0].response == "utter_subscription_paused", (text, intent, done)
        until = f"{utcnow() + timedelta(days=30):%Y-%m-%d}"
        assert _row(shop, sub_id) == ("paused", until, None)
        assert probe.subscription(shop, sub_id) == ("paused", plan)  # the plan never switched
        assert _events(probe, shop, ctx)[-1] == ("accepted", "retention_pause")


def test_a_discount_asked_about_is_presented_and_only_yes_gives_it(shop, probe):
    for n, (action, intent, confidence) in enumerate(READINGS):
        sub_id, ctx = _offer(shop, "care-plus", f"h1-discount-{n}")

        asked = say(shop, ctx, Turn(action, intent, confidence, "how about a discount?"))

        assert asked[0].params["action"] == (
            "keep your Care Plus subscription at $7.99/month for your next 3 renewals, "
            "20% off, then $9.99/month again, instead of cancelling"
        ), asked
        assert dict(asked[0].buttons)["Yes"] == "/ask_discount_code"  # never /nlu_fallback
        assert _row(shop, sub_id) == ("active", None, None)
        say(shop, ctx, YES)
        assert _row(shop, sub_id) == ("active", None, 20)
        assert probe.subscription(shop, sub_id) == ("active", "care-plus")


def test_the_offered_plan_asked_about_is_presented_with_both_prices(shop, probe):
    sub_id, ctx = _offer(shop, "care-plus", "h1-plan")

    asked = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.9, "what about basic?"))

    assert asked[0].params["action"] == (
        "switch you from Care Plus at $9.99/month to Care Basic at $4.99/month, "
        "$5.00 a month less, instead of cancelling"
    ), asked
    assert dict(asked[0].buttons)["Yes"] == "/change_plan"
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    say(shop, ctx, YES)
    assert probe.subscription(shop, sub_id) == ("active", "care-basic")
    assert _row(shop, sub_id) == ("active", None, None)


def test_an_option_the_shop_does_not_allow_is_unavailable_and_nothing_changes(shop, probe):
    shop = replace(shop, retention=RetentionPolicy(allowed=frozenset({CHEAPER_PLAN})))
    for n, text in enumerate(("could I pause it instead", "what about pausing?", "discount?")):
        sub_id, ctx = _offer(shop, "care-plus", f"h1-unallowed-{n}")

        said = say(shop, ctx, Turn(PAUSE, "pause_subscription", 0.95, text))

        assert said[0].response == "utter_retention_option_unavailable", (text, said)
        assert ("Cancel anyway", "/cancel_anyway") in said[0].buttons
        assert _row(shop, sub_id) == ("active", None, None)
        assert probe.subscription(shop, sub_id) == ("active", "care-plus")
        assert _events(probe, shop, ctx) == [("shown", "retention_plan")]  # still open


def test_no_to_a_presented_option_changes_nothing(shop, probe):
    sub_id, ctx = _offer(shop, "care-plus", "h1-no")
    say(shop, ctx, Turn(PAUSE, "pause_subscription", 0.95, "pause instead?"))

    said = say(shop, ctx, Turn("action_decline_offer", "deny", 0.99, "no"))

    assert said[0].response == "utter_confirm_declined", said
    assert _row(shop, sub_id) == ("active", None, None)
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


@pytest.mark.parametrize(
    ("text", "payload", "after"),
    [
        ("pause it instead", "/pause_subscription", ("paused", None)),
        ("give me the discount instead", "/ask_discount_code", ("active", 20)),
    ],
)
def test_an_unsure_option_is_asked_back_with_a_real_yes_button(shop, probe, text, payload, after):
    sub_id, ctx = _offer(shop, "care-plus", f"nlu-fallback-{payload[1:6]}")

    asked = say(shop, ctx, Turn("action_default_fallback", "nlu_fallback", 0.3, text))

    assert asked[0].response == "utter_confirm_action", asked
    assert dict(asked[0].buttons)["Yes"] == payload  # never "/nlu_fallback"
    assert _row(shop, sub_id) == ("active", None, None)
    pressed = Turn(PAUSE if "pause" in payload else "action_accept_offer", payload[1:], 1.0,
                   payload)  # fmt: skip
    say(shop, ctx, pressed)  # the Yes button itself
    status, _, discount = _row(shop, sub_id)
    assert (status, discount) == after
    assert probe.subscription(shop, sub_id)[1] == "care-plus"


def test_cancel_anyway_under_a_presented_option_cancels_at_once(shop, probe):
    sub_id, ctx = _offer(shop, "care-plus", "h1-cancel-anyway")
    asked = say(shop, ctx, Turn(PAUSE, "pause_subscription", 0.95, "what about pausing?"))
    payload = dict(asked[0].buttons)["Cancel anyway"]

    done = say(shop, ctx, Turn("action_confirm_cancel", "cancel_anyway", 1.0, payload))

    assert done[0].response == "utter_subscription_canceled", done
    assert _row(shop, sub_id) == ("canceled", None, None)


def test_an_order_to_pause_still_pauses_at_once(shop, probe):
    sub_id, ctx = _offer(shop, "care-plus", "h1-order")

    said = say(shop, ctx, Turn(PAUSE, "pause_subscription", 0.95, "pause it instead"))

    assert said[0].response == "utter_subscription_paused", said
    assert probe.subscription(shop, sub_id) == ("paused", "care-plus")


def test_could_i_pause_it_with_no_offer_open_is_asked_back_with_its_terms(shop, probe):
    sub_id, token = subscribe(shop, "care-plus", ref="h1-plain")
    ctx = ChatContext("conv-h1-plain", token)

    asked = say(shop, ctx, Turn(PAUSE, "pause_subscription", 0.95, "could I pause it?"))

    assert asked[0].response == "utter_confirm_action", asked
    assert "no charge" in asked[0].params["action"], asked
    assert _row(shop, sub_id) == ("active", None, None)
    say(shop, ctx, YES)
    assert _row(shop, sub_id)[0] == "paused"


# --- H2: a bare yes to a reply naming two options asks which ---------------------------------


@pytest.mark.parametrize("yes", ["yes", "sounds good", "ok"])
def test_a_bare_yes_to_two_options_asks_which_and_changes_nothing(shop, probe, yes):
    for first in ("switch to basic and give me the discount too", "what if I pause it?"):
        sub_id, ctx = _offer(shop, "care-plus", f"h2-{yes}-{len(first)}")
        say(shop, ctx, Turn("action_accept_offer", "affirm", 0.9, first))

        asked = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.95, yes))

        assert asked[0].response == "utter_which_one", (first, yes, asked)
        assert ("Cancel anyway", "/cancel_anyway") in asked[0].buttons
        assert _row(shop, sub_id) == ("active", None, None)
        assert probe.subscription(shop, sub_id) == ("active", "care-plus")
        again = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.95, yes))
        assert again[0].response == "utter_which_one"  # still asked, still nothing changed
        assert probe.subscription(shop, sub_id) == ("active", "care-plus")


def test_after_which_one_the_option_named_is_exactly_what_changes(shop, probe):
    sub_id, ctx = _offer(shop, "care-plus", "h2-pick")
    say(shop, ctx, Turn("action_accept_offer", "affirm", 0.9, "switch and a discount too"))
    say(shop, ctx, YES)

    done = say(shop, ctx, Turn("action_accept_offer", "ask_discount_code", 0.9, "the discount"))

    assert done[0].response == "utter_subscription_discounted", done
    assert _row(shop, sub_id) == ("active", None, 20)
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")  # no switch too


def test_pause_after_the_pause_terms_pauses_and_never_switches(shop, probe):
    sub_id, ctx = _offer(shop, "care-plus", "h2-terms")
    say(shop, ctx, Turn(PAUSE, "pause_subscription", 0.95, "what if I pause it?"))
    say(shop, ctx, Turn("action_accept_offer", "affirm", 0.95, "sounds good"))

    done = say(shop, ctx, Turn(PAUSE, "pause_subscription", 0.95, "pause it"))

    assert done[0].response == "utter_subscription_paused", done
    assert probe.subscription(shop, sub_id) == ("paused", "care-plus")


# --- H3 / H7: "cancel that", "never mind" to an open confirmation are a No ------------------

WITHDRAWALS = (
    ("action_cancel_subscription", "cancel_subscription", "cancel that"),
    ("action_decline_offer", "deny", "never mind"),
    ("action_default_fallback", "nlu_fallback", "forget it"),
    ("action_remove_item", "remove_item", "I don't want that"),
    ("action_decline_offer", "deny", "changed my mind"),
    ("action_default_fallback", "nlu_fallback", "scratch that"),
)


@pytest.mark.parametrize(("action", "intent", "text"), WITHDRAWALS)
def test_a_withdrawal_to_empty_my_cart_changes_nothing_and_never_cancels(
    shop, new_cart, probe, action, intent, text
):
    cart_id, token = new_cart(shop, "h7", lines=[("CF-MUG", 2), ("CA-TRIPOD", 1)])
    sub_id, _ = subscribe(shop, "care-plus", ref="h7")
    ctx = ChatContext("conv-h7", token)
    asked = say(shop, ctx, Turn("action_remove_item", "remove_item", 0.95, "empty my cart",
                                {"product": "everything"}))  # fmt: skip
    assert asked[0].params == {"action": "remove everything from your cart"}

    said = say(shop, ctx, Turn(action, intent, 0.9, text))

    assert [r.response for r in said] == ["utter_confirm_declined"], said
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2, "CA-TRIPOD": 1}
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert probe.offers(shop, "conv-h7") == []  # no retention offer: no cancel started
    late = say(shop, ctx, YES)  # the question is gone: a late "yes" empties nothing
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2, "CA-TRIPOD": 1}, late


@pytest.mark.parametrize(("action", "intent", "text"), WITHDRAWALS)
def test_a_withdrawal_to_a_plan_change_keeps_the_plan(shop, probe, action, intent, text):
    sub_id, token = subscribe(shop, "care-plus", ref="h3")
    ctx = ChatContext("conv-h3", token)
    say(shop, ctx, Turn("action_change_plan", "change_plan", 0.95, "switch me to care basic"))

    said = say(shop, ctx, Turn(action, intent, 0.9, text))

    assert [r.response for r in said] == ["utter_confirm_declined"], said
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert probe.offers(shop, "conv-h3") == []


def test_cancel_that_to_a_cancel_confirmation_is_asked_again(shop, probe):
    sub_id, token = subscribe(shop, "care-plus", ref="h3-cancel")
    ctx = ChatContext("conv-h3-cancel", token)
    # words that name no subscription: asked first ("cancel my plan" is clear words, F11)
    unsure = Turn("action_cancel_subscription", "cancel_subscription", 0.4, "cancel everything")
    say(shop, ctx, unsure)

    again = say(shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.9,
                                "cancel that"))  # fmt: skip
    kept = say(shop, ctx, Turn("action_decline_offer", "deny", 0.9, "never mind"))

    assert again[0].response == "utter_confirm_action", again
    assert kept[0].response == "utter_confirm_declined", kept
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


# --- C2: an answer that says both yes and no decides nothing ---------------------------------

MIXED = (
    ("action_accept_offer", "affirm", "no way, that's cheap! ok"),
    ("action_decline_offer", "deny", "no way, that's cheap! ok"),
    ("action_decline_offer", "deny", "yes... actually no"),
    ("action_accept_offer", "affirm", "no, actually yes"),
)


@pytest.mark.parametrize(("action", "intent", "text"), MIXED)
def test_yes_and_no_to_a_retention_offer_decides_nothing(shop, probe, action, intent, text):
    sub_id, ctx = _offer(shop, "care-plus", "c2")

    said = say(shop, ctx, Turn(action, intent, 0.9, text))

    assert said[0].response == "utter_offer_detail_retention_plan", said  # asked again
    assert ("Cancel anyway", "/cancel_anyway") in said[0].buttons
    assert _row(shop, sub_id) == ("active", None, None)
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert _events(probe, shop, ctx) == [("shown", "retention_plan")]


@pytest.mark.parametrize(("action", "intent", "text"), MIXED)
def test_yes_and_no_to_a_confirmation_asks_it_again(shop, probe, action, intent, text):
    sub_id, token = subscribe(shop, "care-plus", ref="c2-confirm")
    ctx = ChatContext("conv-c2-confirm", token)
    say(shop, ctx, Turn("action_change_plan", "change_plan", 0.95, "switch me to care basic"))

    said = say(shop, ctx, Turn(action, intent, 0.9, text))

    assert said[0].response == "utter_confirm_action", said
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    say(shop, ctx, YES)  # still pending: a clear yes now switches
    assert probe.subscription(shop, sub_id) == ("active", "care-basic")


# --- "maybe later" is recorded as later, never as a decline ---------------------------------


@pytest.mark.parametrize(
    ("action", "intent"),
    [("action_decline_offer", "deny"), ("action_accept_offer", "affirm"), (PAUSE, "goodbye")],
)
@pytest.mark.parametrize("text", ["maybe later", "not now", "later"])
def test_maybe_later_to_a_retention_offer_is_recorded_as_later(shop, probe, action, intent, text):
    FLOWS.setdefault("action_goodbye", lambda shop, ctx, t: [])
    sub_id, ctx = _offer(shop, "care-plus", "later")

    said = say(shop, ctx, Turn(action, intent, 0.8, text))

    assert said[0].response == "utter_subscription_kept", said
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert _events(probe, shop, ctx) == [("shown", "retention_plan"), ("later", "retention_plan")]


# --- two subscriptions: the picked one is carried past the plan change's "yes" ---------------


@pytest.mark.parametrize("other", ["care-basic", "care-premium"])
def test_a_switch_for_the_picked_one_of_two_subscriptions_completes_on_yes(shop, probe, other):
    plus_id, _ = subscribe(shop, "care-plus", ref="two")
    other_id, token = subscribe(shop, other, ref="two")
    ctx = ChatContext("conv-two", token)
    asked = say(shop, ctx, Turn("action_change_plan", "change_plan", 0.95,
                                "switch me to care basic"))  # fmt: skip
    assert asked[0].response == "utter_which_subscription", asked
    pick = dict(asked[0].buttons)["Care Plus"]

    confirm = say(shop, ctx, Turn("action_choose_option", "choose_option", 1.0, pick,
                                  {"product": "Care Plus"}))  # fmt: skip
    assert confirm[0].response == "utter_confirm_action", confirm
    assert probe.subscription(shop, plus_id) == ("active", "care-plus")
    done = say(shop, ctx, YES)

    assert done[0].response == "utter_subscription_switched", done
    assert probe.subscription(shop, plus_id) == ("active", "care-basic")
    assert probe.subscription(shop, other_id) == ("active", other)


# --- S7 kept: an upset shopper who clearly asks to cancel is cancelled at once --------------


def test_an_upset_shopper_who_asks_to_cancel_is_cancelled_at_once(shop, probe):
    sub_id, token = subscribe(shop, "care-plus", ref="s7")
    ctx = ChatContext("conv-s7", token, upset=True)

    said = say(shop, ctx, CANCEL)

    assert said[0].response == "utter_subscription_canceled", said
    assert probe.subscription(shop, sub_id) == ("canceled", "care-plus")


_ = DISCOUNT  # the discount policy is the shop's default here
