"""Which delivery of a user message an action runs for (see :mod:`bot.chat.replays`)."""

from __future__ import annotations

from rasa_sdk import Tracker

from bot.chat.replays import Delivery

RASA_OWN = frozenset(
    {
        "action_listen",
        "action_extract_slots",
        "action_session_start",
        "action_restart",
        "action_default_fallback",
        "action_deactivate_loop",
        "action_back",
        "action_unlikely_intent",
        "action_two_stage_fallback",
        "action_default_ask_affirmation",
        "action_default_ask_rephrase",
        "action_revert_fallback_events",
    }
)
"""Rasa's own actions: they change nothing in the shop store."""


def delivery(tracker: Tracker) -> Delivery:
    """The latest message's delivery: what it asked, its turn, whether ours ran yet."""
    latest = tracker.latest_message or {}
    text = latest.get("text")
    intent = (latest.get("intent") or {}).get("name")
    entities = sorted(
        f"{e.get('entity')}={e.get('value')}"
        for e in latest.get("entities") or []
        if isinstance(e, dict)
    )
    said = text if isinstance(text, str) else ""
    request = "\n".join([said, f"/{intent}", *entities])
    turn, first = 0, True
    for event in tracker.events:
        kind = event.get("event")
        if kind == "user":
            turn, first = turn + 1, True
        elif kind == "action" and ours(str(event.get("name") or "")):
            first = False
    return Delivery(request=request, turn=turn, first=first)


def ours(name: str) -> bool:
    """Whether an action name is one of this server's actions (``action_*`` not Rasa's)."""
    return name.startswith("action_") and name not in RASA_OWN
