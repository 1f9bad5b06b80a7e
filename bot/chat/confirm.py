"""The pending yes/no confirmation ("Just to be sure: do you want me to …?"): stored and asked.

Every flow that asks before a change uses this one step; :mod:`bot.chat.dialogue` reads the
answer. It lives apart from the dialogue module because the flows it calls ask too.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from sqlalchemy.orm import Session

from bot.chat.replies import Reply
from bot.store.pending import PendingChoiceRepository, PendingQuestion

CONFIRM = "confirm"
"""The pending question's kind for a confirmation."""
PICKED_SUBSCRIPTION = "subscription_id"
CARRIED = frozenset({PICKED_SUBSCRIPTION})
"""What a confirmation may carry past its "yes" besides its payload: the subscription picked
from "Which subscription …?", so a plan change is never asked about twice (s25)."""
NO_PAYLOAD = "/deny"
"""The No button of a confirmation: a Yes button never carries it (a stored ``deny`` gets
``/affirm``), so pressing No can never carry out the request."""


def intent_payload(intent: str, entities: Mapping[str, str] | None = None) -> str:
    """Rasa's ``/intent{"entity": "value"}`` message form, as a button sends it."""
    return "/" + intent + (json.dumps(dict(entities)) if entities else "")


def ask_confirmation(
    session: Session,
    conversation_id: str,
    request: tuple[str, str, Mapping[str, str], str],
    summary: str,
    carried: Mapping[str, str] | None = None,
) -> Reply:
    """Store ``request`` as the pending confirmation and ask it back with Yes / No buttons.

    Args:
        session: The open transaction (the caller commits).
        conversation_id: The conversation.
        request: ``(action, intent, entities, text)``: what "yes" carries out, exactly.
        summary: What it would do, in words ("add 2 × mug").
        carried: Values the "yes" carries into the request but no button shows (the
            subscription picked from "Which subscription …?": :data:`CARRIED`).

    Returns:
        The ``utter_confirm_action`` reply; its Yes button carries the request's payload.
    """
    payload = keep_pending(session, conversation_id, request, summary, carried)
    yes_payload = "/affirm" if payload == NO_PAYLOAD else payload  # never the No button's
    buttons = (("Yes", yes_payload), ("No", NO_PAYLOAD))
    return Reply("utter_confirm_action", {"action": summary}, buttons)


def keep_pending(
    session: Session,
    conversation_id: str,
    request: tuple[str, str, Mapping[str, str], str],
    summary: str,
    carried: Mapping[str, str] | None = None,
) -> str:
    """Store ``request`` as the pending confirmation, for a question asked in other words.

    "shall I pause it for a month instead?" is such a question: a typed "yes" carries out
    ``request`` exactly as its button would, a "no" changes nothing.

    Returns:
        The request's ``/intent{entities}`` payload.
    """
    action, intent, entities, text = request
    payload = intent_payload(intent, entities)
    kept = tuple((key, str(value)) for key, value in (carried or {}).items() if key in CARRIED)
    options = ((action, payload), ("text", text), ("summary", summary), *kept)
    PendingChoiceRepository(session).ask(conversation_id, PendingQuestion(CONFIRM, options, intent))
    return payload


def ask_again(session: Session, conversation_id: str, question: PendingQuestion) -> Reply:
    """Keep a confirmation pending and ask it again ("hold on" decided nothing).

    Args:
        session: The open transaction (the caller commits).
        conversation_id: The conversation.
        question: The confirmation as it was stored (taken from the store this turn).
    """
    PendingChoiceRepository(session).ask(conversation_id, question)
    payload = question.options[0][1]
    summary = dict(question.options[1:]).get("summary") or "go ahead"
    yes_payload = "/affirm" if payload == NO_PAYLOAD else payload
    buttons = (("Yes", yes_payload), ("No", NO_PAYLOAD))
    return Reply("utter_confirm_action", {"action": summary}, buttons)


def carried_values(question: PendingQuestion) -> dict[str, str]:
    """The values a stored confirmation carries into its request (:data:`CARRIED`)."""
    return {key: value for key, value in question.options[1:] if key in CARRIED}


def carried_subscription(entities: object) -> int | None:
    """The subscription id a confirmed request carries (a tracker's entity list), if any."""
    for entity in entities if isinstance(entities, list) else []:
        if isinstance(entity, Mapping) and entity.get("entity") == PICKED_SUBSCRIPTION:
            value = str(entity.get("value") or "")
            return int(value) if value.isdigit() else None
    return None
