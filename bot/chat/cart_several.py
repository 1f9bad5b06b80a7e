"""Several products in one message: "add a mug and a tripod", "remove the tripod and the mugs"."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from bot.chat.cart_answers import ASK_QUANTITY
from bot.chat.cart_edits import claim_message, open_cart, take_out, unsolicited_offer
from bot.chat.cart_guards import TwoCounts, counts_question, only_cart_lines, two_counts_of
from bot.chat.cart_requests import CartRequest, queued_text, remember, target
from bot.chat.common import replies_on_error, reply_for_error
from bot.chat.products import MissingProduct
from bot.chat.replies import ChatContext, Reply, cart_params
from bot.domain.errors import (
    AmbiguousProduct,
    DomainError,
    InvalidQuantity,
    NotInCart,
    OutOfStock,
    UnknownProduct,
)
from bot.domain.language import ENGLISH
from bot.domain.language.en_cues import one_by_article
from bot.domain.matching import CART_BONUS
from bot.domain.models import Product
from bot.domain.offers import Moment, is_offer_moment_after_add
from bot.domain.quantities import parse_quantity
from bot.services.cart import CartView, add_quantity, load_cart, remove_line
from bot.services.shop import Shop
from bot.store.pending import PendingChoiceRepository, PendingQuestion
from bot.store.repositories import CartRepository, CatalogRepository


def _resolve_parts(
    session: Session, ctx: ChatContext, view: CartView, parts: Sequence[CartRequest]
) -> tuple[dict[str, tuple[Product, int]], list[Exception]]:
    """Each part's product and quantity (same products summed), and the parts not understood.

    Raises:
        InvalidQuantity: A part's quantity is refused: the whole request changes nothing.
    """
    wanted: dict[str, tuple[Product, int]] = {}
    unclear: list[tuple[Exception, CartRequest]] = []
    for part in parts:
        counted = two_counts_of(session, ctx, view, part)
        if counted is not None:  # "3 mugs x2": asked, in turn with the near ties (H5)
            unclear.append((counted, part))
            continue
        try:
            product, quantity_text = target(session, ctx, view, part, adding=True)
        except (UnknownProduct, AmbiguousProduct, MissingProduct) as error:
            unclear.append((error, part))
            continue
        quantity = parse_quantity(quantity_text)
        before = wanted.get(product.sku, (product, 0))[1]
        wanted[product.sku] = (product, before + quantity)
    asks = [(e, p) for e, p in unclear if _asks(e)]
    if not asks:
        return wanted, [e for e, _ in unclear]
    # One question at a time (F15): the first is asked, the later ones wait behind it and are
    # asked next, never dropped (H4).
    first, part = asks[0]
    queued = tuple(
        p.text.strip() if isinstance(e, TwoCounts) else queued_text(p) for e, p in asks[1:]
    )
    if isinstance(first, TwoCounts):
        words = ENGLISH.content(first.name)
        question = PendingQuestion(ASK_QUANTITY, (("add_item", words),), None, queued=queued)
    else:
        assert isinstance(first, (AmbiguousProduct, UnknownProduct))
        options = tuple(zip(first.skus, _labels(first), strict=True))
        question = PendingQuestion("add_item", options, _quantity_of(part), queued=queued)
        first.asked = True
        first.sold_out = CatalogRepository(session).sold_out(options)
    PendingChoiceRepository(session).ask(ctx.conversation_id, question)
    later = {id(e) for e, _ in asks[1:]}
    return wanted, [e for e, _ in unclear if id(e) not in later]


def _asks(error: Exception) -> bool:
    """Whether an unclear part is asked about: a near tie, a "Did you mean X?", two counts.

    "I couldn't find "mugz". Did you mean Ceramic Mug?" waits for its answer as in a
    single add, with Yes / No buttons: "yes" adds the part's count (s25, F16).
    """
    if isinstance(error, (AmbiguousProduct, UnknownProduct)):
        return bool(error.skus) and len(error.skus) == len(_labels(error))
    return isinstance(error, TwoCounts)


def _labels(error: AmbiguousProduct | UnknownProduct) -> tuple[str, ...]:
    """The names a near tie or a did-you-mean offers."""
    return error.options if isinstance(error, AmbiguousProduct) else error.suggestions


def _quantity_of(part: CartRequest) -> str | None:
    """The quantity a part asked for, kept with its question so the answer adds that many."""
    return part.quantity


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
        replies = [_added_several(view, added, bool(problems))] + _problem_replies(problems)
        if added and not problems and any(is_offer_moment_after_add(p) for p, _ in added):
            replies += unsolicited_offer(session, shop, ctx, view, Moment.MAIN_ITEM_ADDED)
        return replies


def _problem_replies(problems: Sequence[Exception]) -> list[Reply]:
    """One reply per part not added, in order: "Did you mean …?", "I couldn't find …"."""
    return [
        counts_question(e.name, e.counts) if isinstance(e, TwoCounts) else reply_for_error(e)
        for e in problems
        if isinstance(e, DomainError)
    ]


PARTIAL_SUBTOTAL = "{subtotal} for your cart as it is now, before shipping"
"""The subtotal of an add some of whose parts are still asked about: what it includes."""


def _added_several(
    view: CartView, added: Sequence[tuple[Product, int]], partial: bool = False
) -> Reply:
    """The "Added 1 × Mug and 2 × Tripod" reply (``partial``: parts are still asked about).

    Mid-change, the subtotal says what it includes ("$9.00 for your cart as it is now,
    before shipping"): never read as the total of everything the message asked for.
    """
    if not added:
        return Reply("utter_nothing_added")
    items = [f"{quantity} × {product.name}" for product, quantity in added]
    listed = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
    params = {"items": listed, **cart_params(view)}
    if partial:
        params["subtotal"] = PARTIAL_SUBTOTAL.format(subtotal=params["subtotal"])
    return Reply("utter_added_several", params)


@replies_on_error
def remove_several(shop: Shop, ctx: ChatContext, parts: Sequence[CartRequest]) -> list[Reply]:
    """Remove several products from one message ("remove the tripod and the mugs").

    All or nothing: every part must name a line of the cart before anything changes; an
    unclear part, a product not in the cart or a quantity the line can't give changes
    nothing (the transaction is rolled back) and the reply says which part was the problem.
    A part with a quantity ("one of the mugs", "a mug") takes that many out of its line.
    """
    with shop.session_factory.begin() as session:
        cart, view = open_cart(session, shop, ctx)
        wanted: list[tuple[Product, int | None]] = []
        for part in parts:
            with only_cart_lines(view):
                product, quantity_text = target(session, ctx, view, part, CART_BONUS)
            if view.line_for(product.sku) is None:
                raise NotInCart(product.name)
            if quantity_text is None and one_by_article(f"remove {part.text}"):
                quantity_text = "1"
            quantity = None if quantity_text is None else parse_quantity(quantity_text)
            wanted.append((product, quantity))
        replies = []
        for product, quantity in wanted:  # each reply with the subtotal after it (S16)
            if quantity is None:
                remove_line(session, cart, view, product)
                reply = Reply("utter_removed", {"name": product.name})
            else:
                reply = take_out(session, cart, view, product, quantity)
            view = load_cart(session, cart.id)[1]
            replies.append(Reply(reply.response, {**reply.params, **cart_params(view)}))
        remember(session, ctx.conversation_id, wanted[-1][0])
        if all(quantity is None for _, quantity in wanted):  # one reply, the final subtotal
            names = [product.name for product, _ in wanted]
            joined = " and ".join([", ".join(names[:-1]), names[-1]] if names[:-1] else names)
            return [Reply("utter_removed", {"name": joined, **cart_params(view)})]
        return replies
