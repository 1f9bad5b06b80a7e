"""Issue 12 (s25): taking back a subscription change just made — asked first, exactly reversed.

Each turn runs as the action server runs it (words first, then the dialogue and the
predicted action's flow; a confirmed request re-run confirmed), under several NLU readings
(the rules read the words, not the intent). Every test asserts the replies and the store.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.chat import cart, selling
from bot.chat.dialogue import Turn
from bot.chat.replies import Reply
from bot.chat.undo import undo_last
from bot.domain.buttons import parse_payload
from bot.store.tables import CartChangeRow, SubscriptionRow, utcnow
from tests.integration.test_chat_subscriptions_s23 import FLOWS_S23, responses, say, shopper

FLOWS_S23.setdefault("action_undo", lambda shop, ctx, t: undo_last(
    shop, ctx, t.text, t.confirmed))  # fmt: skip
FLOWS_S23.setdefault("action_accept_offer", lambda shop, ctx, t: selling.accept_offer(shop, ctx))
FLOWS_S23.setdefault("action_decline_offer", lambda shop, ctx, t: selling.decline_offer(shop, ctx))
FLOWS_S23.setdefault("action_add_item", lambda shop, ctx, t: cart.add_item(
    shop, ctx, t.entities.get("product"), t.entities.get("quantity"), t.text))  # fmt: skip
FLOWS_S23.setdefault("action_default_fallback", lambda shop, ctx, t: [Reply("utter_default")])

YES = Turn("action_accept_offer", "affirm", 0.99, "yes")
NO = Turn("action_decline_offer", "deny", 0.99, "no")
READINGS = (
    ("action_undo", "undo_change", 0.9),
    ("action_decline_offer", "deny", 0.8),
    ("action_change_plan", "change_plan", 0.7),
    ("action_default_fallback", "nlu_fallback", 0.3),
)
"""The readings the model may give "changed my mind", "switch me back" and the like."""
BACK = (
    "undo",
    "changed my mind",
    "I've changed my mind",
    "swap it back",
    "switch me back",
    "actually I want my old plan back",
    "switch me back to Care Plus",
    "can you change it back please",
)
ASK_BACK = "switch your subscription back to Care Plus at $9.99/month"


def _row(shop, sub_id: int) -> tuple[str, int, bool]:
    """``(status, plan id, paused until set)``."""
    with shop.session_factory.begin() as session:
        row = session.get(SubscriptionRow, sub_id)
        return row.status, row.plan_id, row.paused_until is not None


def _switched(shop, probe, new_cart, ref: str):
    """Care Plus switched to Care Basic by the assistant: (cart id, subscription id, ctx)."""
    cart_id, sub_id, ctx = shopper(shop, new_cart, ref)
    switch = Turn("action_change_plan", "change_plan", 0.9, "switch me to care basic")
    asked = say(shop, ctx, switch)
    assert asked[0].response == "utter_confirm_action", asked
    done = say(shop, ctx, YES)
    assert done[0].response == "utter_subscription_switched", done
    assert probe.subscription(shop, sub_id) == ("active", "care-basic")
    return cart_id, sub_id, ctx


def _paused(shop, probe, new_cart, ref: str):
    cart_id, sub_id, ctx = shopper(shop, new_cart, ref)
    replies = say(shop, ctx, Turn("action_pause_subscription", "pause_subscription", 0.95,
                                  "pause my subscription for a month"))  # fmt: skip
    if replies[0].response == "utter_confirm_action":
        replies = say(shop, ctx, YES)
    assert replies[0].response == "utter_subscription_paused", replies
    assert probe.subscription(shop, sub_id) == ("paused", "care-plus")
    return cart_id, sub_id, ctx


@pytest.mark.parametrize("text", BACK)
def test_taking_back_a_plan_switch_asks_first_and_only_yes_switches_back(
    shop, probe, new_cart, text
):
    for n, (action, intent, confidence) in enumerate(READINGS):
        _, sub_id, ctx = _switched(shop, probe, new_cart, f"back-{abs(hash(text))}-{n}")

        asked = say(shop, ctx, Turn(action, intent, confidence, text))

        assert responses(asked) == ["utter_confirm_action"], (text, intent, asked)
        assert asked[0].params["action"] == ASK_BACK, asked
        assert dict(asked[0].buttons)["No"].split("{")[0] == "/deny"  # + its question id
        assert probe.subscription(shop, sub_id) == ("active", "care-basic")  # not before yes
        done = say(shop, ctx, YES)
        assert responses(done) == ["utter_subscription_switched"], (text, intent, done)
        assert done[0].params["plan"] == "Care Plus"
        assert probe.subscription(shop, sub_id) == ("active", "care-plus")


def test_no_to_switching_back_leaves_the_new_plan(shop, probe, new_cart):
    _, sub_id, ctx = _switched(shop, probe, new_cart, "back-no")
    say(shop, ctx, Turn("action_decline_offer", "deny", 0.8, "changed my mind"))

    said = say(shop, ctx, NO)

    assert responses(said) == ["utter_confirm_declined"], said
    assert probe.subscription(shop, sub_id) == ("active", "care-basic")


def test_the_yes_button_switches_back(shop, probe, new_cart):
    _, sub_id, ctx = _switched(shop, probe, new_cart, "back-button")
    asked = say(shop, ctx, Turn("action_default_fallback", "nlu_fallback", 0.3, "swap it back"))
    payload = dict(asked[0].buttons)["Yes"]
    intent, entities = parse_payload(payload)
    assert intent == "undo_change" and "question_id" in entities, payload

    said = say(shop, ctx, Turn("action_undo", intent, 1.0, payload, entities, button_shown=True))

    assert responses(said) == ["utter_subscription_switched"], said
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


@pytest.mark.parametrize(
    "text", ["unpause it", "undo", "changed my mind", "resume my subscription"]
)
def test_taking_back_a_pause_asks_to_resume_and_yes_resumes(shop, probe, new_cart, text):
    _, sub_id, ctx = _paused(shop, probe, new_cart, f"unpause-{abs(hash(text))}")

    asked = say(shop, ctx, Turn("action_default_fallback", "nlu_fallback", 0.4, text))

    assert responses(asked) == ["utter_confirm_action"], asked
    assert asked[0].params["action"] == "resume your Care Plus subscription now, at $9.99/month"
    assert probe.subscription(shop, sub_id) == ("paused", "care-plus")
    done = say(shop, ctx, YES)
    assert responses(done) == ["utter_subscription_resumed"], done
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert _row(shop, sub_id)[2] is False  # no pause date left


def test_a_cancellation_is_not_undone_and_the_shopper_is_told_how_to_resubscribe(
    shop, probe, new_cart
):
    _, sub_id, ctx = shopper(shop, new_cart, "undo-cancel")
    say(shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.99,
                        "cancel my subscription"))  # fmt: skip
    say(shop, ctx, Turn("action_confirm_cancel", "cancel_anyway", 0.99, "cancel anyway"))
    assert probe.subscription(shop, sub_id) == ("canceled", "care-plus")

    for text in ("changed my mind", "undo", "switch me back"):
        said = say(shop, ctx, Turn("action_default_fallback", "nlu_fallback", 0.4, text))
        assert responses(said) == ["utter_cancel_not_undone"], (text, said)
        assert said[0].params["plan"] == "Care Plus" and said[0].params["contact"]
        assert probe.subscription(shop, sub_id) == ("canceled", "care-plus")


def test_a_cart_change_after_the_switch_is_what_undo_reverses(shop, probe, new_cart):
    cart_id, sub_id, ctx = _switched(shop, probe, new_cart, "undo-cart-last")
    say(shop, ctx, Turn("action_add_item", "add_item", 0.99, "add a tripod", {"product": "tripod"}))
    before = probe.lines(shop, cart_id)

    said = say(shop, ctx, Turn("action_undo", "undo_change", 0.99, "undo"))

    assert responses(said) == ["utter_undone"], said
    assert probe.lines(shop, cart_id) != before and probe.lines(shop, cart_id) == {"CF-MUG": 2}
    assert probe.subscription(shop, sub_id) == ("active", "care-basic")


def test_a_switch_after_a_cart_change_is_what_undo_asks_about(shop, probe, new_cart):
    cart_id, sub_id, ctx = shopper(shop, new_cart, "undo-sub-last")
    say(shop, ctx, Turn("action_add_item", "add_item", 0.99, "add a tripod", {"product": "tripod"}))
    say(shop, ctx, Turn("action_change_plan", "change_plan", 0.9, "switch me to care basic"))
    say(shop, ctx, YES)
    lines = probe.lines(shop, cart_id)

    asked = say(shop, ctx, Turn("action_undo", "undo_change", 0.99, "undo that"))
    assert asked[0].params["action"] == ASK_BACK, asked
    say(shop, ctx, YES)

    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert probe.lines(shop, cart_id) == lines  # the cart stays as it is
    again = say(shop, ctx, Turn("action_undo", "undo_change", 0.99, "undo"))
    assert responses(again) == ["utter_nothing_to_undo"], again  # never twice
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


def test_a_subscription_changed_since_is_not_switched_back(shop, probe, new_cart):
    _, sub_id, ctx = _switched(shop, probe, new_cart, "undo-stale")
    say(shop, ctx, Turn("action_decline_offer", "deny", 0.8, "switch me back"))
    with shop.session_factory.begin() as session:
        session.get(SubscriptionRow, sub_id).status = "paused"  # another device paused it

    said = say(shop, ctx, YES)

    assert responses(said) == ["utter_subscription_undo_stale"], said
    assert said[0].params["reason"] == "your subscription has changed since"
    assert probe.subscription(shop, sub_id) == ("paused", "care-basic")


def test_an_old_change_is_not_taken_back(shop, probe, new_cart):
    _, sub_id, ctx = _switched(shop, probe, new_cart, "undo-old")
    with shop.session_factory.begin() as session:
        session.get(CartChangeRow, ctx.conversation_id).created_at = utcnow() - timedelta(hours=2)

    said = say(shop, ctx, Turn("action_undo", "undo_change", 0.99, "undo"))

    assert responses(said) == ["utter_subscription_undo_stale"], said
    assert "more than 30 minutes ago" in said[0].params["reason"]
    assert probe.subscription(shop, sub_id) == ("active", "care-basic")
    other = say(shop, ctx, Turn("action_default_fallback", "nlu_fallback", 0.3, "switch me back"))
    assert "utter_confirm_action" not in responses(other) or (
        other[0].params.get("action") != ASK_BACK
    ), other
    assert probe.subscription(shop, sub_id) == ("active", "care-basic")


def test_switch_me_back_without_a_change_in_this_chat_asks_nothing_about_undo(
    shop, probe, new_cart
):
    _, sub_id, ctx = shopper(shop, new_cart, "undo-none")

    said = say(shop, ctx, Turn("action_default_fallback", "nlu_fallback", 0.3, "switch me back"))

    assert all(r.params.get("action") != ASK_BACK for r in said), said
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


def test_naming_another_plan_after_a_switch_is_a_new_plan_change(shop, probe, new_cart):
    _, sub_id, ctx = _switched(shop, probe, new_cart, "undo-other-plan")

    asked = say(shop, ctx, Turn("action_change_plan", "change_plan", 0.9,
                                "actually switch me to care premium"))  # fmt: skip

    assert asked[0].params["action"].startswith("switch you from Care Basic"), asked
    assert "Care Premium" in asked[0].params["action"]
    assert probe.subscription(shop, sub_id) == ("active", "care-basic")


def test_unpause_after_a_plan_switch_does_not_switch_back(shop, probe, new_cart):
    _, sub_id, ctx = _switched(shop, probe, new_cart, "undo-unpause-switch")

    said = say(shop, ctx, Turn("action_default_fallback", "nlu_fallback", 0.3, "unpause it"))

    assert all(r.params.get("action") != ASK_BACK for r in said), said
    assert probe.subscription(shop, sub_id) == ("active", "care-basic")


def test_a_switch_accepted_from_a_retention_offer_can_be_taken_back(shop, probe, new_cart):
    _, sub_id, ctx = shopper(shop, new_cart, "undo-retention")
    offer = say(shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.99,
                                "cancel my subscription"))  # fmt: skip
    assert offer[0].response.startswith("utter_offer_retention"), offer
    say(shop, ctx, YES)
    assert probe.subscription(shop, sub_id) == ("active", "care-basic")

    asked = say(shop, ctx, Turn("action_decline_offer", "deny", 0.7, "changed my mind"))

    assert asked[0].params.get("action") == ASK_BACK, asked
    assert probe.subscription(shop, sub_id) == ("active", "care-basic")
    say(shop, ctx, YES)
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
