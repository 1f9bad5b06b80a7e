"""Cart edits the chat shares: the cart of a turn, message keys, taking out, clearing.

Swaps are in :mod:`bot.chat.swaps`.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from sqlalchemy.orm import Session

from bot.chat.common import conversation_state, record_offer, replies_on_error
from bot.chat.replies import ChatContext, Reply, cart_params, offer_reply
from bot.domain.errors import NotFound
from bot.domain.language import ENGLISH
from bot.domain.models import OfferKind, Product
from bot.domain.offers import Moment, may_offer
from bot.domain.quantities import parse_quantity
from bot.services import experiments
from bot.services.access import claims_for_cart
from bot.services.cart import CartView, clear_lines, decrement_line, load_cart
from bot.services.recommend import addon_suggestions, gap_closer
from bot.services.shop import Shop
from bot.store.offers import OfferRepository
from bot.store.repositories import CartRepository
from bot.store.tables import CartRow


def open_cart(session: Session, shop: Shop, ctx: ChatContext) -> tuple[CartRow, CartView]:
    """Check the conversation's token and load (and lock) its cart."""
    claims = claims_for_cart(shop.secret, ctx.token)
    if claims.cart_id is None:
        raise NotFound("this conversation has no cart")
    return load_cart(session, claims.cart_id, lock=True)


def unsolicited_offer(
    session: Session,
    shop: Shop,
    ctx: ChatContext,
    view: CartView,
    moment: Moment,
    added: Product | None = None,
) -> list[Reply]:
    """One unsolicited offer when the moment and the selling rules allow it, else nothing.

    Right after a main item is ``added``, the add-on is one that goes with that item (the
    moment is about it), else one for the whole cart.
    """
    state = conversation_state(session, ctx)
    arm = experiments.arm_for(session, ctx.conversation_id, cart_id=view.cart_id)
    if not may_offer(moment, state, arm.policy(shop.policy)):
        return []
    suggestion = None
    # Unasked, an item already offered in this conversation is not pitched again.
    skip = state.declined_skus | OfferRepository(session).shown_skus(ctx.conversation_id)
    if moment is Moment.CHECKOUT:
        suggestion = gap_closer(session, view, skip, shop.rules)
    if suggestion is None and added is not None:
        ranked = addon_suggestions(session, _only(view, added), skip, shop.rules, limit=1)
        suggestion = ranked[0] if ranked else None
    if suggestion is None:
        ranked = addon_suggestions(session, view, skip, shop.rules, limit=1)
        suggestion = ranked[0] if ranked else None
    if suggestion is None:
        return []
    offer, shown = (suggestion.kind.value, suggestion.product.sku), arm.settings.shows_at(moment)
    if not experiments.expose(
        session, arm, ctx.conversation_id, moment.value, offer, shown, cart_id=view.cart_id
    ):
        return []
    row = record_offer(session, ctx, suggestion, solicited=False, cart_id=view.cart_id)
    return [offer_reply(suggestion, row.id, arm.settings.reason_style)]


def _only(view: CartView, product: Product) -> CartView:
    """The cart as if it held only ``product``'s line (what an add-on for it is ranked on)."""
    lines = tuple(line for line in view.lines if line.product.sku == product.sku)
    return replace(view, lines=lines) if lines else view


def claim_message(carts: CartRepository, ctx: ChatContext, request: str) -> str:
    """Claim this message's key for a cart change: ``"new"``, ``"retry"`` or ``"reused"``.

    A retry (same key, same request) gets the same answer and changes nothing; a key reused
    for another request changes nothing and says so. Messages without a key are new.
    """
    if not ctx.message_key:
        return "new"
    key = f"chat:{ctx.conversation_id}:{ctx.message_key}"
    request_hash = hashlib.sha256(request.encode()).hexdigest()
    if carts.claim_key(key, request_hash):
        return "new"
    stored = carts.stored_key(key)
    return "reused" if stored is not None and stored.request_hash != request_hash else "retry"


def take_out(
    session: Session, cart: CartRow, view: CartView, product: Product, quantity: int
) -> Reply:
    """Take ``quantity`` of a product out of its line (the line goes when that is all)."""
    left = decrement_line(session, cart, view, product, quantity)
    view = load_cart(session, cart.id)[1]
    if left == 0:
        return Reply("utter_removed", {"name": product.name, **cart_params(view)})
    params = {"removed": str(quantity), "name": product.name, "quantity": str(left)}
    return Reply("utter_decremented", {**params, **cart_params(view)})


def part_of_line(message: str | None, held: int) -> int | None:
    """How many of a line of ``held`` a message names as a part ("one of the cameras").

    None when it names no part, or all of the line (then the whole line is meant).
    """
    said = ENGLISH.part_count(message or "")
    count = None if said is None else parse_quantity(said)
    return count if count is not None and count < held else None


@replies_on_error
def clear_cart(shop: Shop, ctx: ChatContext) -> list[Reply]:
    """Remove every line, in one transaction (only after the shopper confirmed it).

    A retried message (same key) changes nothing again; an empty cart just says so.
    """
    with shop.session_factory.begin() as session:
        cart, view = open_cart(session, shop, ctx)
        if not view.lines:
            return [Reply("utter_cart_empty")]
        if claim_message(CartRepository(session), ctx, f"clear:{cart.id}") == "reused":
            return [Reply("utter_message_id_reused")]
        count = clear_lines(session, cart, view)
        view = load_cart(session, cart.id)[1]
        return [Reply("utter_cart_cleared", {"count": str(count), **cart_params(view)})]


def accept_open_offer(shop: Shop, ctx: ChatContext) -> list[Reply] | None:
    """Accept the open cart offer ("put that in too") when one is open (:mod:`bot.chat.selling`)."""
    with shop.session_factory.begin() as session:
        offer = OfferRepository(session).open_offer(ctx.conversation_id)
        if offer is None or not OfferKind(offer.kind).adds_to_cart:
            return None
    from bot.chat.selling import accept_offer  # selling imports this module

    return accept_offer(shop, ctx)
