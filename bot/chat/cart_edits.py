"""Cart edits the chat shares: the cart of a turn, message keys, taking out, and swaps."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy.orm import Session

from bot.chat.cart_requests import Mention, in_focus, remember
from bot.chat.common import conversation_state, record_offer, replies_on_error
from bot.chat.products import search_product
from bot.chat.replies import ChatContext, Reply, cart_params, offer_reply
from bot.domain.errors import AmbiguousProduct, NotFound, NothingToSwap, UnknownProduct
from bot.domain.language import ENGLISH
from bot.domain.models import CartLine, Product
from bot.domain.offers import Moment, may_offer
from bot.domain.quantities import parse_quantity
from bot.services import experiments
from bot.services.access import claims_for_cart
from bot.services.cart import CartView, clear_lines, decrement_line, load_cart, swap_line
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
    record_offer(session, ctx, suggestion, solicited=False, cart_id=view.cart_id)
    return [offer_reply(suggestion, arm.settings.reason_style)]


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


def _search(session: Session, words: str, view: CartView) -> Product | None:
    try:
        return search_product(session, words, view)
    except (UnknownProduct, AmbiguousProduct):
        return None


def _variants(session: Session, view: CartView, words: str, old: Product | None) -> list:
    """Lines of a family whose other variant the words name ("the 128 GB one")."""
    hits = []
    for line in view.lines:
        family = line.product.family
        if not family or (old is not None and line.product.sku != old.sku):
            continue
        found = _search(session, f"{family} {words}", view)
        if found is not None and found.family == family and found.sku != line.product.sku:
            hits.append((line, found))
    return hits


def _old_line(view: CartView, new: Product, old: Product | None) -> CartLine:
    """The line ``new`` replaces: the one named, else the one line of its family (no guess)."""
    if old is not None:
        line = view.line_for(old.sku)
    else:  # not named: the one line of the new product's family
        family = [li for li in view.lines if new.family and li.product.family == new.family]
        line = family[0] if len(family) == 1 else None
    if line is None:
        raise NothingToSwap(new.name)
    return line


def _swap_target(
    session: Session, ctx: ChatContext, view: CartView, old_words: str | None, new_words: str
) -> tuple[CartLine, Product]:
    old = None
    if old_words:
        old = search_product(session, old_words, view, cart_bonus=0.06)
    elif old_words is not None:  # "swap it for ...": the product in focus
        old = in_focus(session, ctx.conversation_id)
    hits = _variants(session, view, new_words, old)
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise NothingToSwap(new_words, tuple(line.product.name for line, _ in hits))
    new = search_product(session, new_words, view)
    return _old_line(view, new, old), new


def _swap_quantity(said: str | None, line: CartLine, new: Product) -> int | None:
    """How many of ``new`` a swap puts in: the number said, else the line's when that is safe.

    A variant of the line's own family ("the 128 GB one instead") keeps the line's quantity,
    and so does a line of one; another family with several in the line is asked about.

    Raises:
        RefusedQuantity: The quantity said is not a whole number in range.
    """
    if said is not None:  # what the shopper said (ENGLISH.swap_quantity)
        return parse_quantity(said)
    if line.quantity == 1 or (new.family and new.family == line.product.family):
        return line.quantity
    return None


@replies_on_error
def swap_lines(
    shop: Shop, ctx: ChatContext, message: str | None, mentions: Sequence[Mention] = ()
) -> list[Reply]:
    """Replace a line by another product, as one change of the cart.

    "I want the 128gb sd card instead" and "the 128 GB one instead" replace the line of the
    same family at the line's quantity; "swap the mug for the tripod" names both. A quantity
    said for the new product wins ("for 3 tripods", "for a tripod"); none said for another
    family is asked about when the line holds several (see :func:`_swap_quantity`). Nothing
    changes when the line or the new product is unclear (the shopper is asked) or out of stock.
    """
    old_words, new_words = ENGLISH.swap_sides(message or "", [m.value for m in mentions])
    said = ENGLISH.swap_quantity(message or "")
    if said:  # "3 tripods": the product words are "tripods"
        new_words = " ".join(w for w in new_words.split() if w not in said.split())
    if not new_words:
        return [Reply("utter_ask_product")]
    with shop.session_factory.begin() as session:
        cart, view = open_cart(session, shop, ctx)
        line, new = _swap_target(session, ctx, view, old_words, new_words)
        if view.line_for(new.sku) is not None:
            return [Reply("utter_swap_already_in_cart", {"name": new.name})]
        quantity = _swap_quantity(said, line, new)
        if quantity is None:  # another family, several in the line, no number said: ask
            return [Reply("utter_ask_quantity", {"name": new.name})]
        request = f"swap:{line.product.sku}:{new.sku}:{quantity}"
        if claim_message(CartRepository(session), ctx, request) != "new":
            return [Reply("utter_message_id_reused")]
        quantity = swap_line(session, cart, view, line.product, new, quantity)
        remember(session, ctx.conversation_id, new)
        view = load_cart(session, cart.id)[1]
        params = {"old_name": line.product.name, "name": new.name, "quantity": str(quantity)}
        return [Reply("utter_item_swapped", {**params, **cart_params(view)})]


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
