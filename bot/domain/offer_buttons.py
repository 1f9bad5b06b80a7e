"""Offer buttons name the offer they answer: ``/affirm{"offer_id":"17"}`` (issue 12).

A bare ``/affirm`` pressed on an old offer's card after a newer offer was made would answer
the newer one (the wrong product added, the wrong offer declined). Every offer's Yes / No
button therefore carries the offer's id (the ``offer_events`` row of its ``shown`` event),
and the chat compares it with the open offer's (:mod:`bot.chat.offer_presses`). Typed
"yes" / "no" carry no id and answer the open offer as before.

The payload is Rasa's ``/intent{json}`` form, compact: ``/deny{"offer_id":"123456789012"}``
is 31 bytes, well within Telegram's 64-byte ``callback_data``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from bot.domain.models import OfferKind

OFFER_ENTITY = "offer_id"
"""The entity a pressed offer button carries (declared in ``domain.yml``)."""
YES, NO = "affirm", "deny"
"""The intents of an offer's two buttons."""
MAX_ID_DIGITS = 12
"""Ids longer than this are not ours (a crafted payload): they name no offer."""
TELEGRAM_CALLBACK_LIMIT = 64
"""Telegram's limit on a button's ``callback_data``, in bytes (the strictest channel)."""


def offer_payload(intent: str, offer_id: int) -> str:
    """The payload of an offer's button: ``/affirm{"offer_id":"17"}``.

    Args:
        intent: :data:`YES` or :data:`NO`.
        offer_id: The id of the offer's ``shown`` event.
    """
    return "/" + intent + json.dumps({OFFER_ENTITY: str(offer_id)}, separators=(",", ":"))


def yes_no(offer_id: int, yes_title: str, no_title: str) -> tuple[tuple[str, str], ...]:
    """An offer's two buttons, ``(title, payload)``, both naming the offer."""
    return ((yes_title, offer_payload(YES, offer_id)), (no_title, offer_payload(NO, offer_id)))


def named_offer(entities: Mapping[str, str]) -> str | None:
    """The offer id text a message's entities carry (``None``: not an offer button)."""
    value = entities.get(OFFER_ENTITY)
    return None if value is None else str(value).strip()


def offer_id_of(text: str) -> int | None:
    """The offer id in an ``offer_id`` entity's text; ``None`` when it cannot be one."""
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_ID_DIGITS:
        return None
    return int(text)


def cart_offer_buttons(kind: OfferKind, offer_id: int, name: str) -> tuple[tuple[str, str], ...]:
    """The Yes / No buttons of a cart offer (add-on, gap closer, upgrade, downsell).

    Args:
        kind: The offer's kind: a downsell's "no" removes the line, so it says so.
        offer_id: The offer's id.
        name: The offered product's name (a downsell's Yes button names it).
    """
    if kind is OfferKind.DOWNSELL:
        return yes_no(offer_id, f"Switch to {name}", "Just remove it")
    if kind.swaps_line:
        return yes_no(offer_id, "Yes, swap it", "No, keep mine")
    return yes_no(offer_id, "Yes, add it", "No thanks")
