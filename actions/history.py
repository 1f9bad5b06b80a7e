"""What the tracker's history says about the turn: a fresh start, or small talk in between.

Read by every flow action (``actions.common.FlowAction.run``) before the message is handled:
an offer or question left open by this server's last action is closed when the
conversation restarted, began a session or greeted (:func:`started_anew`), or when the
previous message got only a plain response (:func:`answered_elsewhere`).
"""

from __future__ import annotations

from rasa_sdk import Tracker

FRESH_START_EVENTS = frozenset({"restart", "session_started"})
FRESH_START_RESPONSES = frozenset({"utter_greet"})
"""What makes an offer shown before it stale: a restart, a new session, a greeting."""
RASA_ACTIONS = frozenset(
    {
        "action_listen",
        "action_extract_slots",
        "action_session_start",
        "action_restart",
        "action_unlikely_intent",
        "action_default_fallback",
        "action_core_fallback",  # ours (actions/support.py), standing in for the one above
        "action_deactivate_loop",
        "action_revert_fallback_events",
        "action_back",
    }
)
"""Rasa's own actions: they never show an offer."""


def started_anew(tracker: Tracker) -> bool:
    """Whether the conversation restarted, began a session or greeted since our last action.

    Walks the events back from the latest message: a restart, a ``session_started`` or the
    greeting response before any of this server's actions means whatever offer or question
    that action left open is no longer what the shopper is looking at (F52).
    """
    return _since_our_last_action(tracker, FRESH_START_RESPONSES)


def restarted(tracker: Tracker) -> bool:
    """Whether the conversation restarted or began a session since our last action.

    Unlike :func:`started_anew`, a greeting does not count: "hi" in the middle of a
    conversation is small talk, so "undo" after it still reverses the last cart change
    (issue 12 (b)); the open offer is closed all the same.
    """
    return _since_our_last_action(tracker, frozenset())


def _since_our_last_action(tracker: Tracker, responses: frozenset[str]) -> bool:
    """A fresh-start event, or one of ``responses``, after this server's last action."""
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind in FRESH_START_EVENTS:
            return True
        if kind != "action":
            continue
        name = str(event.get("name") or "")
        if name in responses:
            return True
        if name.startswith("action_") and name not in RASA_ACTIONS:
            return False
    return False


def answered_elsewhere(tracker: Tracker) -> bool:
    """Whether the shopper's previous message got only a plain response ("You're welcome!").

    The shopper moved on from whatever this server's last action left open: an offer or
    question is then closed before this message is read, so a late "no" answers nothing
    (s19 review G24, see ``bot.chat.stale_offers``).
    """
    seen_current = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            if seen_current:
                return True
            seen_current = True
            continue
        if kind in FRESH_START_EVENTS:
            return False
        name = str(event.get("name") or "")
        ours = name.startswith("action_") and name not in RASA_ACTIONS
        if seen_current and kind == "action" and ours:
            return False
    return False
