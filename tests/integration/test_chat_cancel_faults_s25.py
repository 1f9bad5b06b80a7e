"""Trial 14 (s25): plan questions, cancel wordings and follow-ups, asserted in the store.

* F2 — "what plan am i on?" under any reading is answered (plan, price, state), never a
  cancel confirmation; a "yes" after it cancels nothing.
* F10 — "hi i need to cancel my care premium" read as a plan change to the plan held is
  the cancel it says: the retention offer, then "cancel anyway" cancels.
* F11 — a cancel asked again in plain cancel words cancels, whatever the model's confidence.
* F24 — with two subscriptions, once one is cancelled, "could I pause instead" / "no just
  cancel" never act on the other one; naming it does.

Turns are driven through ``handle`` as the action server would, under several readings.
"""

from __future__ import annotations

import pytest

from bot.chat.by_text import run_turn
from bot.chat.dialogue import Turn, handle
from bot.chat.replies import ChatContext, Reply
from bot.services.subscriptions import create_subscription
from bot.store.tables import SubscriptionRow
from tests.integration.test_chat_subscriptions_s23 import FLOWS_S23

CANCEL = ("action_cancel_subscription", "cancel_subscription")
ANYWAY = ("action_confirm_cancel", "cancel_anyway")
PAUSE = ("action_pause_subscription", "pause_subscription")
CHANGE = ("action_change_plan", "change_plan")
YES = ("action_accept_offer", "affirm")
NO = ("action_decline_offer", "deny")
FALLBACK = ("action_default_fallback", "nlu_fallback")
FLOWS = {**FLOWS_S23, FALLBACK[0]: lambda shop, ctx, t: [Reply("utter_default")]}


def say(shop, ctx: ChatContext, how: tuple[str, str], text: str, confidence: float = 0.95):
    """One message under ``how`` = (action, intent); a confirmed request re-runs confirmed."""
    return _run(shop, ctx, Turn(how[0], how[1], confidence, text))


def _run(shop, ctx: ChatContext, turn: Turn) -> list[Reply]:
    def rerun(action: str, intent: str, entities, text: str) -> list[Reply]:
        return _run(shop, ctx, Turn(action, intent, 1.0, text, entities, confirmed=True))

    def flow(context: ChatContext) -> list[Reply]:
        return FLOWS[turn.action](shop, context, turn)

    return run_turn(shop, ctx, turn, lambda: handle(shop, ctx, turn, flow, rerun))


def status(shop, sub_id: int) -> str:
    with shop.session_factory.begin() as session:
        row = session.get(SubscriptionRow, sub_id)
        assert row is not None
        return row.status


def texts(replies: list[Reply]) -> list[str]:
    return [r.response for r in replies]


def one(shop, ref: str, plan: str = "care-plus") -> tuple[int, ChatContext]:
    view, token = create_subscription(shop, ref, plan)
    return view.subscription_id, ChatContext(f"conv-{ref}", token)


# --- F2: a question about the plan is answered, never a cancel ------------------------------

QUESTIONS = [
    "what plan am i on?",
    "whats my plan",
    "how much is my subscription?",
    "which plan do I have?",
    "what subscription am I on",
    "what is my plan called",
    "how much do i pay for my plan",
]


@pytest.mark.parametrize("text", QUESTIONS)
@pytest.mark.parametrize("how", [CANCEL, PAUSE, CHANGE, FALLBACK])
def test_a_plan_question_is_answered_and_yes_after_it_cancels_nothing(shop, text, how):
    sub_id, ctx = one(shop, f"f2-{abs(hash((text, how)))}")
    replies = say(shop, ctx, how, text, confidence=0.6)
    assert texts(replies) == ["utter_subscription_status"], replies
    assert replies[0].params["plan"] == "Care Plus"
    say(shop, ctx, YES, "yes")
    assert status(shop, sub_id) == "active"


