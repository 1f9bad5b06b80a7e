"""Review s21: subscription faults, each asserted in the replies and in the store.

* R16 — several live subscriptions and a request that names none: "Which subscription …?"
  (stored with its options), the next answer picks; nothing changes on a guess.
* A second pause while paused asks before moving the resume date.
* A pause whose date has passed is active again (status, cancel, pause, plan change, resume).
* "what if I pause it?" gets the pause's terms and changes nothing.
* "cancel my delivery" is asked back (subscription or order), never cancelled on a guess.

Turns are driven through ``handle`` as the action server would (a confirmed request re-runs
with ``confirmed``); the NLU readings are several plausible ones per message.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.chat import cancel, cart, pause_flow, selling
from bot.chat.dialogue import Turn, handle
from bot.chat.plan_change import change_plan
from bot.chat.replies import ChatContext, Reply
from bot.chat.subscription_choice import WHICH_SUBSCRIPTION
from bot.chat.unsupported import unsupported_request
from bot.services.subscriptions import create_subscription, get_subscription
from bot.store.pending import PendingChoiceRepository
from bot.store.tables import SubscriptionRow, utcnow

FLOWS = {
    "action_cancel_subscription": lambda shop, ctx, t: cancel.cancel_subscription(
        shop, ctx, t.text
    ),
    "action_confirm_cancel": lambda shop, ctx, t: cancel.confirm_cancel(shop, ctx),
    "action_pause_subscription": lambda shop, ctx, t: pause_flow.pause_subscription(
        shop, ctx, t.text, confirmed=t.confirmed
    ),
    "action_change_plan": lambda shop, ctx, t: change_plan(shop, ctx, t.text, t.confirmed),
    "action_choose_option": lambda shop, ctx, t: cart.choose_option(shop, ctx, None, t.text),
    "action_accept_offer": lambda shop, ctx, t: selling.accept_offer(shop, ctx),
    "action_decline_offer": lambda shop, ctx, t: selling.decline_offer(shop, ctx),
    "action_offer_detail": lambda shop, ctx, t: selling.offer_detail(shop, ctx),
    "action_checkout": lambda shop, ctx, t: cart.checkout(shop, ctx),
    "action_unsupported_request": lambda shop, ctx, t: unsupported_request(t.intent),
}
CANCEL = ("action_cancel_subscription", "cancel_subscription")
PAUSE = ("action_pause_subscription", "pause_subscription")
CHANGE = ("action_change_plan", "change_plan")
PICK = ("action_choose_option", "choose_option")
YES = ("action_accept_offer", "affirm")
NO = ("action_decline_offer", "deny")


def say(shop, ctx: ChatContext, how: tuple[str, str], text: str, **entities: str) -> list[Reply]:
    """One message under ``how`` = (action, intent), at a confident 0.95."""
    return _run(shop, ctx, Turn(how[0], how[1], 0.95, text, entities))


def _run(shop, ctx: ChatContext, turn: Turn) -> list[Reply]:
    def rerun(action: str, intent: str, entities, text: str) -> list[Reply]:
        return _run(shop, ctx, Turn(action, intent, 1.0, text, entities, confirmed=True))

    return handle(shop, ctx, turn, lambda c: FLOWS[turn.action](shop, c, turn), rerun)


def two_subscriptions(shop, ref: str) -> tuple[dict[str, int], ChatContext, str]:
    """Care Plus, then Care Premium, for one customer: ({plan: id}, ctx, token)."""
    plus, _ = create_subscription(shop, ref, "care-plus")
    premium, token = create_subscription(shop, ref, "care-premium")
    ids = {"care-plus": plus.subscription_id, "care-premium": premium.subscription_id}
    return ids, ChatContext(f"conv-{ref}", token), token


def one_subscription(shop, ref: str) -> tuple[int, ChatContext, str]:
    view, token = create_subscription(shop, ref, "care-plus")
    return view.subscription_id, ChatContext(f"conv-{ref}", token), token


def states(shop, ids: dict[str, int]) -> dict[str, tuple[str, str]]:
    """``{plan it started on: (stored status, plan code now)}``."""
    with shop.session_factory.begin() as session:
        rows = {code: session.get(SubscriptionRow, sub_id) for code, sub_id in ids.items()}
        return {code: (row.status, row.plan_id) for code, row in rows.items()}


def _pending(shop, conversation: str):
    with shop.session_factory.begin() as session:
        return PendingChoiceRepository(session).peek(conversation, timedelta(hours=1))


def _set_pause(shop, sub_id: int, days: int) -> None:
    """Paused until ``days`` from now (negative: a pause that has already ended)."""
    with shop.session_factory.begin() as session:
        row = session.get(SubscriptionRow, sub_id)
        row.status, row.paused_until = "paused", utcnow() + timedelta(days=days)


def _paused_until(shop, sub_id: int):
    with shop.session_factory.begin() as session:
        row = session.get(SubscriptionRow, sub_id)
        return row.status, None if row.paused_until is None else row.paused_until.date()


# --- R16: which subscription -----------------------------------------------------------------

KINDS = {
    "cancel_subscription": "cancel",
    "pause_subscription": "pause",
    "change_plan": "change_plan",
}
UNNAMED = (
    (CANCEL, "cancel my subscription", "cancel"),
    (PAUSE, "pause it", "pause"),
    (CHANGE, "switch me to the basic plan", "switch to Care Basic"),
)


@pytest.mark.parametrize(("how", "text", "action"), UNNAMED)
def test_an_unnamed_request_with_two_live_subscriptions_asks_which(shop, how, text, action) -> None:
    ids, ctx, _ = two_subscriptions(shop, f"r16-ask-{how[1]}")
    before = states(shop, ids)

    replies = say(shop, ctx, how, text)

    assert replies[0].response == "utter_which_subscription", replies
    assert replies[0].params["action"] == action
    assert "Care Premium ($14.99/month)" in replies[0].params["options"]
    assert [title for title, _ in replies[0].buttons] == ["Care Premium", "Care Plus"]
    assert states(shop, ids) == before  # nothing changed on a guess
    question = _pending(shop, ctx.conversation_id)
    assert question.question == WHICH_SUBSCRIPTION and question.detail == KINDS[how[1]]
    assert [label for _, label in question.options[:2]] == ["Care Premium", "Care Plus"]


@pytest.mark.parametrize(
    ("answer", "how", "picked"),
    (
        ("the second one", PICK, "care-plus"),
        ("plus please", CANCEL, "care-plus"),
        ("the Care Premium one", PICK, "care-premium"),
        ('/choose_option{"product": "Care Plus"}', PICK, "care-plus"),
        ("the first", NO, "care-premium"),  # an ordinal read as a "no" still picks
    ),
)
def test_the_answer_picks_and_only_that_subscription_is_cancelled(
    shop, answer, how, picked
) -> None:
    ids, ctx, token = two_subscriptions(shop, f"r16-pick-{abs(hash(answer))}")
    say(shop, ctx, CANCEL, "cancel my subscription")

    entities = {"product": "Care Plus"} if answer.startswith("/") else {}
    offer = say(shop, ctx, how, answer, **entities)

    assert offer[0].response.startswith("utter_offer_retention"), offer
    assert "current_plan" in offer[0].params
    done = say(shop, ctx, ("action_confirm_cancel", "cancel_anyway"), "cancel anyway")
    assert done[0].response == "utter_subscription_canceled_others", done
    other = next(code for code in ids if code != picked)
    assert get_subscription(shop, token, ids[picked]).status == "canceled"
    assert get_subscription(shop, token, ids[other]).status == "active"


def test_yes_or_hold_on_asks_again_and_no_changes_nothing(shop) -> None:
    ids, ctx, _ = two_subscriptions(shop, "r16-yes")
    before = states(shop, ids)
    say(shop, ctx, PAUSE, "pause it")

    for text in ("yes", "hold on"):
        again = say(shop, ctx, YES, text)
        assert again[0].response == "utter_which_subscription", (text, again)
        assert states(shop, ids) == before
    declined = say(shop, ctx, NO, "no")

    assert declined[0].response == "utter_confirm_declined"
    assert states(shop, ids) == before
    assert _pending(shop, ctx.conversation_id) is None


def test_a_picked_pause_pauses_that_subscription_for_the_length_asked(shop) -> None:
    ids, ctx, token = two_subscriptions(shop, "r16-pause")
    say(shop, ctx, PAUSE, "pause it for 2 weeks")

    replies = say(shop, ctx, PICK, "the second one")

    assert replies[0].response == "utter_subscription_paused", replies
    assert replies[0].params["duration"] == "2 weeks"
    end = (utcnow() + timedelta(days=14)).date()
    assert _paused_until(shop, ids["care-plus"]) == ("paused", end)
    assert get_subscription(shop, token, ids["care-premium"]).status == "active"


def test_a_picked_plan_change_is_confirmed_then_switches_only_that_one(shop) -> None:
    ids, ctx, token = two_subscriptions(shop, "r16-change")
    say(shop, ctx, CHANGE, "switch me to the basic plan")

    asked = say(shop, ctx, PICK, "premium")
    assert asked[0].response == "utter_confirm_action", asked
    assert "from Care Premium at $14.99/month to Care Basic" in asked[0].params["action"]
    assert get_subscription(shop, token, ids["care-premium"]).plan.code == "care-premium"
    done = say(shop, ctx, YES, "yes")

    assert done[0].response == "utter_subscription_switched", done
    assert get_subscription(shop, token, ids["care-premium"]).plan.code == "care-basic"
    assert get_subscription(shop, token, ids["care-plus"]).plan.code == "care-plus"


def test_a_named_subscription_needs_no_question(shop) -> None:
    ids, ctx, token = two_subscriptions(shop, "r16-named")

    offer = say(shop, ctx, CANCEL, "cancel my care plus subscription")

    assert offer[0].response.startswith("utter_offer_retention"), offer
    assert offer[0].params["current_plan"] == "Care Plus"


def test_a_different_request_drops_the_question(shop) -> None:
    ids, ctx, _ = two_subscriptions(shop, "r16-moved-on")
    say(shop, ctx, CANCEL, "cancel my subscription")

    say(shop, ctx, ("action_unsupported_request", "ask_returns"), "how do I return a mug?")

    assert _pending(shop, ctx.conversation_id) is None
    assert {s for s, _ in states(shop, ids).values()} == {"active"}


# --- a second pause asks before moving the resume date ---------------------------------------


@pytest.mark.parametrize("answer", ("no", "yes"))
def test_a_second_pause_asks_to_move_the_resume_date(shop, answer) -> None:
    sub_id, ctx, _ = one_subscription(shop, f"pause2-{answer}")
    _set_pause(shop, sub_id, 5)
    before = _paused_until(shop, sub_id)

    asked = say(shop, ctx, PAUSE, "pause it for 2 weeks")

    new_date = (utcnow() + timedelta(days=14)).date()
    assert asked[0].response == "utter_pause_already", asked
    assert asked[0].params["resume_date"] == f"{before[1]:%B %d}"
    assert asked[0].params["new_date"] == f"{new_date:%B %d}"
    assert _paused_until(shop, sub_id) == before  # never rewritten silently
    replies = say(shop, ctx, YES if answer == "yes" else NO, answer)

    if answer == "yes":
        assert replies[0].response == "utter_pause_moved", replies
        assert _paused_until(shop, sub_id) == ("paused", new_date)
    else:
        assert replies[0].response == "utter_confirm_declined", replies
        assert _paused_until(shop, sub_id) == before


# --- a pause whose date has passed is active again -------------------------------------------


def test_a_lapsed_pause_reads_active_in_status_and_the_api(shop) -> None:
    sub_id, ctx, token = one_subscription(shop, "lapsed-status")
    _set_pause(shop, sub_id, -2)

    replies = say(shop, ctx, ("action_checkout", "checkout"), "is my subscription active?")

    assert replies[0].response == "utter_subscription_status", replies
    assert replies[0].params["state"] == "active"
    view = get_subscription(shop, token, sub_id)
    assert (view.status, view.paused_until) == ("active", None)
    resume = say(shop, ctx, ("action_checkout", "checkout"), "resume my subscription")
    assert resume[0].response == "utter_subscription_not_paused", resume


def test_a_lapsed_pause_gets_the_retention_offer_and_a_new_pause(shop) -> None:
    sub_id, ctx, _ = one_subscription(shop, "lapsed-cancel")
    _set_pause(shop, sub_id, -1)

    offer = say(shop, ctx, CANCEL, "cancel my subscription")  # active: the offer comes first
    assert offer[0].response.startswith("utter_offer_retention"), offer

    sub_id, ctx, _ = one_subscription(shop, "lapsed-pause")
    _set_pause(shop, sub_id, -1)
    paused = say(shop, ctx, PAUSE, "pause it for 2 weeks")  # not "already paused"

    assert paused[0].response == "utter_subscription_paused", paused
    assert _paused_until(shop, sub_id) == ("paused", (utcnow() + timedelta(days=14)).date())


def test_a_plan_change_after_a_lapsed_pause_leaves_it_active(shop) -> None:
    sub_id, ctx, _ = one_subscription(shop, "lapsed-change")
    _set_pause(shop, sub_id, -1)

    say(shop, ctx, CHANGE, "switch me to the basic plan")
    done = say(shop, ctx, YES, "yes")

    assert done[0].response == "utter_subscription_switched", done
    assert _paused_until(shop, sub_id) == ("active", None)


def test_a_plan_change_during_a_running_pause_keeps_it_paused(shop) -> None:
    sub_id, ctx, _ = one_subscription(shop, "paused-change")
    _set_pause(shop, sub_id, 5)
    before = _paused_until(shop, sub_id)

    say(shop, ctx, CHANGE, "switch me to the basic plan")
    say(shop, ctx, YES, "yes")

    assert _paused_until(shop, sub_id) == before


# --- "what if I pause it?" -------------------------------------------------------------------

TERMS_READINGS = (PAUSE, ("action_offer_detail", "ask_offer_detail"), CANCEL)


@pytest.mark.parametrize("how", TERMS_READINGS)
@pytest.mark.parametrize("text", ("what if I pause it?", "what happens if I pause?"))
def test_what_if_i_pause_gets_the_terms_and_changes_nothing(shop, how, text) -> None:
    sub_id, ctx, _ = one_subscription(shop, f"terms-{how[1]}-{len(text)}")

    replies = say(shop, ctx, how, text)

    assert replies[0].response == "utter_pause_terms", replies
    end = (utcnow() + timedelta(days=30)).date()
    assert replies[0].params["duration"] == "a month"
    assert replies[0].params["resume_date"] == f"{end:%B %d}"
    assert replies[0].params["longest"] == "a month"
    assert "price" in replies[0].params and replies[0].params["price"] == "$9.99"
    assert _paused_until(shop, sub_id) == ("active", None)


def test_what_if_i_pause_during_a_retention_offer_keeps_the_offer(shop, probe) -> None:
    sub_id, ctx, _ = one_subscription(shop, "terms-offer")
    say(shop, ctx, CANCEL, "cancel my subscription")

    replies = say(shop, ctx, PAUSE, "what if I pause it?")

    assert replies[0].response == "utter_pause_terms", replies
    assert ("Cancel anyway", "/cancel_anyway") in replies[0].buttons
    assert _paused_until(shop, sub_id) == ("active", None)
    assert probe.offers(shop, ctx.conversation_id)[-1][0] == "shown"


# --- "cancel my delivery" --------------------------------------------------------------------

DELIVERY_READINGS = (CANCEL, ("action_checkout", "checkout"),
                     ("action_unsupported_request", "ask_order_status"))  # fmt: skip


@pytest.mark.parametrize("how", DELIVERY_READINGS)
def test_cancel_my_delivery_is_asked_back_never_cancelled_nor_totalled(shop, how) -> None:
    sub_id, ctx, token = one_subscription(shop, f"delivery-{how[1]}")

    replies = say(shop, ctx, how, "cancel my delivery")

    assert replies[0].response == "utter_ask_cancel_delivery_what", replies
    assert replies[0].params == {"plan": "Care Plus"}
    assert [t for t, _ in replies[0].buttons] == ["My Care Plus subscription", "An order"]
    assert get_subscription(shop, token, sub_id).status == "active"


def test_the_subscription_answer_starts_the_cancel_flow_and_an_order_is_honest(shop) -> None:
    sub_id, ctx, token = one_subscription(shop, "delivery-sub")
    say(shop, ctx, CANCEL, "cancel my delivery")
    offer = say(shop, ctx, PICK, "the subscription")
    assert offer[0].response.startswith("utter_offer_retention"), offer
    assert get_subscription(shop, token, sub_id).status == "active"

    sub_id, ctx, token = one_subscription(shop, "delivery-order")
    say(shop, ctx, CANCEL, "cancel my delivery")
    order = say(shop, ctx, PICK, '/choose_option{"product": "an order"}', product="an order")
    assert order[0].response == "utter_cancel_order_unsupported", order
    assert get_subscription(shop, token, sub_id).status == "active"


def test_cancel_my_delivery_without_a_subscription_is_an_order(shop, new_cart) -> None:
    _, token = new_cart(shop, lines=[("PH-ARIA-256", 1)])
    ctx = ChatContext("conv-delivery-none", token)

    replies = say(shop, ctx, ("action_checkout", "checkout"), "cancel my delivery")

    assert replies[0].response == "utter_cancel_order_unsupported", replies


def test_cancel_my_monthly_delivery_still_goes_to_the_subscription(shop) -> None:
    sub_id, ctx, _ = one_subscription(shop, "delivery-monthly")

    replies = say(shop, ctx, ("action_checkout", "checkout"), "cancel my monthly delivery")

    assert replies[0].response.startswith("utter_offer_retention"), replies


def test_an_answer_asking_for_another_change_is_a_new_request_not_a_pick(shop) -> None:
    ids, ctx, _ = two_subscriptions(shop, "r16-other")
    say(shop, ctx, PAUSE, "pause it")

    replies = say(shop, ctx, CANCEL, "actually cancel the plus one")

    assert replies[0].response.startswith("utter_offer_retention"), replies  # not a pause
    assert replies[0].params["current_plan"] == "Care Plus"
    assert {s for s, _ in states(shop, ids).values()} == {"active"}
    assert _pending(shop, ctx.conversation_id) is None


# --- resume and status with several subscriptions (the same kind of fault as R16) ------------

STATUS = ("action_checkout", "checkout")


def test_resume_with_one_of_two_paused_names_and_resumes_that_one(shop) -> None:
    ids, ctx, _ = two_subscriptions(shop, "r16-resume-one")
    _set_pause(shop, ids["care-plus"], 5)  # the older one; the newest (Premium) is active

    asked = say(shop, ctx, STATUS, "resume my subscription")

    assert asked[0].response == "utter_confirm_action", asked
    assert asked[0].params["action"].startswith("resume your Care Plus subscription now")
    assert _paused_until(shop, ids["care-plus"])[0] == "paused"
    done = say(shop, ctx, YES, "yes")
    assert done[0].response == "utter_subscription_resumed", done
    assert done[0].params["plan"] == "Care Plus"
    assert _paused_until(shop, ids["care-plus"]) == ("active", None)


def test_resume_with_two_paused_asks_which_and_resumes_only_the_pick(shop) -> None:
    ids, ctx, _ = two_subscriptions(shop, "r16-resume-two")
    for sub_id in ids.values():
        _set_pause(shop, sub_id, 5)

    asked = say(shop, ctx, STATUS, "unpause my subscription")
    assert asked[0].response == "utter_which_subscription", asked
    assert asked[0].params["action"] == "resume"
    confirm = say(shop, ctx, PICK, "plus")
    assert confirm[0].params["action"].startswith("resume your Care Plus subscription now")
    say(shop, ctx, YES, "yes")

    assert _paused_until(shop, ids["care-plus"]) == ("active", None)
    assert _paused_until(shop, ids["care-premium"])[0] == "paused"


def test_status_with_two_subscriptions_names_each(shop) -> None:
    ids, ctx, _ = two_subscriptions(shop, "r16-status")
    _set_pause(shop, ids["care-plus"], 5)

    replies = say(shop, ctx, STATUS, "is my subscription active?")

    said = {(r.params["plan"], r.params["state"].split(" until")[0]) for r in replies}
    assert said == {("Care Premium", "active"), ("Care Plus", "paused")}
