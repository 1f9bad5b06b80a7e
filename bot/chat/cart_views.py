"""What the shopper is told about the cart without changing it, and how an add is worded.

The cart as it is ("what's in my cart?"), the free-shipping gap and the amount to pay at
checkout (:mod:`bot.chat.cart` re-exports them, so ``cart.show_cart`` works as before), and
the "Added 2 × Mug" reply of the change flows.
"""

from __future__ import annotations

from bot.chat.cart_edits import open_cart, unsolicited_offer
from bot.chat.common import conversation_state, offer_shown, replies_on_error
from bot.chat.replies import ChatContext, Reply, cart_params, cart_summary
from bot.domain.models import Product
from bot.domain.offers import Moment
from bot.services.cart import CartView
from bot.services.recommend import gap_closer
from bot.services.shop import Shop


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


def added_reply(view: CartView, product: Product, quantity: int) -> Reply:
    """Say "Added 2 × Mug", and how many the cart holds now when it held some before.

    Args:
        view: The cart after the change.
        product: The product added.
        quantity: How many were added (not the line's new quantity).
    """
    params = {"name": product.name, "quantity": str(quantity), **cart_params(view)}
    line = view.line_for(product.sku)
    if line is not None and line.quantity > quantity:
        return Reply("utter_added_more", {**params, "line_quantity": str(line.quantity)})
    return Reply("utter_added", params)


@replies_on_error
def checkout(shop: Shop, ctx: ChatContext) -> list[Reply]:
    """The amount to pay, and at most one unsolicited offer if the rules allow it."""
    with shop.session_factory.begin() as session:
        view = open_cart(session, shop, ctx)[1]
        if not view.lines:
            return [Reply("utter_cart_empty")]
        offer = unsolicited_offer(session, shop, ctx, view, Moment.CHECKOUT)
        return [Reply("utter_checkout", cart_params(view)), *offer]