def test_a_plan_question_during_a_retention_offer_is_answered_and_cancels_nothing(shop):
    sub_id, ctx = one(shop, "f2-retention")
    assert texts(say(shop, ctx, CANCEL, "cancel my subscription"))[0].startswith(
        "utter_offer_retention"
    )
    say(shop, ctx, NO, "hmm maybe later")
    replies = say(shop, ctx, CANCEL, "whats my plan")
    assert texts(replies) == ["utter_subscription_status"], replies
    assert status(shop, sub_id) == "active"


# --- F10: naming the held plan in a cancel is that subscription's cancel ---------------------


@pytest.mark.parametrize(
    "text",
    ["hi i need to cancel my care premium", "hello, cancel care premium please",
     "hey can you cancel my care premium"],
)  # fmt: skip
@pytest.mark.parametrize("how", [CHANGE, CANCEL, FALLBACK])
def test_a_cancel_naming_the_held_plan_brings_the_offer_and_cancel_anyway_cancels(shop, text, how):
    sub_id, ctx = one(shop, f"f10-{abs(hash((text, how)))}", "care-premium")
    replies = say(shop, ctx, how, text)
    assert "utter_plan_already" not in texts(replies), replies
    assert texts(replies)[0].startswith("utter_offer_retention"), replies
    assert status(shop, sub_id) == "active"
    say(shop, ctx, ANYWAY, "/cancel_anyway")
    assert status(shop, sub_id) == "canceled"


def test_a_plan_change_with_cancel_words_and_a_change_word_still_asks(shop):
    sub_id, ctx = one(shop, "f10-change", "care-premium")
    replies = say(shop, ctx, CHANGE, "instead of cancelling, switch me to care basic")
    assert "utter_offer_retention" not in " ".join(texts(replies))
    assert status(shop, sub_id) == "active"


# --- F11: asked again in cancel words, the cancel is done -----------------------------------


@pytest.mark.parametrize("confidence", [0.95, 0.5, 0.3])
@pytest.mark.parametrize("how", [CANCEL, ANYWAY])
@pytest.mark.parametrize(
    "again", ["please cancel care premium", "I'd like to cancel Care Premium please",
              "cancel my subscription"],
)  # fmt: skip
def test_a_second_clear_cancel_request_cancels_whatever_the_confidence(
    shop, confidence, how, again
):
    sub_id, ctx = one(shop, f"f11-{abs(hash((confidence, how, again)))}", "care-premium")
    assert texts(say(shop, ctx, CANCEL, "i need to cancel my care premium"))[0].startswith(
        "utter_offer_retention"
    )
    replies = say(shop, ctx, how, again, confidence=confidence)
    assert status(shop, sub_id) == "canceled", replies


@pytest.mark.parametrize("confidence", [0.5, 0.3])
def test_a_first_clear_cancel_at_low_confidence_brings_the_offer_not_a_double_check(
    shop, confidence
):
    sub_id, ctx = one(shop, f"f11-first-{confidence}", "care-premium")
    replies = say(shop, ctx, CANCEL, "hello, cancel my care premium please", confidence)
    assert texts(replies)[0].startswith("utter_offer_retention"), replies
    replies = say(shop, ctx, CANCEL, "hey can you cancel my care premium", confidence)
    assert status(shop, sub_id) == "canceled", replies


def test_a_clear_cancel_repeated_to_a_pending_just_to_be_sure_cancels(shop):
    sub_id, ctx = one(shop, "f11-pending", "care-premium")
    asked = say(shop, ctx, CANCEL, "stop it all", confidence=0.3)
    assert texts(asked) and status(shop, sub_id) == "active"
    say(shop, ctx, CANCEL, "cancel my care premium", confidence=0.4)
    say(shop, ctx, CANCEL, "cancel my care premium please", confidence=0.4)
    assert status(shop, sub_id) == "canceled"


@pytest.mark.parametrize("text", ["don't cancel my subscription", "should I cancel my plan?"])
def test_a_negated_or_wondering_cancel_never_cancels(shop, text):
    sub_id, ctx = one(shop, f"f11-neg-{abs(hash(text))}", "care-premium")
    say(shop, ctx, CANCEL, "cancel my subscription")
    say(shop, ctx, CANCEL, text, confidence=0.5)
    assert status(shop, sub_id) == "active"


