"""The core fallback runs on the action server: "I didn't get that", the message forgotten."""

from __future__ import annotations

from actions.support import ActionCoreFallback
from tests.actions.conftest import make_tracker, replies, run_action


def test_the_core_fallback_says_it_did_not_get_it_and_forgets_the_message() -> None:
    messages, events = run_action(ActionCoreFallback(), make_tracker(text="blorp", intent="greet"))

    assert replies(messages) == [("utter_default", {})]
    assert [event["event"] for event in events] == ["rewind"]
