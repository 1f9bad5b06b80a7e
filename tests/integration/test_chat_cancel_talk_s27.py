"""Issue 12 (s27): talk about cancelling read by its clauses — F9, F57, F35, F1, F29, F4, F15.

Each message runs as the action server runs it (words first, then the dialogue and the
predicted action's flow; a confirmed request re-run confirmed), under every NLU reading the
model may plausibly give it: the rules read the words, not the intent. Every turn asserts
the subscription in the store: status, plan and pause end.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.chat import cart
from bot.chat.dialogue import Turn
from bot.chat.replies import ChatContext, Reply
from bot.domain.retention import CHEAPER_PLAN, PAUSE, RetentionPolicy
from bot.store.tables import PlanRow, SubscriptionRow
from tests.integration.test_chat_dialogue import subscribe
from tests.integration.test_chat_subscriptions_s23 import FLOWS_S23, say

FLOWS_S23.setdefault(
    "action_choose_option",
    lambda shop, ctx, t: cart.choose_option(shop, ctx, t.entities.get("product"), t.text),
)
READ_AS = {
    "cancel": ("action_cancel_subscription", "cancel_subscription", 0.92),
    "anyway": ("action_confirm_cancel", "cancel_anyway", 0.9),
    "pause": ("action_pause_subscription", "pause_subscription", 0.9),
    "plan": ("action_change_plan", "change_plan", 0.88),
    "deny": ("action_decline_offer", "deny", 0.9),
    "affirm": ("action_accept_offer", "affirm", 0.97),
    "detail": ("action_offer_detail", "ask_offer_detail", 0.85),
    "remove": ("action_remove_item", "remove_item", 0.86),
    "choose": ("action_choose_option", "choose_option", 0.9),
    "fallback": ("action_default_fallback", "nlu_fallback", 0.3),
}
ACTIVE_PLUS = ("active", "care-plus", None)


def turn(text: str, reading: str) -> Turn:
    action, intent, confidence = READ_AS[reading]
    return Turn(action, intent, confidence, text)


def state(shop, sub_id: int) -> tuple[str, str, str | None]:
    """``(status, plan code, paused until)`` of a subscription, from the store."""
    with shop.session_factory.begin() as session:
        row = session.get(SubscriptionRow, sub_id)
        assert row is not None
        plan = session.get(PlanRow, row.plan_id).code
        until = None if row.paused_until is None else f"{row.paused_until:%Y-%m-%d}"
        return row.status, plan, until


def holder(shop, ref: str, *plans: str) -> tuple[list[int], ChatContext]:
    """A customer holding ``plans`` (newest last) and their conversation."""
    ids, token = [], ""
    for plan in plans:
        sub_id, token = subscribe(shop, plan, ref=ref)
        ids.append(sub_id)
    return ids, ChatContext(f"conv-{ref}", token)


def names(replies: list[Reply]) -> list[str]:
    return [reply.response for reply in replies]


def ref(*parts: object) -> str:
    return "-".join(str(abs(hash(p)) % 10**8) if isinstance(p, str) else str(p) for p in parts)


# --- F9 / F57: a refused option is never carried out and never offered ----------------------

REFUSED_PAUSE = [
    "no pausing, just cancel my sub",
    "cancel without pausing",
    "dont pause it, cancel it",
    "cancel my membership pls, no pause",
    "i dont want to pause, just cancel my plan",
    "No pausing. Cancel it please",
    "cancel it, don't pause it",
    "cancel my sub no pause pls",
    "cancel it i dont want to pause",
    "cancel instead of pausing",
]


@pytest.mark.parametrize("text", REFUSED_PAUSE)
def test_a_cancel_refusing_the_pause_never_pauses_and_never_offers_it(shop, text):
    for n, reading in enumerate(("cancel", "pause", "deny", "fallback", "anyway")):
        (sub_id,), ctx = holder(shop, ref("f9", text, n), "care-basic")  # a pause comes first

        replies = say(shop, ctx, turn(text, reading))

        assert names(replies) == ["utter_offer_retention_discount"], (text, reading, replies)
        assert state(shop, sub_id) == ("active", "care-basic", None), (text, reading)


@pytest.mark.parametrize("text", REFUSED_PAUSE[:4])
def test_with_only_the_refused_option_allowed_it_is_cancelled_at_once(shop, text):
    only_pause = replace(shop, retention=RetentionPolicy(allowed=frozenset({PAUSE})))
    for n, reading in enumerate(("cancel", "pause", "deny")):
        (sub_id,), ctx = holder(only_pause, ref("f9-all", text, n), "care-plus")

        replies = say(only_pause, ctx, turn(text, reading))

        assert names(replies) == ["utter_subscription_canceled"], (text, reading, replies)
        assert state(only_pause, sub_id) == ("canceled", "care-plus", None)


REFUSED_SWITCH = [
    "no downgrade, just cancel",
    "cancel my sub, no downgrade",
    "dont switch me, just cancel my plan",
    "cancel it pls, i dont want a cheaper plan",
    "no care basic, cancel my care plus",
    "cancel without switching",
]


@pytest.mark.parametrize("text", REFUSED_SWITCH)
def test_a_cancel_refusing_the_switch_never_offers_it(shop, text):
    for n, reading in enumerate(("cancel", "plan", "deny", "fallback")):
        (sub_id,), ctx = holder(shop, ref("f57", text, n), "care-plus")

        replies = say(shop, ctx, turn(text, reading))

        assert names(replies) == ["utter_offer_retention_pause"], (text, reading, replies)
        assert state(shop, sub_id) == ACTIVE_PLUS, (text, reading)


@pytest.mark.parametrize(
    "text",
    [
        "no pause, no downgrade, just cancel",
        "no pausing and no switching, just cancel my sub",
        "cancel my plan, no pause no downgrade",
        "dont pause it, dont downgrade it, cancel it pls",
        "no offers, just cancel my membership",
    ],
)
def test_every_option_the_shop_would_offer_refused_cancels_at_once(shop, text):
    no_discount = replace(shop, retention=RetentionPolicy(allowed=frozenset({PAUSE, CHEAPER_PLAN})))
    for n, reading in enumerate(("cancel", "pause", "plan", "deny")):
        (sub_id,), ctx = holder(no_discount, ref("all", text, n), "care-plus")

        replies = say(no_discount, ctx, turn(text, reading))

        assert names(replies) == ["utter_subscription_canceled"], (text, reading, replies)
        assert state(no_discount, sub_id) == ("canceled", "care-plus", None)


def test_an_option_left_unrefused_is_the_one_honest_offer(shop):
    (sub_id,), ctx = holder(shop, "left", "care-plus")  # all three allowed: the discount is left

    replies = say(shop, ctx, turn("no pause, no downgrade, just cancel", "cancel"))

    assert names(replies) == ["utter_offer_retention_discount"]
    assert state(shop, sub_id) == ACTIVE_PLUS
    done = say(shop, ctx, turn("no, just cancel", "deny"))  # the second ask: at once
    assert names(done) == ["utter_subscription_canceled"]
    assert state(shop, sub_id) == ("canceled", "care-plus", None)


@pytest.mark.parametrize(
    "text", ["no pausing, just cancel", "cancel it, no pause", "dont pause, cancel my sub"]
)
def test_refusing_the_pause_during_a_switch_offer_cancels_and_never_pauses(shop, text):
    for n, reading in enumerate(("pause", "cancel", "deny")):
        (sub_id,), ctx = holder(shop, ref("open", text, n), "care-plus")
        offered = say(shop, ctx, turn("cancel my subscription", "cancel"))
        assert names(offered) == ["utter_offer_retention_plan"]
        assert state(shop, sub_id) == ACTIVE_PLUS

        replies = say(shop, ctx, turn(text, reading))

        assert names(replies) == ["utter_subscription_canceled"], (text, reading, replies)
        assert state(shop, sub_id) == ("canceled", "care-plus", None)


@pytest.mark.parametrize("text", ["no pausing", "i dont want to pause", "no pause pls"])
def test_a_pause_reading_that_only_refuses_the_pause_changes_nothing(shop, text):
    (sub_id,), ctx = holder(shop, ref("nopause", text), "care-plus")

    replies = say(shop, ctx, turn(text, "pause"))

    assert names(replies) == ["utter_confirm_declined"]
    assert state(shop, sub_id) == ACTIVE_PLUS


# --- F35: negation in an answer to "Which subscription?" excludes the named option ---------


def _asked_which(shop, key: str, *plans: str) -> tuple[list[int], ChatContext]:
    ids, ctx = holder(shop, key, *plans)
    asked = say(shop, ctx, turn("cancel my subscription", "cancel"))
    assert names(asked) == ["utter_which_subscription"]
    return ids, ctx


@pytest.mark.parametrize(
    ("text", "picked"),
    [
        ("not premium", "care-basic"),
        ("not the premium one", "care-basic"),
        ("not care premium pls", "care-basic"),
        ("no, not premium", "care-basic"),
        ("not the basic one", "care-premium"),
        ("not basic", "care-premium"),
        ("not the first one", "care-basic"),  # newest first: Care Premium is shown first
        ("not premium, the basic one", "care-basic"),
    ],
)
def test_not_premium_picks_the_other_one_and_nothing_changes(shop, text, picked):
    for n, reading in enumerate(("choose", "deny", "fallback", "cancel", "affirm")):
        (basic, premium), ctx = _asked_which(
            shop, ref("f35", text, n), "care-basic", "care-premium"
        )

        replies = say(shop, ctx, turn(text, reading))

        offered_for = "Care Basic" if picked == "care-basic" else "Care Premium"
        assert replies[0].response.startswith("utter_offer_retention"), (text, reading, replies)
        assert replies[0].params["current_plan"] == offered_for, (text, reading)
        assert state(shop, basic) == ("active", "care-basic", None)
        assert state(shop, premium) == ("active", "care-premium", None)


def test_with_three_held_not_premium_is_asked_again(shop):
    ids, ctx = _asked_which(shop, "three", "care-basic", "care-plus", "care-premium")

    replies = say(shop, ctx, turn("not premium", "choose"))

    assert names(replies) == ["utter_which_subscription"]
    assert [state(shop, i)[0] for i in ids] == ["active"] * 3
    picked = say(shop, ctx, turn("not premium, the plus one", "choose"))
    assert picked[0].params["current_plan"] == "Care Plus"
    assert [state(shop, i)[0] for i in ids] == ["active"] * 3


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("the other one", "utter_which_subscription"),
        ("the other one pls", "utter_which_subscription"),
        ("no, the other one", "utter_which_subscription"),
        ("neither", "utter_confirm_declined"),
        ("neither of them", "utter_confirm_declined"),
    ],
)
def test_the_other_one_or_neither_changes_nothing(shop, text, reply):
    (basic, premium), ctx = _asked_which(shop, ref("other", text), "care-basic", "care-premium")

    replies = say(shop, ctx, turn(text, "choose"))

    assert names(replies) == [reply], (text, replies)
    assert state(shop, basic) == ("active", "care-basic", None)
    assert state(shop, premium) == ("active", "care-premium", None)


# --- F1: "ok" after an answer during a retention offer acknowledges it ----------------------

CANCEL_QUESTIONS_IN_OFFER = [
    "can I cancel anytime?",
    "what happens if I cancel?",
    "do I lose my discount?",
    "can i cancel whenever",
    "what happens if i cancel my sub?",
    "is there a fee to cancel my membership?",
    "do i lose anything if i cancel pls?",
    "will i be charged if i cancel?",
    "what happens to my discount if i cancel",
    "would I lose anything?",
]
ACKS = ["ok", "fine", "alright", "okay", "ok thanks", "got it"]


@pytest.mark.parametrize("text", CANCEL_QUESTIONS_IN_OFFER)
def test_a_cancel_question_during_the_offer_is_answered_and_ok_changes_nothing(shop, probe, text):
    for n, reading in enumerate(("cancel", "detail", "fallback", "affirm")):
        (sub_id,), ctx = holder(shop, ref("f1", text, n), "care-plus")
        offered = say(shop, ctx, turn("cancel my subscription", "cancel"))
        assert names(offered) == ["utter_offer_retention_plan"]

        answered = say(shop, ctx, turn(text, reading))

        assert names(answered) == ["utter_cancel_terms_offer"], (text, reading, answered)
        assert answered[0].params["plan"] == "Care Plus"
        assert dict(answered[0].buttons)["Cancel anyway"] == "/cancel_anyway"
        assert state(shop, sub_id) == ACTIVE_PLUS, (text, reading)
        assert probe.offers(shop, ctx.conversation_id)[-1][0] == "shown"  # still open
        ack = ACKS[n % len(ACKS)]
        again = say(shop, ctx, turn(ack, "affirm"))
        assert names(again) == ["utter_offer_retention_plan"], (text, reading, again)
        assert state(shop, sub_id) == ACTIVE_PLUS, (text, reading, ack)
        assert probe.offers(shop, ctx.conversation_id)[-1][0] == "shown"
        again = say(shop, ctx, turn("fine", "affirm"))  # a second "fine": still only shown
        assert names(again) == ["utter_offer_retention_plan"]
        assert state(shop, sub_id) == ACTIVE_PLUS


def test_after_the_ok_the_offers_own_answers_still_work(shop):
    for n, (answer, reading, expected) in enumerate(
        (
            ("yes", "affirm", ("active", "care-basic", None)),
            ("cancel anyway", "anyway", ("canceled", "care-plus", None)),
            ("no, just cancel", "deny", ("canceled", "care-plus", None)),
        )
    ):
        (sub_id,), ctx = holder(shop, f"after-ok-{n}", "care-plus")
        say(shop, ctx, turn("cancel my subscription", "cancel"))
        say(shop, ctx, turn("can I cancel later?", "cancel"))
        say(shop, ctx, turn("ok", "affirm"))
        assert state(shop, sub_id) == ACTIVE_PLUS

        say(shop, ctx, turn(answer, reading))

        assert state(shop, sub_id) == expected, answer


def test_a_pause_offer_is_shown_again_after_ok(shop):
    (sub_id,), ctx = holder(shop, "pause-ok", "care-basic")
    assert names(say(shop, ctx, turn("cancel my plan", "cancel"))) == [
        "utter_offer_retention_pause"
    ]
    say(shop, ctx, turn("what if i cancel?", "cancel"))
    again = say(shop, ctx, turn("alright", "affirm"))
    assert names(again) == ["utter_offer_retention_pause"]
    assert state(shop, sub_id) == ("active", "care-basic", None)


# --- F29 / F15: a question about cancelling never cancels ------------------------------------

FRESH_QUESTIONS = [
    "how do I cancel my subscription?",
    "can i cancel whenever?",
    "how do I cancel?",
    "can I cancel later?",
    "is there a fee to cancel?",
    "what if I cancel?",
    "how do i cancel my sub",
    "how can i cancel my membership pls?",
    "whats the fee to cancel my plan",
    "is it free to cancel?",
    "what happens when i cancel",
    "can i cancel at any time?",
    "is cancelling free?",
    "how does cancelling work",
]


@pytest.mark.parametrize("text", FRESH_QUESTIONS)
def test_a_cancel_question_is_answered_and_the_ok_after_it_only_asks(shop, probe, text):
    for n, reading in enumerate(("cancel", "fallback", "anyway")):
        (sub_id,), ctx = holder(shop, ref("f29", text, n), "care-plus")

        answered = say(shop, ctx, turn(text, reading))

        assert names(answered) == ["utter_cancel_terms"], (text, reading, answered)
        assert state(shop, sub_id) == ACTIVE_PLUS
        assert probe.offers(shop, ctx.conversation_id) == []  # no cancel pending, no offer
        ok = say(shop, ctx, turn(ACKS[n], "affirm"))
        assert names(ok) == ["utter_confirm_action"], (text, reading, ok)
        assert ok[0].params["action"] == "cancel your Care Plus subscription"
        assert state(shop, sub_id) == ACTIVE_PLUS


def test_no_to_the_cancel_asked_after_ok_keeps_the_subscription(shop):
    (sub_id,), ctx = holder(shop, "f29-no", "care-plus")
    say(shop, ctx, turn("how do I cancel my subscription?", "cancel"))
    say(shop, ctx, turn("ok", "affirm"))

    replies = say(shop, ctx, turn("no", "deny"))

    assert names(replies) == ["utter_confirm_declined"]
    assert state(shop, sub_id) == ACTIVE_PLUS


def test_a_cancel_question_leaves_an_open_confirmation_open(shop):
    (sub_id,), ctx = holder(shop, "f15-open", "care-plus")
    say(shop, ctx, turn("how do I cancel?", "cancel"))
    asked = say(shop, ctx, turn("ok", "affirm"))
    assert names(asked) == ["utter_confirm_action"]

    answered = say(shop, ctx, turn("is there a fee to cancel?", "cancel"))

    assert names(answered) == ["utter_cancel_terms"]
    assert state(shop, sub_id) == ACTIVE_PLUS
    done = say(shop, ctx, turn("yes", "affirm"))  # the confirmation asked before is still open
    assert names(done) == ["utter_subscription_canceled"]
    assert state(shop, sub_id) == ("canceled", "care-plus", None)


def test_a_cancel_question_leaves_which_subscription_open(shop):
    (basic, premium), ctx = _asked_which(shop, "f15-which", "care-basic", "care-premium")

    answered = say(shop, ctx, turn("can I cancel later?", "cancel"))

    assert names(answered) == ["utter_cancel_terms"]
    assert answered[0].params["plan"] == "Care Premium and Care Basic"
    picked = say(shop, ctx, turn("the basic one", "choose"))
    assert picked[0].params["current_plan"] == "Care Basic"
    assert state(shop, basic) == ("active", "care-basic", None)
    assert state(shop, premium) == ("active", "care-premium", None)


@pytest.mark.parametrize(
    "text", ["can you cancel my subscription?", "cancel my subscription please", "can i cancel it"]
)
def test_a_cancel_request_worded_as_a_question_is_still_a_request(shop, text):
    (sub_id,), ctx = holder(shop, ref("req", text), "care-plus")

    replies = say(shop, ctx, turn(text, "cancel"))

    assert names(replies) == ["utter_offer_retention_plan"], text
    assert state(shop, sub_id) == ACTIVE_PLUS


# --- F4 / F3 / F45: the subscription refused or thrown out is its cancel request -------------

REFUSED_PLAN = [
    "i dont want care plus",
    "no care plus",
    "lose the care plus",
    "get rid of my care plus",
    "i don't want my subscription anymore",
    "i dont want my sub anymore",
    "ditch my membership pls",
    "I no longer want care plus",
    "get rid of the care plus plan",
    "i don’t need my plan any more",
]


@pytest.mark.parametrize("text", REFUSED_PLAN)
def test_the_held_plan_refused_is_its_cancel_request_never_a_cart_change(
    shop, new_cart, probe, text
):
    for n, reading in enumerate(("deny", "remove", "fallback", "cancel")):
        key = ref("f4", text, n)
        cart_id, token = new_cart(shop, customer_ref=key, lines=[("CF-MUG", 2)])
        sub_id, _ = subscribe(shop, "care-plus", ref=key)
        ctx = ChatContext(f"conv-{key}", token)

        replies = say(shop, ctx, turn(text, reading))

        assert names(replies) == ["utter_offer_retention_plan"], (text, reading, replies)
        assert state(shop, sub_id) == ACTIVE_PLUS
        assert probe.lines(shop, cart_id) == {"CF-MUG": 2}  # never a cart change
        done = say(shop, ctx, turn("cancel anyway", "anyway"))
        assert state(shop, sub_id) == ("canceled", "care-plus", None), done


def test_a_plan_not_held_refused_is_said_so(shop):
    (sub_id,), ctx = holder(shop, "f4-unheld", "care-basic")

    replies = say(shop, ctx, turn("i dont want care plus", "deny"))

    assert names(replies) == ["utter_plan_not_held"]
    assert state(shop, sub_id) == ("active", "care-basic", None)


def test_with_two_held_the_one_refused_is_the_one_cancelled(shop):
    (basic, premium), ctx = holder(shop, "f4-two", "care-basic", "care-premium")

    replies = say(shop, ctx, turn("get rid of my care premium", "remove"))

    assert replies[0].params["current_plan"] == "Care Premium"
    assert state(shop, premium) == ("active", "care-premium", None)
    say(shop, ctx, turn("cancel anyway", "anyway"))
    assert state(shop, premium) == ("canceled", "care-premium", None)
    assert state(shop, basic) == ("active", "care-basic", None)


@pytest.mark.parametrize(
    "text",
    [
        "i dont want to cancel my plan",
        "no care plus, switch me to basic",
        "lose the mugs",
        "i dont want the mugs",
    ],
)
def test_other_refusals_are_no_cancel(shop, new_cart, text):
    cart_id, token = new_cart(shop, customer_ref=ref("x", text), lines=[("CF-MUG", 2)])
    sub_id, _ = subscribe(shop, "care-plus", ref=ref("x", text))
    ctx = ChatContext(f"conv-{ref('x', text)}", token)

    replies = say(shop, ctx, turn(text, "deny"))

    assert not any(r.response.startswith("utter_offer_retention") for r in replies), replies
    assert state(shop, sub_id) == ACTIVE_PLUS


@pytest.mark.parametrize(
    "question", ["how much is that?", "what's the difference?", "how much is basic?"]
)
def test_ok_after_a_price_answer_during_the_offer_shows_it_again(shop, question):
    for n, ack in enumerate(("ok", "fine", "alright")):
        (sub_id,), ctx = holder(shop, ref("detail", question, n), "care-plus")
        say(shop, ctx, turn("cancel my subscription", "cancel"))
        detail = say(shop, ctx, turn(question, "detail"))
        assert names(detail) == ["utter_offer_detail_retention_plan"], detail
        assert state(shop, sub_id) == ACTIVE_PLUS

        again = say(shop, ctx, turn(ack, "affirm"))

        assert names(again) == ["utter_offer_retention_plan"], (question, ack, again)
        assert state(shop, sub_id) == ACTIVE_PLUS
        taken = say(shop, ctx, turn("yes", "affirm"))
        assert names(taken) == ["utter_subscription_switched"]
        assert state(shop, sub_id) == ("active", "care-basic", None)


@pytest.mark.parametrize(
    "text",
    [
        "switch me to basic instead of pausing",
        "no pause, switch me to care basic",
        "i dont want to pause, move me to the basic plan pls",
        "rather than pausing, downgrade me to basic",
    ],
)
def test_a_pause_reading_that_refuses_the_pause_is_the_switch_asked_first(shop, text):
    (sub_id,), ctx = holder(shop, ref("sw", text), "care-plus")

    replies = say(shop, ctx, turn(text, "pause"))

    assert names(replies) == ["utter_confirm_action"], (text, replies)
    assert replies[0].params["action"].startswith("switch you from Care Plus"), replies
    assert state(shop, sub_id) == ACTIVE_PLUS
    say(shop, ctx, turn("yes", "affirm"))
    assert state(shop, sub_id) == ("active", "care-basic", None)


@pytest.mark.parametrize("text", ["pause it, dont switch me", "no downgrade, pause my sub pls"])
def test_a_plan_change_reading_that_refuses_the_switch_never_switches(shop, text):
    (sub_id,), ctx = holder(shop, ref("ps", text), "care-plus")

    replies = say(shop, ctx, turn(text, "plan"))

    assert names(replies) == ["utter_confirm_action"], (text, replies)
    assert replies[0].params["action"].startswith("pause your"), replies
    assert state(shop, sub_id) == ACTIVE_PLUS


# --- F35 for the retention pick-one question ("a discount or switching to Care Basic?") ------


def _pick_one(shop, key: str) -> tuple[int, ChatContext]:
    (sub_id,), ctx = holder(shop, key, "care-plus")
    say(shop, ctx, turn("cancel my subscription", "cancel"))
    asked = say(shop, ctx, turn("switch to basic and give me the discount too", "plan"))
    assert names(asked) == ["utter_retention_pick_one"], asked
    assert state(shop, sub_id) == ACTIVE_PLUS
    return sub_id, ctx


@pytest.mark.parametrize(
    ("text", "then"),
    [
        ("not the discount", ("active", "care-basic", None)),
        ("no discount", ("active", "care-basic", None)),
        ("not the discount pls", ("active", "care-basic", None)),
        ("not the switch", ("active", "care-plus", None)),
        ("i dont want to switch", ("active", "care-plus", None)),
        ("not basic", ("active", "care-plus", None)),
    ],
)
def test_refusing_one_of_two_options_asks_the_other_and_never_cancels(shop, text, then):
    for n, reading in enumerate(("deny", "choose", "fallback", "affirm")):
        sub_id, ctx = _pick_one(shop, ref("pick", text, n))

        replies = say(shop, ctx, turn(text, reading))

        assert names(replies) == ["utter_confirm_action"], (text, reading, replies)
        assert state(shop, sub_id) == ACTIVE_PLUS, (text, reading)
        say(shop, ctx, turn("yes", "affirm"))
        status, plan, _ = state(shop, sub_id)
        assert (status, plan) == then[:2], (text, reading)


@pytest.mark.parametrize(
    "text", ["the other one", "neither", "neither of them", "the other one pls"]
)
def test_the_other_one_or_neither_to_two_options_asks_again(shop, text):
    for n, reading in enumerate(("deny", "choose", "fallback")):
        sub_id, ctx = _pick_one(shop, ref("pick-other", text, n))

        replies = say(shop, ctx, turn(text, reading))

        assert names(replies) == ["utter_which_one"], (text, reading, replies)
        assert state(shop, sub_id) == ACTIVE_PLUS


@pytest.mark.parametrize("plan", ["care-plus", "care-basic"])  # a switch offer, a pause offer
@pytest.mark.parametrize("text", ["no pausing", "i dont want to pause", "no pause pls"])
def test_refusing_the_pause_during_an_offer_never_pauses(shop, probe, plan, text):
    (sub_id,), ctx = holder(shop, ref("offer-nopause", text, plan), plan)
    offered = say(shop, ctx, turn("cancel my subscription", "cancel"))

    replies = say(shop, ctx, turn(text, "pause"))

    assert names(replies) == names(offered), (text, replies)  # the offer again, still open
    assert state(shop, sub_id) == ("active", plan, None)
    assert probe.offers(shop, ctx.conversation_id)[-1][0] == "shown"


def test_switch_instead_of_pausing_during_the_offer_is_asked_first(shop):
    (sub_id,), ctx = holder(shop, "offer-switch", "care-plus")
    say(shop, ctx, turn("cancel my subscription", "cancel"))

    replies = say(shop, ctx, turn("switch me to basic instead of pausing", "pause"))

    assert names(replies) == ["utter_confirm_action"], replies
    assert "Care Basic" in replies[0].params["action"]
    assert state(shop, sub_id) == ACTIVE_PLUS
    say(shop, ctx, turn("yes", "affirm"))
    assert state(shop, sub_id) == ("active", "care-basic", None)