# --- F24: a follow-up after a cancel stays with the subscription discussed --------------------


def two(shop, ref: str) -> tuple[dict[str, int], ChatContext]:
    basic, _ = create_subscription(shop, ref, "care-basic")
    premium, token = create_subscription(shop, ref, "care-premium")
    ids = {"basic": basic.subscription_id, "premium": premium.subscription_id}
    return ids, ChatContext(f"conv-{ref}", token)


def _cancel_premium(shop, ids, ctx) -> None:
    say(shop, ctx, CANCEL, "I'm really fed up, cancel my subscription")
    say(shop, ctx, CANCEL, "cancel care premium")
    if status(shop, ids["premium"]) != "canceled":
        say(shop, ctx, ANYWAY, "/cancel_anyway")
    assert status(shop, ids["premium"]) == "canceled"
    assert status(shop, ids["basic"]) == "active"


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ((PAUSE, "could I pause instead"), (CANCEL, "no just cancel")),
        ((PAUSE, "pause it instead"), (YES, "yes")),
        ((CANCEL, "no just cancel"), (YES, "yes")),
        ((CANCEL, "cancel it"), (ANYWAY, "/cancel_anyway")),
    ],
)
def test_after_a_cancel_a_follow_up_never_moves_to_the_other_subscription(shop, first, then):
    ids, ctx = two(shop, f"f24-{abs(hash((first, then)))}")
    _cancel_premium(shop, ids, ctx)
    replies = say(shop, ctx, *first)
    assert texts(replies)[0] == "utter_cancel_not_undone", replies
    assert replies[0].params["plan"] == "Care Premium"
    say(shop, ctx, *then)
    assert status(shop, ids["basic"]) == "active"


@pytest.mark.parametrize(
    ("how", "text", "after"),
    [(PAUSE, "pause care basic", "active"), (CANCEL, "cancel the other one too", "canceled"),
     (CANCEL, "cancel care basic too", "canceled")],
)  # fmt: skip
def test_after_a_cancel_naming_the_other_subscription_acts_on_it(shop, how, text, after):
    ids, ctx = two(shop, f"f24-named-{abs(hash(text))}")
    _cancel_premium(shop, ids, ctx)
    say(shop, ctx, how, text)
    say(shop, ctx, YES, "yes")
    say(shop, ctx, ANYWAY, "/cancel_anyway")
    if how == PAUSE:
        assert status(shop, ids["basic"]) == "paused"
    else:
        assert status(shop, ids["basic"]) == after


@pytest.mark.parametrize("again", ["just cancel it", "no just cancel", "i said cancel"])
@pytest.mark.parametrize("how", [CANCEL, ANYWAY])
def test_a_bare_cancel_during_the_offer_cancels_at_low_confidence(shop, again, how):
    sub_id, ctx = one(shop, f"f11-bare-{abs(hash((again, how)))}", "care-premium")
    say(shop, ctx, CANCEL, "cancel my care premium")
    replies = say(shop, ctx, how, again, confidence=0.4)
    assert status(shop, sub_id) == "canceled", replies


def test_cancel_the_mugs_to_a_pending_cancel_question_never_cancels_the_subscription(shop):
    sub_id, ctx = one(shop, "f11-mugs", "care-premium")
    say(shop, ctx, CANCEL, "stop it all", confidence=0.3)
    say(shop, ctx, CANCEL, "cancel the mugs", confidence=0.4)
    assert status(shop, sub_id) == "active"


@pytest.mark.parametrize("then", [(CANCEL, "no just cancel"), (YES, "yes")])
def test_with_two_subscriptions_pause_instead_during_the_offer_stays_with_the_one_discussed(
    shop, then
):
    ids, ctx = two(shop, f"f24-offer-{then[1]}")
    say(shop, ctx, CANCEL, "cancel care premium")
    say(shop, ctx, PAUSE, "could I pause instead")
    say(shop, ctx, *then)
    assert status(shop, ids["basic"]) == "active"
    assert status(shop, ids["premium"]) in {"canceled", "paused"}
