"""F52: an offer left open before ``/restart``, a new session or a greeting is closed.

After a restart and a fresh greeting the shopper no longer sees the retention offer, so a
bare "no" three turns later must not cancel the subscription.
"""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from sqlalchemy import select

from actions.cancel import ActionCancelSubscription
from actions.common import started_anew
from actions.session import ActionSessionStart
from actions.suggestions import ActionDeclineOffer
from bot.services.subscriptions import create_subscription, get_subscription
from bot.store.offers import OfferRepository
from bot.store.tables import OfferEventRow


def _action(name: str) -> dict:
    return {"event": "action", "name": name, "timestamp": None}


def _user(intent: str) -> dict:
    return {"event": "user", "text": intent, "parse_data": {"intent": {"name": intent}},
            "timestamp": None}  # fmt: skip


OFFERED = [_action("action_listen"), _user("cancel_subscription"),
           _action("action_cancel_subscription"), _action("action_listen")]  # fmt: skip
GREETED = [*OFFERED, _user("greet"), _action("utter_greet"), _action("action_listen")]
RESTARTED = [*OFFERED, _user("restart"), _action("action_restart"), {"event": "restart"},
             _action("action_session_start"), {"event": "session_started"},
             _action("action_listen")]  # fmt: skip
THANKED = [*OFFERED, _user("thank"), _action("utter_youre_welcome"), _action("action_listen")]


def _no(events: list[dict]) -> list[dict]:
    return [*events, _user("deny"), _action("action_extract_slots")]


@pytest.fixture
def plus_subscription(shop, cart):
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")
    return lambda: get_subscription(shop, token, view.subscription_id)


def _open_offer(shop, conversation_id: str = "conv-1"):
    with shop.session_factory() as session:
        return OfferRepository(session).open_offer(conversation_id)


@pytest.mark.parametrize(
    ("events", "anew"),
    [
        (_no(GREETED), True),
        (_no(RESTARTED), True),
        (_no(OFFERED), False),
        (_no(THANKED), False),  # another small-talk answer keeps the offer open
        (
            [
                *GREETED,
                _user("cancel_subscription"),
                _action("action_cancel_subscription"),
                _action("action_listen"),
                _user("deny"),
            ],
            False,
        ),  # fmt: skip
        ([_action("action_listen"), _user("greet")], False),
    ],
)
def test_started_anew(make_tracker, events: list[dict], anew: bool) -> None:
    tracker: Tracker = make_tracker(intent="deny", events=events)
    assert started_anew(tracker) is anew


@pytest.mark.parametrize("history", [GREETED, RESTARTED])
def test_no_after_a_greeting_or_restart_does_not_cancel(
    shop, cart, chat, plus_subscription, make_tracker, run_action, history
):
    chat.run(ActionCancelSubscription(), intent="cancel_subscription")
    assert _open_offer(shop) is not None

    tracker = make_tracker(intent="deny", text="no", events=_no(history),
                           metadata={"token": cart.token})  # fmt: skip
    run_action(ActionDeclineOffer(), tracker)

    assert plus_subscription().status == "active"
    assert _open_offer(shop) is None


def test_no_right_after_the_offer_still_cancels(
    shop, cart, chat, plus_subscription, make_tracker, run_action
):
    chat.run(ActionCancelSubscription(), intent="cancel_subscription")

    tracker = make_tracker(intent="deny", text="no", events=_no(OFFERED),
                           metadata={"token": cart.token})  # fmt: skip
    run_action(ActionDeclineOffer(), tracker)

    assert plus_subscription().status == "canceled"


def test_session_start_closes_the_open_offer(shop, chat, plus_subscription, make_tracker,
                                             run_action):  # fmt: skip
    chat.run(ActionCancelSubscription(), intent="cancel_subscription")
    offer = _open_offer(shop)
    assert offer is not None

    run_action(ActionSessionStart(), make_tracker(intent="greet"))

    assert _open_offer(shop) is None
    with shop.session_factory() as session:
        answers = session.scalars(
            select(OfferEventRow.event).where(OfferEventRow.offer_id == offer.id)
        )
        assert list(answers) == ["superseded"]
    assert plus_subscription().status == "active"
