"""The buttons the bot showed in its last reply, read from the tracker's events."""

from __future__ import annotations

from collections.abc import Mapping

from rasa_sdk import Tracker

from bot.domain.buttons import is_shown


def shown_payloads(tracker: Tracker) -> list[str]:
    """Payloads of the buttons in the bot's messages since the shopper's previous message.

    The tracker's events end with the current user message; the bot messages between it and
    the user message before it are the last reply (one turn may utter several messages).
    """
    payloads: list[str] = []
    users_seen = 0
    for event in reversed(tracker.events or []):
        kind = event.get("event")
        if kind == "user":
            users_seen += 1
            if users_seen == 2:
                break
        elif kind == "bot" and users_seen == 1:
            for button in (event.get("data") or {}).get("buttons") or []:
                payload = button.get("payload") if isinstance(button, dict) else None
                if isinstance(payload, str):
                    payloads.append(payload)
    return payloads


def pressed_a_shown_button(tracker: Tracker, text: str) -> bool:
    """For a ``/intent{...}`` message: whether it is one of the last reply's buttons."""
    return not text.startswith("/") or is_shown(text, shown_payloads(tracker))


QUESTION_PRESS = "question_press"
"""Set on a latest message rebuilt from a question button's real payload (shown by id)."""


def pressed_tracker(
    tracker: Tracker, intent: str | None, entities: Mapping[str, str], text: str
) -> Tracker:
    """The tracker as if the open question's button had been pressed with its real payload.

    ``/affirm{"question_id":"42.1"}`` becomes, say, ``/remove_item{"product": "Mug"}``: the
    flows read that request's entities, and it counts as a button of the last reply.
    """
    return tracker_as_sent(tracker, intent, entities, text, QUESTION_PRESS)


def tracker_as_sent(
    tracker: Tracker, intent: str | None, entities: Mapping[str, str], text: str, mark: str
) -> Tracker:
    """The tracker as if ``text`` had come as ``intent`` with ``entities`` at confidence 1.0.

    ``mark`` (e.g. ``"confirmed"``, :data:`QUESTION_PRESS`) is set on the latest message so
    the flows know how it came; entities that name a slot fill it.
    """
    latest = dict(tracker.latest_message or {})
    latest["intent"] = {"name": intent, "confidence": 1.0}
    latest["entities"] = [{"entity": k, "value": v} for k, v in entities.items()]
    latest["text"] = text
    latest[mark] = True
    slots = {**tracker.slots, **{k: v for k, v in entities.items() if k in tracker.slots}}
    return Tracker(
        tracker.sender_id,
        slots,
        latest,
        tracker.events,
        False,
        None,
        tracker.active_loop,
        tracker.latest_action_name,
    )
