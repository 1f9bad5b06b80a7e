"""Cart flow: show the cart, free-shipping gap, add, remove, change quantity, checkout."""

from __future__ import annotations

import hashlib

from sqlalchemy.orm import Session

from bot.chat.common import conversation_state, offer_shown, record_offer, replies_on_error
from bot.chat.products import asking, pending_question, understand
from bot.chat.replies import ChatContext, Reply, cart_params, cart_summary, offer_reply
from bot.domain.errors import NotInCart
from bot.domain.matching import CART_BONUS, parse_quantity
from bot.domain.models import Product
from bot.domain.offers import Moment, is_offer_moment_after_add, may_offer
from bot.services import experiments
from bot.services.access import claims_for_cart
from bot.services.cart import CartView, add_quantity, load_cart, remove_line, set_line
from bot.services.recommend import addon_suggestions, gap_closer
from bot.services.shop import Shop
from bot.store.repositories import CartRepository
from bot.store.tables import CartRow


def open_cart(session: Session, shop: Shop, ctx: ChatContext) -> tuple[CartRow, CartView]:
    """Check the conversation's token and load (and lock) its cart."""
    claims = claims_for_cart(shop.secret, ctx.token)
    assert claims.cart_id is not None
    return load_cart(session, claims.cart_id, lock=True)


def unsolicited_offer(
    session: Session, shop: Shop, ctx: ChatContext, view: CartView, moment: Moment
) -> list[Reply]:
    """One unsolicited offer when the moment and the selling rules allow it, else nothing."""
    state = conversation_state(session, ctx)
    arm = experiments.arm_for(session, ctx.conversation_id, cart_id=view.cart_id)
    if not may_offer(moment, state, arm.policy(shop.policy)):
        return []
    suggestion = None
    if moment is Moment.CHECKOUT:
        suggestion = gap_closer(session, view, state.declined_skus, shop.rules)
    if suggestion is None:
        ranked = addon_suggestions(session, view, state.declined_skus, shop.rules, limit=1)
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


@replies_on_error
def show_cart(shop: Shop, ctx: ChatContext) -> list[Reply]:
    """What is in the cart: lines, subtotal, shipping and total."""
    with shop.session_factory.begin() as session:
        return [cart_summary(open_cart(session, shop, ctx)[1])]


@replies_on_error
def free_shipping(shop: Shop, ctx: ChatContext) -> list[Reply]:
    """The exact free-shipping gap and, when it is open, the item that closes it best."""
    with shop.session_factory.begin() as session:
        view = open_cart(session, shop, ctx)[1]
        if view.totals.ships_free:
            return [Reply("utter_free_shipping_reached", cart_params(view))]
        replies = [Reply("utter_free_shipping_gap", cart_params(view))]
        state = conversation_state(session, ctx)
        if state.upset:
            return replies
        closer = gap_closer(session, view, state.declined_skus, shop.rules)
        if closer is not None:
            replies.append(offer_shown(session, ctx, closer, True, view.cart_id))
        return replies


def _added(view: CartView, product: Product, quantity: int) -> Reply:
    return Reply(
        "utter_added", {"name": product.name, "quantity": str(quantity), **cart_params(view)}
    )


Request = tuple[str | None, str | None, str | None]  # (product span, quantity, message)


@replies_on_error
def add_item(
    shop: Shop,
    ctx: ChatContext,
    product_text: str | None,
    quantity_text: str | None,
    message: str | None = None,
    answering: bool = False,
    earlier: str | None = None,
) -> list[Reply]:
    """Add a named product; a retried message (same message key) never adds twice.

    A near tie asks "Did you mean A or B?" and the answer completes the add (see
    :func:`bot.chat.products.understand`; ``answering`` is set when the message only
    answers that question). ``earlier`` is the product last talked about ("one more").
    """
    with asking(shop, ctx, "add_item", quantity_text):
        request = (product_text, quantity_text, message)
        return _add_item(shop, ctx, request, answering, earlier)


