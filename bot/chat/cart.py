"""Cart flow: show, free-shipping gap, add (several), remove or take out, set, swap, checkout.

The request grammar is in :mod:`bot.chat.cart_requests`; swaps in :mod:`bot.chat.cart_edits`.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from bot.chat.cart_edits import claim_message, open_cart, swap_item, take_out
from bot.chat.cart_requests import (
    CartRequest,
    Mention,
    in_focus,
    product_words,
    read_parts,
    read_request,
    remember,
)
from bot.chat.common import conversation_state, record_offer, replies_for_errors, replies_on_error
from bot.chat.products import MissingProduct, asking, pending_question, understand
from bot.chat.replies import ChatContext, Reply, cart_params, cart_summary, offer_reply
from bot.domain.errors import (
    AmbiguousProduct,
    InvalidQuantity,
    NotInCart,
    OutOfStock,
    UnknownProduct,
)
from bot.domain.matching import CART_BONUS
from bot.domain.models import OfferKind, Product
from bot.domain.offers import Moment, is_offer_moment_after_add, may_offer
from bot.domain.quantities import Direction, parse_quantity
from bot.services import experiments
from bot.services.cart import CartView, add_quantity, load_cart, remove_line, set_line
from bot.services.recommend import addon_suggestions, gap_closer
from bot.services.shop import Shop
from bot.store.offers import OfferRepository
from bot.store.pending import PendingChoiceRepository, PendingQuestion
from bot.store.repositories import CartRepository

__all__ = ["open_cart", "swap_item"]


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
            record_offer(session, ctx, closer, solicited=True, cart_id=view.cart_id)
            replies.append(offer_reply(closer))
        return replies


def _added(view: CartView, product: Product, quantity: int) -> Reply:
    return Reply(
        "utter_added", {"name": product.name, "quantity": str(quantity), **cart_params(view)}
    )


def _request(
    product_text: str | None, quantity_text: str | None, message: str | None, answering: bool
) -> CartRequest:
    """The request of a message; an answer to "Did you mean …?" is taken as it is."""
    if answering:
        return CartRequest(product_text, quantity_text, Direction.ABSOLUTE, message or "")
    return read_request(product_text, quantity_text, message)


def target(
    session: Session,
    ctx: ChatContext,
    view: CartView,
    request: CartRequest,
    cart_bonus: float = 0.0,
    answering: bool = False,
    earlier: str | None = None,
) -> tuple[Product, str | None]:
    """The product and quantity text one request means.

    A request naming no product means ``earlier`` when given, else the conversation's
    product in focus ("remove it", "one more").
    """
    if answering:
        asked = (request.product, request.quantity, request.text)
        return understand(session, ctx, view, asked, cart_bonus, answering=True)
    words = product_words(request)
    if words is None and earlier is None:
        focus = in_focus(session, ctx.conversation_id)
        earlier = focus.name if focus else None
    asked = (words, request.quantity, request.text if words else "")
    return understand(session, ctx, view, asked, cart_bonus, earlier=earlier)


@replies_on_error
def add_item(
    shop: Shop,
    ctx: ChatContext,
    product_text: str | None,
    quantity_text: str | None,
    message: str | None = None,
    answering: bool = False,
    earlier: str | None = None,
    mentions: Sequence[Mention] = (),
) -> list[Reply]:
    """Add one or several named products; a retried message (same key) never adds twice.

    A near tie asks "Did you mean A or B?" and the answer completes the add (``answering``
    is set when the message only answers that question). A message naming no product means
    the product in focus ("one more"), or the open offer ("put that in too"); "one less"
    takes one out. ``mentions`` are the model's product spans, to split several products.
    """
    parts = [] if answering else read_parts(message, mentions)
    if parts:
        return add_several(shop, ctx, parts)
    request = _request(product_text, quantity_text, message, answering)
    if request.direction is Direction.LESS:
        return remove_item(shop, ctx, product_text, message, False, earlier, quantity_text)
    if not answering and product_words(request) is None and request.direction is Direction.ABSOLUTE:
        offer = _accept_open_offer(shop, ctx)
        if offer is not None:
            return offer
    with asking(shop, ctx, "add_item", request.quantity):
        return _add_item(shop, ctx, request, answering, earlier)


def _accept_open_offer(shop: Shop, ctx: ChatContext) -> list[Reply] | None:
    """Accept the open cart offer ("put that in too") when one is open (see selling)."""
    with shop.session_factory.begin() as session:
        offer = OfferRepository(session).open_offer(ctx.conversation_id)
        if offer is None or not OfferKind(offer.kind).adds_to_cart:
            return None
    from bot.chat.selling import accept_offer  # selling imports this module

    return accept_offer(shop, ctx)


def _add_item(
    shop: Shop, ctx: ChatContext, request: CartRequest, answering: bool, earlier: str | None
) -> list[Reply]:
    with shop.session_factory.begin() as session:
        cart, view = open_cart(session, shop, ctx)
        product, quantity_text = target(session, ctx, view, request, 0.0, answering, earlier)
        quantity = parse_quantity(quantity_text)
        claim = claim_message(CartRepository(session), ctx, f"add:{product.sku}:{quantity}")
        if claim == "reused":
            return [Reply("utter_message_id_reused")]  # not a retry: change nothing
        if claim == "retry":
            return [_added(view, product, quantity)]  # a retry: the same answer
        add_quantity(session, cart, view, product, quantity)
        remember(session, ctx.conversation_id, product)
        view = load_cart(session, cart.id)[1]
        replies = [_added(view, product, quantity)]
        if is_offer_moment_after_add(product):
            replies += unsolicited_offer(session, shop, ctx, view, Moment.MAIN_ITEM_ADDED)
        return replies


def _resolve_parts(
    session: Session, ctx: ChatContext, view: CartView, parts: Sequence[CartRequest]
) -> tuple[dict[str, tuple[Product, int]], list[Exception]]:
    """Each part's product and quantity (same products summed), and the parts not understood.

    Raises:
        InvalidQuantity: A part's quantity is refused: the whole request changes nothing.
    """
    wanted: dict[str, tuple[Product, int]] = {}
    unclear: list[Exception] = []
    for part in parts:
        try:
            product, quantity_text = target(session, ctx, view, part)
        except (UnknownProduct, AmbiguousProduct, MissingProduct) as error:
            unclear.append(error)
            continue
        quantity = parse_quantity(quantity_text)
        before = wanted.get(product.sku, (product, 0))[1]
        wanted[product.sku] = (product, before + quantity)
    tie = next((e for e in unclear if isinstance(e, AmbiguousProduct) and e.skus), None)
    if isinstance(tie, AmbiguousProduct):  # the first near tie waits for its answer
        options = tuple(zip(tie.skus, tie.options, strict=True))
        PendingChoiceRepository(session).ask(
            ctx.conversation_id, PendingQuestion("add_item", options)
        )
        tie.asked = True
    return wanted, unclear


@replies_on_error
def add_several(shop: Shop, ctx: ChatContext, parts: Sequence[CartRequest]) -> list[Reply]:
    """Add several products from one message ("a mug and a tripod").

    Every part is understood before anything changes: a refused quantity changes nothing;
    the products that are certain are added in one transaction, the reply lists exactly
    those, and each unclear part is asked about (never added on a guess).
    """
    with shop.session_factory.begin() as session:
        cart, view = open_cart(session, shop, ctx)
        wanted, problems = _resolve_parts(session, ctx, view, parts)
        request = ",".join(f"{sku}:{qty}" for sku, (_, qty) in sorted(wanted.items()))
        claim = claim_message(CartRepository(session), ctx, f"add-several:{request}")
        if claim == "reused":
            return [Reply("utter_message_id_reused")]
        added: list[tuple[Product, int]] = []
        for product, quantity in wanted.values():
            try:
                if claim == "new":
                    add_quantity(session, cart, view, product, quantity)
                added.append((product, quantity))
            except (OutOfStock, InvalidQuantity) as error:
                problems.append(error)
        if added and claim == "new":
            remember(session, ctx.conversation_id, added[-1][0])
        view = load_cart(session, cart.id)[1]
        replies = [_added_several(view, added)] + replies_for_errors(problems)
        if added and not problems and any(is_offer_moment_after_add(p) for p, _ in added):
            replies += unsolicited_offer(session, shop, ctx, view, Moment.MAIN_ITEM_ADDED)
        return replies


def _added_several(view: CartView, added: Sequence[tuple[Product, int]]) -> Reply:
    if not added:
        return Reply("utter_nothing_added")
    items = [f"{quantity} × {product.name}" for product, quantity in added]
    listed = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
    return Reply("utter_added_several", {"items": listed, **cart_params(view)})


@replies_on_error
def remove_item(
    shop: Shop,
    ctx: ChatContext,
    product_text: str | None,
    message: str | None = None,
    answering: bool = False,
    earlier: str | None = None,
    quantity_text: str | None = None,
) -> list[Reply]:
    """Remove a product's line, or take a quantity of it out ("remove one of the mugs").

    A line in the cart is preferred on a close call; a message naming no product means the
    product in focus ("remove it"), and the reply names it. Taking out more than the line
    holds changes nothing and says so.
    """
    request = _request(product_text, quantity_text, message, answering)
    with asking(shop, ctx, "remove_item", None), shop.session_factory.begin() as session:
        cart, view = open_cart(session, shop, ctx)
        product, quantity = target(session, ctx, view, request, CART_BONUS, answering, earlier)
        remember(session, ctx.conversation_id, product)
        if quantity is not None and not answering:
            return [take_out(session, cart, view, product, parse_quantity(quantity))]
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
    """Set a product's quantity (the product must be in the cart); "two more" adds.

    A message naming no product means the product in focus ("make it 3"); one naming no
    quantity is asked about, never guessed.
    """
    request = _request(product_text, quantity_text, message, answering)
    if request.direction is Direction.MORE:
        return add_item(shop, ctx, product_text, quantity_text, message, earlier=earlier)
    if request.direction is Direction.LESS:
        return remove_item(shop, ctx, product_text, message, False, earlier, quantity_text)
    with (
        asking(shop, ctx, "change_quantity", request.quantity),
        shop.session_factory.begin() as session,
    ):
        cart, view = open_cart(session, shop, ctx)
        product, quantity_text = target(session, ctx, view, request, CART_BONUS, answering, earlier)
        if view.line_for(product.sku) is None:
            raise NotInCart(product.name)
        remember(session, ctx.conversation_id, product)
        if quantity_text is None:
            return [Reply("utter_ask_quantity", {"name": product.name})]
        quantity = parse_quantity(quantity_text)
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
