"""Counted removals and "cancel my cart", read before anything else (review s27, issue 12).

Called from :func:`bot.chat.first_reading.first_reading`, whatever intent the model gave:

* "cancel one tripod", "remove 2 mugs", "take 1 tripod out" (F40, F7/F8): exactly that many
  come out of the one cart line the words name. A count equal to the line is asked first
  ("remove all 2 × Ceramic Mug from your cart?", the Yes carries the count); more than
  the line holds is explained and nothing changes. A count is never the subscription.
* "cancel my cart", "cancel items", "cancel everything in the cart" (F60): the cart, never
  the subscription — "remove everything from your cart?" is asked first.
* "cancel everything" (F60): with a cart and a subscription, which is asked; with an empty
  cart and a subscription, the cart's emptiness is said and the subscription's cancel is
  asked; with only a cart, emptying it is asked.

English cues: :mod:`bot.domain.language.en_cart_cancels`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.chat import cart
from bot.chat.common import replies_on_error
from bot.chat.confirm import ask_confirmation
from bot.chat.products import search_product
from bot.chat.removal_guards import _cart_view, _drop_pending, _has_subscription, named_lines
from bot.chat.replies import ChatContext, Reply, line_name
from bot.domain.errors import AmbiguousProduct, UnknownProduct
from bot.domain.language.en_cart_cancels import cancels_cart, cancels_everything, counted_removal
from bot.domain.language.en_requests import clears_cart
from bot.domain.language.en_sweeps import head_noun, words_of
from bot.domain.models import OfferKind, Product
from bot.services.cart import CartView
from bot.services.shop import Shop
from bot.store.offers import OfferRepository

if TYPE_CHECKING:
    from bot.chat.turns import Turn

EMPTY_CART_TEXT = "empty my cart"  # the "Remove everything" button: read as typed, asked
_CANCELLING = frozenset({"action_cancel_subscription", "action_confirm_cancel"})


@replies_on_error
def counted(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """Handle "cancel one tripod" / "remove 2 mugs" (F40, F7/F8); else None (read as usual)."""
    said = counted_removal(turn.text)
    view = _cart_view(shop, ctx) if said is not None else None
    if said is None or view is None:
        return None
    count, words = said
    lines = named_lines(view, words) or _searched_line(shop, view, words)
    by_noun = not lines  # "cancel 2 coffee mugs" of the one mug line: asked, never guessed
    lines = lines or _noun_line(view, words)
    if len(lines) != 1:
        return None  # not in the cart, or several lines: the usual reading asks or says so
    product = lines[0]
    held = view.line_for(product.sku)
    if held is None:
        return None
    _drop_pending(shop, ctx)  # a new request: any pending question is superseded
    if count == held.quantity or (by_noun and count < held.quantity):  # asked first
        return [_ask_take_out(shop, ctx, product, count, count == held.quantity)]
    return cart.remove_item(shop, ctx, product.name, None, quantity_text=str(count))


def _ask_take_out(
    shop: Shop, ctx: ChatContext, product: Product, count: int, all_of: bool
) -> Reply:
    """Ask "remove all 2 × Travel Tripod from your cart?" (or "remove 2 × …"); Yes does it."""
    entities = {"product": product.name[:80], "quantity": str(count)}
    said = f"all {count} × {product.name}" if all_of else line_name(product.name, count)
    request = ("action_remove_item", "remove_item", entities, f"remove {count} {product.name}")
    with shop.session_factory.begin() as session:
        return ask_confirmation(
            session, ctx.conversation_id, request, f"remove {said} from your cart"
        )


def _noun_line(view: CartView, words: str) -> list[Product]:
    """The one cart line whose product noun is the last word said ("coffee mugs" → a mug)."""
    said = words_of(words.split()[-1]) if words.split() else frozenset()
    return [
        line.product
        for line in view.lines
        if head_noun(line.product.name, line.product.family) in said
    ]


def _searched_line(shop: Shop, view: CartView, words: str) -> list[Product]:
    """The cart line the catalog search finds for ``words`` ("tripd", "coffee mugs"), if any.

    Only a product the search settles on and the cart holds: a near tie or a product not in
    the cart is left to the usual reading (it asks, or says so).
    """
    try:
        with shop.session_factory.begin() as session:
            product = search_product(session, words)
    except (AmbiguousProduct, UnknownProduct):
        return []
    return [product] if view.line_for(product.sku) is not None else []


@replies_on_error
def cart_cancel(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """Handle "cancel my cart" / "cancel everything" (F60); else None (read as usual)."""
    by_cart = cancels_cart(turn.text) or (
        turn.action in _CANCELLING and clears_cart(turn.text)  # "empty my cart" (its button)
    )
    everything = not by_cart and cancels_everything(turn.text)
    if not (by_cart or everything) or (everything and _exit_offer_open(shop, ctx)):
        return None
    view = _cart_view(shop, ctx)
    if view is None:
        return None  # no cart here (a subscription-only chat): the subscription's flows
    if by_cart:
        return [Reply("utter_cart_empty")] if not view.lines else [_ask_empty(shop, ctx)]
    subscribed = _has_subscription(shop, ctx)
    if view.lines and subscribed:
        buttons = (
            ("Remove everything", EMPTY_CART_TEXT),
            ("Cancel my subscription", "/cancel_subscription"),
        )
        return [Reply("utter_ask_cancel_what", {"name": "everything"}, buttons)]
    if view.lines:
        return [_ask_empty(shop, ctx)]
    if subscribed:  # an empty cart: said so, and the subscription asked about
        request = (
            "action_cancel_subscription",
            "cancel_subscription",
            {},
            "cancel my subscription",
        )
        with shop.session_factory.begin() as session:
            asked = ask_confirmation(
                session, ctx.conversation_id, request, "cancel your subscription"
            )
        return [Reply("utter_cart_empty"), asked]
    return None


def _ask_empty(shop: Shop, ctx: ChatContext) -> Reply:
    """Ask "remove everything from your cart?"; the yes empties it (``bulk_removal``)."""
    request = ("action_remove_item", "remove_item", {}, "remove everything from my cart")
    with shop.session_factory.begin() as session:
        summary = "remove everything from your cart"
        return ask_confirmation(session, ctx.conversation_id, request, summary)


def _exit_offer_open(shop: Shop, ctx: ChatContext) -> bool:
    """Whether a retention offer is open: "cancel everything" then goes on with the cancel."""
    with shop.session_factory.begin() as session:
        offer = OfferRepository(session).open_offer(ctx.conversation_id)
        return offer is not None and OfferKind(offer.kind).is_retention