def _add_item(
    shop: Shop, ctx: ChatContext, request: Request, answering: bool, earlier: str | None
) -> list[Reply]:
    with shop.session_factory.begin() as session:
        cart, view = open_cart(session, shop, ctx)
        product, quantity_text = understand(
            session, ctx, view, request, answering=answering, earlier=earlier
        )
        quantity = parse_quantity(quantity_text)
        key = f"chat:{ctx.conversation_id}:{ctx.message_key}" if ctx.message_key else None
        request_hash = hashlib.sha256(f"add:{product.sku}:{quantity}".encode()).hexdigest()
        carts = CartRepository(session)
        if key is not None and not carts.claim_key(key, request_hash):
            stored = carts.stored_key(key)
            if stored is not None and stored.request_hash != request_hash:
                return [Reply("utter_message_id_reused")]  # not a retry: change nothing
            return [_added(view, product, quantity)]  # a retry: the same answer
        add_quantity(session, cart, view, product, quantity)
        view = load_cart(session, cart.id)[1]
        replies = [_added(view, product, quantity)]
        if is_offer_moment_after_add(product):
            replies += unsolicited_offer(session, shop, ctx, view, Moment.MAIN_ITEM_ADDED)
        return replies


@replies_on_error
def remove_item(
    shop: Shop,
    ctx: ChatContext,
    product_text: str | None,
    message: str | None = None,
    answering: bool = False,
    earlier: str | None = None,
) -> list[Reply]:
    """Remove a product's line at once (a line in the cart is preferred on a close call).

    ``earlier`` is the product last talked about, for a message naming none ("remove it").
    """
    with asking(shop, ctx, "remove_item", None), shop.session_factory.begin() as session:
        cart, view = open_cart(session, shop, ctx)
        request = (product_text, None, message)
        product = understand(session, ctx, view, request, CART_BONUS, answering, earlier)[0]
        remove_line(session, cart, view, product)
        view = load_cart(session, cart.id)[1]
        return [Reply("utter_removed", {"name": product.name, **cart_params(view)})]


@replies_on_error
def change_quantity(
    shop: Shop,
    ctx: ChatContext,
    product_text: str | None,
    quantity_text: str | None,
    message: str | None = None,
    answering: bool = False,
    earlier: str | None = None,
) -> list[Reply]:
    """Set a product's quantity (the product must be in the cart).

    ``earlier`` is the product last talked about, for a message naming none ("make it 3").
    """
    with (
        asking(shop, ctx, "change_quantity", quantity_text),
        shop.session_factory.begin() as session,
    ):
        cart, view = open_cart(session, shop, ctx)
        request = (product_text, quantity_text, message)
        product, quantity_text = understand(
            session, ctx, view, request, CART_BONUS, answering, earlier
        )
        quantity = parse_quantity(quantity_text)
        if view.line_for(product.sku) is None:
            raise NotInCart(product.name)
        set_line(session, cart, product, quantity)
        view = load_cart(session, cart.id)[1]
        params = {"name": product.name, "quantity": str(quantity), **cart_params(view)}
        return [Reply("utter_quantity_changed", params)]


@replies_on_error
def choose_option(
    shop: Shop, ctx: ChatContext, product_text: str | None, message: str | None
) -> list[Reply]:
    """Answer the pending "Did you mean A or B?" ("the first one", a button, a name...).

    With no question pending, a message naming a product ("the tripod, please") is an add.
    """
    pending = pending_question(shop, ctx)
    if pending is None and product_text:
        return add_item(shop, ctx, product_text, None, message)
    if pending is None:
        return [Reply("utter_nothing_to_choose")]
    answer = product_text or message
    if pending.question == "remove_item":
        return remove_item(shop, ctx, answer, message, answering=True)
    if pending.question == "change_quantity":
        return change_quantity(shop, ctx, answer, pending.detail, message, answering=True)
    return add_item(shop, ctx, answer, pending.detail, message, answering=True)


@replies_on_error
def checkout(shop: Shop, ctx: ChatContext) -> list[Reply]:
    """The amount to pay, and at most one unsolicited offer if the rules allow it."""
    with shop.session_factory.begin() as session:
        view = open_cart(session, shop, ctx)[1]
        if not view.lines:
            return [Reply("utter_cart_empty")]
        offer = unsolicited_offer(session, shop, ctx, view, Moment.CHECKOUT)
        return [Reply("utter_checkout", cart_params(view)), *offer]
