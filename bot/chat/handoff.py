"""A shopper asks for a person: an honest answer, and no more selling in this conversation.

The assistant has no live-agent desk to transfer to, so it never says a person will answer
in the chat: it gives the contact the shop configured (``SHOP_SUPPORT_CONTACT``, default
``support@example.com``), withdraws an open selling offer, and the conversation is muted for
unsolicited offers from then on — the same flag a complaint sets (``customer_upset``, read
into :class:`bot.domain.offers.ConversationState`). :func:`asked_for_person` finds the
request in the conversation's events, so the mute holds even on a turn whose action did not
set the flag (a model that still answers "human please" with a plain response).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy.orm import Session

from bot.chat.common import replies_on_error
from bot.chat.replies import ChatContext, Reply
from bot.domain.language.en_support import asks_for_person
from bot.domain.models import OfferKind
from bot.services.shop import Shop
from bot.store.offers import OfferRepository

PERSON_INTENTS = frozenset({"request_human"})
"""Intents that ask for a person: after one, no unsolicited offer for the conversation."""


def withdraw_selling_offer(session: Session, conversation_id: str) -> None:
    """Close an open add-on, upgrade or downsell offer; a retention offer stays open.

    The way out of a cancel is never taken away.
    """
    offers = OfferRepository(session)
    offer = offers.open_offer(conversation_id)
    if offer is not None and not OfferKind(offer.kind).is_retention:
        offers.resolve(offer, "superseded")


@replies_on_error
def handoff(shop: Shop, ctx: ChatContext) -> list[Reply]:
    """The honest handoff answer: where to reach a person; the cart stays as it is."""
    with shop.session_factory.begin() as session:
        withdraw_selling_offer(session, ctx.conversation_id)
    return [Reply("utter_handoff", {"contact": shop.support_contact})]


def asked_for_person(events: Iterable[Mapping[str, Any]]) -> bool:
    """Whether any shopper message of these tracker events asked for a person."""
    for event in events:
        if event.get("event") != "user":
            continue
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if intent in PERSON_INTENTS or asks_for_person(event.get("text")):
            return True
    return False
