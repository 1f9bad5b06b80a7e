"""Button payloads (``/intent{"entity": "value"}``): which press answers which question.

A confirmation's Yes button carries the request it confirms (``/remove_item``); pressed
again later, after its question has closed, it must not act as a fresh command. The chat
compares a pressed payload with the buttons of the bot's last reply: only those are live.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

_PAYLOAD = re.compile(r"^/(?P<intent>[A-Za-z0-9_]+)(?P<body>\{.*\})?\s*$", re.DOTALL)


def parse_payload(payload: str) -> tuple[str, dict[str, Any]] | None:
    """``(intent, entities)`` of a ``/intent{...}`` payload; ``None`` when it is not one.

    Entity values are compared as text, as Rasa reads them ("2" and 2 are the same button).
    """
    match = _PAYLOAD.match(payload.strip())
    if match is None:
        return None
    body = match.group("body")
    try:
        entities = json.loads(body) if body else {}
    except ValueError:
        return None
    if not isinstance(entities, dict):
        return None
    return match.group("intent"), {str(k): str(v) for k, v in entities.items()}


def is_shown(pressed: str, shown: Iterable[str]) -> bool:
    """Whether the pressed payload is one of the ``shown`` buttons' payloads.

    Args:
        pressed: The message text, a ``/intent{...}`` payload.
        shown: The payloads of the buttons of the bot's last reply.
    """
    wanted = parse_payload(pressed)
    if wanted is None:
        return False
    return any(parse_payload(payload) == wanted for payload in shown)
