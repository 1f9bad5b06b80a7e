"""action_session_start: carry the mood over; never a token (the cart is bound in the store)."""

from __future__ import annotations

from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet

from actions.session import ActionSessionStart


def test_name_matches_the_domain():
    assert ActionSessionStart().name() == "action_session_start"


def test_a_token_in_session_metadata_is_not_put_in_a_slot(make_tracker, run_action):
    for metadata in (None, {}, {"page": "/cart"}, {"token": ""}, {"token": "tok-1", "other": 1}):
        tracker = make_tracker(intent="greet", slots={"session_started_metadata": metadata})

        messages, events = run_action(ActionSessionStart(), tracker)

        assert messages == []
        assert events == [SessionStarted(), ActionExecuted("action_listen")], metadata


def test_upset_is_carried_over_and_an_old_token_slot_cleared(make_tracker, run_action):
    tracker = make_tracker(intent="greet", slots={"shop_token": "tok-old", "customer_upset": True})

    messages, events = run_action(ActionSessionStart(), tracker)

    assert messages == []
    assert events == [
        SessionStarted(),
        SlotSet("shop_token", None),
        SlotSet("customer_upset", True),
        ActionExecuted("action_listen"),
    ]


def test_a_calm_customer_is_not_marked(make_tracker, run_action):
    tracker = make_tracker(intent="greet", slots={"customer_upset": False})

    _, events = run_action(ActionSessionStart(), tracker)

    assert SlotSet("customer_upset", False) not in events
    assert events == [SessionStarted(), ActionExecuted("action_listen")]
