"""Question buttons name the question they answer: ``/affirm{"question_id":"42.1"}`` (issue 12).

A confirmation's Yes, a did-you-mean's options, a which-line pick: a bare payload
(``/affirm``, ``/remove_item``, ``/choose_option{"product": "Mug"}``) pressed on an old
question's card answered whatever was open by then (C5–C7: the cart emptied, an offer
accepted, a line removed). Every stored question therefore gets a store-given id that is
never reused, and each of its buttons carries ``"<question id>.<button number>"``; the real
payload stays in the store (:mod:`bot.chat.question_presses`). Offer buttons carry their
``offer_id`` instead (:mod:`bot.domain.offer_buttons`); a cancellation carries no id and
always works.

Pure helpers: build and read the payloads. ``/pause_subscription{"question_id":
"1234567890.99"}`` is 50 bytes, the most a payload may have here (Telegram allows 64).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from bot.domain.buttons import parse_payload
from bot.domain.offer_buttons import OFFER_ENTITY

QUESTION_ENTITY = "question_id"
"""The entity a pressed question button carries (declared in ``domain.yml``)."""
MAX_PAYLOAD_BYTES = 50
"""The longest payload a question button may have (Telegram's ``callback_data``: 64)."""
MAX_ID_DIGITS = 10
"""Question ids longer than this are not ours (a crafted payload)."""
MAX_BUTTONS = 99
"""The most buttons one question numbers."""
ALWAYS_LIVE = frozenset({"cancel_subscription", "cancel_anyway"})
"""Intents whose buttons carry no id and always work: a cancellation is one tap away."""
ANSWERS = frozenset({"affirm", "deny", "choose_option"})
"""Intents that only answer what is open: while a question or offer is open, an id-less one
that was not on the last reply changes nothing (the question stays open). Other id-less
payloads keep the s20 rule: one naming a product is asked back first, one naming nothing
gets the expired-button reply (:mod:`bot.chat.dialogue`)."""
_REF = re.compile(r"^([0-9]{1,10})\.([0-9]{1,2})$")


def question_payload(intent: str, question_id: int, button: int) -> str | None:
    """The payload of a question's button: ``/affirm{"question_id":"42.1"}``.

    Args:
        intent: The intent of the button's real payload (it picks the same action).
        question_id: The question's store-given id.
        button: The button's number, from 1.

    Returns:
        The payload, or ``None`` when it cannot be one (out of bounds, over 50 bytes).
    """
    if question_id < 1 or len(str(question_id)) > MAX_ID_DIGITS or not 1 <= button <= MAX_BUTTONS:
        return None
    if not re.fullmatch(r"[A-Za-z0-9_]+", intent):
        return None
    body = json.dumps({QUESTION_ENTITY: f"{question_id}.{button}"}, separators=(",", ":"))
    payload = "/" + intent + body
    return payload if len(payload.encode()) <= MAX_PAYLOAD_BYTES else None


def question_ref(text: str | None) -> tuple[int, int] | None:
    """``(question id, button number)`` of a ``question_id`` entity's text, if it is one.

    Anything else (garbage, a negative, a huge or non-ASCII number, no button) is ``None``.
    """
    match = _REF.match(text.strip()) if isinstance(text, str) and text.isascii() else None
    if match is None:
        return None
    question_id, button = int(match.group(1)), int(match.group(2))
    if question_id < 1 or not 1 <= button <= MAX_BUTTONS:
        return None
    return question_id, button


def named_question(entities: Mapping[str, str]) -> str | None:
    """The ``question_id`` text a message's entities carry (``None``: not a question button)."""
    value = entities.get(QUESTION_ENTITY)
    return None if value is None else str(value)


def numbered(payload: str) -> bool:
    """Whether a reply's button is a question's: it gets the question's id when shown.

    Not an offer's (it names its offer), not one already numbered, not a cancellation.
    """
    parsed = parse_payload(payload)
    if parsed is None:
        return False
    intent, entities = parsed
    named = OFFER_ENTITY in entities or QUESTION_ENTITY in entities
    return not named and intent not in ALWAYS_LIVE
