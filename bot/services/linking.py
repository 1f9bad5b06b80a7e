"""Identity linking use cases: issue a link code, redeem it in a chat, resolve a chat's link."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.domain.errors import InvalidLinkCode, LinkLocked
from bot.domain.linking import (
    ATTEMPT_WINDOW,
    MAX_FAILED_ATTEMPTS,
    check_linkable,
    check_redeemable,
    code_hash,
    expiry,
    new_code,
    normalize_code,
)
from bot.services.access import claims_for_cart
from bot.services.cart import CartView, load_cart
from bot.services.chat_sessions import hand_over
from bot.services.shop import Shop
from bot.store.links import LinkAttemptRepository, LinkRepository, as_utc
from bot.store.tables import utcnow
from bot.tokens import issue_token

LINKED_TOKEN_TTL_SECONDS = 600
"""Lifetime of the token a linked chat user's message is served with (minted per message)."""


@dataclass(frozen=True)
class LinkCode:
    """A fresh link code and when it stops working."""

    code: str
    expires_at: datetime


@dataclass(frozen=True)
class Linked:
    """The cart a chat user is now linked to."""

    channel: str
    sender_id: str
    cart: CartView


def issue_link_code(shop: Shop, token: str | None, cart_id: int) -> LinkCode:
    """Issue a one-time code that links a messaging user to the token's cart.

    Args:
        shop: The shop.
        token: The cart token (as for every cart endpoint).
        cart_id: The cart to link; the token must grant it.

    Raises:
        InvalidToken: Missing, forged or expired token.
        Forbidden: The token grants another cart.
    """
    claims = claims_for_cart(shop.secret, token, cart_id)
    code = new_code(secrets.randbelow)
    expires_at = expiry(utcnow())
    with shop.session_factory.begin() as session:
        LinkRepository(session).add_code(
            code_hash(shop.secret, code), cart_id, claims.customer_id, expires_at
        )
    return LinkCode(code, expires_at)


def redeem_link_code(shop: Shop, channel: str | None, sender_id: str, text: str | None) -> Linked:
    """Link a messaging user to the cart of a code they typed (the code then stops working).

    Failed attempts are counted per sender and per code: after
    :data:`~bot.domain.linking.MAX_FAILED_ATTEMPTS` within
    :data:`~bot.domain.linking.ATTEMPT_WINDOW`, further codes from that sender (or for that
    code) are refused until the window has passed, even a right one.

    Args:
        shop: The shop.
        channel: The Rasa channel name the message came in on.
        sender_id: The platform's user (or chat) id, as Rasa's sender id.
        text: What the user typed (``"ABCD2345"``, ``"abcd-2345"``).

    Raises:
        LinkLocked: Too many failed attempts from this sender or for this code.
        InvalidLinkCode: Not a code, unknown, expired, used, or not a messaging channel.
    """
    linkable = check_linkable(channel)
    failure: InvalidLinkCode | None = None
    with shop.session_factory.begin() as session:
        attempts = LinkAttemptRepository(session)
        scopes = [f"sender:{linkable}:{sender_id}"]
        try:
            code = normalize_code(text)
            hashed = code_hash(shop.secret, code)
            scopes.append(f"code:{hashed}")
            now = utcnow()
            if any(attempts.recent(s, now - ATTEMPT_WINDOW) >= MAX_FAILED_ATTEMPTS for s in scopes):
                raise LinkLocked("too many link-code attempts; wait and try again")
            return _redeem(session, linkable, sender_id, hashed, now)
        except LinkLocked:
            raise
        except InvalidLinkCode as error:
            attempts.record(scopes)  # committed with this transaction, then re-raised
            failure = error
    raise failure


def _redeem(session: Session, channel: str, sender_id: str, hashed: str, now: datetime) -> Linked:
    """Use the code with this keyed hash and link the user (inside the caller's transaction)."""
    links = LinkRepository(session)
    row = links.code_by_hash(hashed, for_update=True)
    if row is None or not hmac.compare_digest(row.code_hash, hashed):
        raise InvalidLinkCode("unknown link code")
    check_redeemable(as_utc(row.expires_at), row.used_at, now)
    row.used_at = now
    links.set_link(channel, sender_id, row.cart_id, row.customer_id)
    hand_over(session, sender_id)  # nothing an earlier web binding left stays
    return Linked(channel, sender_id, load_cart(session, row.cart_id)[1])


def resolve_link(shop: Shop, channel: str | None, sender_id: str) -> str | None:
    """A short-lived cart token for a linked messaging user, or ``None`` when unlinked."""
    if not channel:
        return None
    with shop.read_factory.begin() as session:
        link = LinkRepository(session).link(channel, sender_id)
        if link is None:
            return None
        customer_id, cart_id = link.customer_id, link.cart_id
    return issue_token(shop.secret, customer_id, cart_id, ttl_seconds=LINKED_TOKEN_TTL_SECONDS)
