"""Chat sessions: a conversation is bound to the cart and customer of its first valid token.

The tracker store keeps no bearer token. A web channel swaps the shopper's token for a
conversation-bound grant (:mod:`bot.channels.guard`); the action server re-checks it here,
binds the conversation in the shop store on first sight (so the binding survives Rasa
restarts and is shared by replicas) and serves each turn with a short-lived token minted in
memory. A later grant for another cart or customer is refused (:class:`SessionConflict`):
a conversation never mixes two carts.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from enum import Enum

from sqlalchemy.orm import Session

from bot.domain.errors import SessionConflict
from bot.services.shop import Shop
from bot.store.changes import CartChangeRepository
from bot.store.focus import FocusRepository
from bot.store.links import ChatSessionRepository, LinkRepository, as_utc
from bot.store.offers import OfferRepository
from bot.store.pending import PendingChoiceRepository
from bot.store.tables import utcnow
from bot.tokens import Claims, issue_token, verify_grant

SESSION_TOKEN_TTL_SECONDS = 600
"""Lifetime of the token a turn is served with (minted per turn, never stored)."""
ANY_AGE = timedelta(days=36500)


def _moment(unix: int) -> datetime:
    return datetime.fromtimestamp(unix, tz=timezone.utc)


def bind_conversation(shop: Shop, conversation_id: str, grant: str) -> Claims:
    """Check a grant and bind the conversation to its cart and customer (first grant wins).

    Args:
        shop: The shop.
        conversation_id: Rasa's sender id, which the grant must be signed for.
        grant: The ``shop_grant`` the channel put in the message's metadata.

    Returns:
        The grant's claims (a renewed token for the same cart extends the binding).

    Raises:
        InvalidToken: The grant is forged, for another conversation, or expired.
        SessionConflict: The conversation is bound to another cart or customer.
    """
    claims = verify_grant(shop.secret, conversation_id, grant)
    expires_at = _moment(claims.expires_at)
    with shop.session_factory.begin() as session:
        sessions = ChatSessionRepository(session)
        row = sessions.get(conversation_id, for_update=True)
        if row is None:
            sessions.add(conversation_id, claims.customer_id, claims.cart_id, expires_at)
        elif (row.customer_id, row.cart_id) != (claims.customer_id, claims.cart_id):
            raise SessionConflict("this conversation belongs to another cart")
        elif as_utc(row.expires_at) < expires_at:
            row.expires_at = expires_at
    return claims


def turn_token(shop: Shop, claims: Claims) -> str:
    """A short-lived token for a turn that carried a checked grant."""
    ttl = min(SESSION_TOKEN_TTL_SECONDS, max(1, claims.expires_at - int(utcnow().timestamp())))
    return issue_token(shop.secret, claims.customer_id, claims.cart_id, ttl_seconds=ttl)


def close_open_questions(shop: Shop, conversation_id: str, *, forget_change: bool = True) -> bool:
    """Close the conversation's open offer (as ``superseded``) and forget its pending question.

    Used when the conversation starts anew (``/restart``, a new session) or the shopper
    greets: the offer is no longer on the screen, so a later bare "no" must not answer it.
    The last cart change is forgotten too: "undo" never reaches back past a fresh start.

    Args:
        shop: The shop.
        conversation_id: The conversation (Rasa sender id).
        forget_change: Also forget the last cart change (a fresh start). ``False`` when the
            shopper only moved on with small talk ("thanks"): "undo" still reverses the last
            change then (s21 review S26).

    Returns:
        Whether anything was open.
    """
    with shop.session_factory.begin() as session:
        return close_in(session, conversation_id, forget_change)


def close_in(session: Session, conversation_id: str, forget_change: bool = True) -> bool:
    """:func:`close_open_questions` inside the caller's transaction."""
    offers = OfferRepository(session)
    offer = offers.open_offer(conversation_id)
    if offer is not None:
        offers.resolve(offer, "superseded")
    question = PendingChoiceRepository(session).take(conversation_id, ANY_AGE)
    if forget_change:
        CartChangeRepository(session).forget(conversation_id)  # no undo past a fresh start
    return offer is not None or question is not None


def hand_over(session: Session, conversation_id: str) -> None:
    """Reset what a web binding left on a sender id a messaging user has just linked (S20).

    A REST or socket.io client may have used a phone number or chat id as its sender id
    before its owner linked it: that binding goes, and so do its open offer, pending
    question, undo record and product in focus, so nothing of it answers or leaks into the
    linked user's conversation (inside the caller's transaction).
    """
    ChatSessionRepository(session).forget(conversation_id)
    close_in(session, conversation_id)
    FocusRepository(session).forget(conversation_id)


def linked_to_messaging(shop: Shop, conversation_id: str) -> bool:
    """Whether a messaging user of any channel is linked under this conversation id."""
    with shop.read_factory.begin() as session:
        return LinkRepository(session).linked_anywhere(conversation_id)


class WebTurnRefusal(Enum):
    """Why a web (REST or socket.io) message may not enter a conversation at all."""

    NO_ACCESS = "no_access"
    """No grant (or a forged one) for a conversation that is bound to a cart or linked."""
    CONFLICT = "conflict"
    """A grant for another cart or customer than the conversation's."""


def web_turn_refusal(
    shop: Shop, conversation_id: str, claims: Claims | None
) -> WebTurnRefusal | None:
    """Whether a web message may enter this conversation (G14): ``None`` when it may.

    A REST sender or socket.io session id is the client's choice, so knowing a shopper's id
    must not let anyone talk into their conversation: a message there is stored, answers the
    pending question, closes the open offer (a greeting) and moves the product in focus. A
    conversation bound to a cart therefore takes web messages only with a grant for that
    same cart and customer; the conversation of a linked messaging user (Telegram chat id,
    phone number) takes none, since its sender id was vouched for by the platform, not by
    a web client. An unbound, unlinked conversation holds no shopper's state and is open.

    Args:
        shop: The shop.
        conversation_id: Rasa's sender id.
        claims: The message's checked grant, or ``None`` when it carried none (or a bad one).
    """
    with shop.read_factory.begin() as session:
        if LinkRepository(session).linked_anywhere(conversation_id):
            return WebTurnRefusal.NO_ACCESS  # a messaging user's, whatever was bound before
        row = ChatSessionRepository(session).get(conversation_id)
        if row is not None:
            if claims is None:
                return WebTurnRefusal.NO_ACCESS
            if (row.customer_id, row.cart_id) != (claims.customer_id, claims.cart_id):
                return WebTurnRefusal.CONFLICT
            return None
    return None
