"""action_session_start: carry the shop token (from the first metadata) and the mood over."""

from __future__ import annotations

from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet

from actions.session import ActionSessionStart


def test_name_matches_the_domain():
    assert ActionSessionStart().name() == "action_session_start"


def test_token_from_session_started_metadata(make_tracker, run_action):
    tracker = make_tracker(
        intent="greet", slots={"session_started_metadata": {"token": "tok-1", "other": 1}}
    )

    messages, events = run_action(ActionSessionStart(), tracker)

    assert messages == []
    assert events == [
        SessionStarted(),
        SlotSet("shop_token", "tok-1"),
        ActionExecuted("action_listen"),
    ]


def test_no_token_means_no_slot_event(make_tracker, run_action):
    for metadata in (None, {}, {"page": "/cart"}, {"token": ""}):
        tracker = make_tracker(intent="greet", slots={"session_started_metadata": metadata})

        messages, events = run_action(ActionSessionStart(), tracker)

        assert messages == []
        assert events == [SessionStarted(), ActionExecuted("action_listen")], metadata


def test_token_and_upset_are_carried_over_to_a_new_session(make_tracker, run_action):
    tracker = make_tracker(intent="greet", slots={"shop_token": "tok-old", "customer_upset": True})

    messages, events = run_action(ActionSessionStart(), tracker)

    assert messages == []
    assert events == [
        SessionStarted(),
        SlotSet("shop_token", "tok-old"),
        SlotSet("customer_upset", True),
        ActionExecuted("action_listen"),
    ]


def test_new_metadata_token_wins_over_the_carried_one(make_tracker, run_action):
    tracker = make_tracker(
        intent="greet",
        slots={"shop_token": "tok-old", "session_started_metadata": {"token": "tok-new"}},
    )

    _, events = run_action(ActionSessionStart(), tracker)

    assert events == [
        SessionStarted(),
        SlotSet("shop_token", "tok-new"),
        ActionExecuted("action_listen"),
    ]


def test_a_calm_customer_is_not_marked(make_tracker, run_action):
    tracker = make_tracker(intent="greet", slots={"customer_upset": False})

    _, events = run_action(ActionSessionStart(), tracker)

    assert SlotSet("customer_upset", False) not in events
    assert events == [SessionStarted(), ActionExecuted("action_listen")]
