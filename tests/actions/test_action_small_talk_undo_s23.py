"""Review s23: small talk between a cart change and "undo" keeps the change undoable.

"add 2 mugs" → "hi" (or "hello", "are you a bot?", "thanks") → "undo" takes the mugs back
out: the greeting closes what was open (F52) but is small talk for "undo" (S26 covered
"thanks"). A restart still forgets the change: "undo" never reaches past a fresh start.
"""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker

from actions.cart import ActionAddItem
from actions.common import started_anew
from actions.history import restarted
from actions.support import ActionUndo


def _action(name: str) -> dict:
    return {"event": "action", "name": name, "timestamp": None}


def _user(intent: str, text: str) -> dict:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}},
            "timestamp": None}  # fmt: skip


ADDED = [_action("action_listen"), _user("add_item", "add 2 mugs"),
         _action("action_add_item"), _action("action_listen")]  # fmt: skip
SMALL_TALK = {
    "hi": ("greet", "utter_greet"),
    "hello": ("greet", "utter_greet"),
    "are you a bot?": ("bot_challenge", "utter_iamabot"),
    "thanks": ("thank", "utter_you_are_welcome"),
}
RESTARTED = [*ADDED, _user("restart", "/restart"), _action("action_restart"),
             {"event": "restart"}, _action("action_session_start"),
             {"event": "session_started"}, _action("action_listen")]  # fmt: skip


def _then_undo(history: list[dict]) -> list[dict]:
    return [*history, _user("undo_change", "undo"), _action("action_extract_slots")]


def _said(text: str) -> list[dict]:
    intent, response = SMALL_TALK[text]
    return [*ADDED, _user(intent, text), _action(response), _action("action_listen")]


@pytest.mark.parametrize("text", list(SMALL_TALK))
def test_undo_after_small_talk_reverses_the_last_change(
    shop, cart, chat, cart_lines, make_tracker, run_action, text: str
) -> None:
    chat.run(ActionAddItem(), text="add 2 mugs", entities={"product": "mug", "quantity": "2"})
    assert cart_lines(cart) == {"CF-MUG": 2}

    tracker = make_tracker(intent="undo_change", text="undo", events=_then_undo(_said(text)),
                           metadata={"token": cart.token})  # fmt: skip
    messages, _ = run_action(ActionUndo(), tracker)

    assert [m["response"] for m in messages] == ["utter_undone"], messages
    assert cart_lines(cart) == {}


def test_undo_after_a_restart_reverses_nothing(
    shop, cart, chat, cart_lines, make_tracker, run_action
) -> None:
    chat.run(ActionAddItem(), text="add 2 mugs", entities={"product": "mug", "quantity": "2"})

    tracker = make_tracker(intent="undo_change", text="undo", events=_then_undo(RESTARTED),
                           metadata={"token": cart.token})  # fmt: skip
    messages, _ = run_action(ActionUndo(), tracker)

    assert [m["response"] for m in messages] == ["utter_nothing_to_undo"], messages
    assert cart_lines(cart) == {"CF-MUG": 2}


@pytest.mark.parametrize(
    ("events", "anew", "fresh_start"),
    [
        (_then_undo(_said("hi")), True, False),  # closes what was open, keeps "undo"
        (_then_undo(_said("are you a bot?")), False, False),
        (_then_undo(RESTARTED), True, True),
        (_then_undo(ADDED), False, False),
    ],
)
def test_a_greeting_is_no_restart(make_tracker, events, anew: bool, fresh_start: bool) -> None:
    tracker: Tracker = make_tracker(intent="undo_change", events=events)
    assert started_anew(tracker) is anew
    assert restarted(tracker) is fresh_start
