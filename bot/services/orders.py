"""Placing an order from a cart; recording it keeps co-purchase statistics current."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from uuid import uuid4

from bot.domain.errors import InvalidInput, OutOfStock
from bot.money import to_minor
from bot.services import experiments
from bot.services.cart_lines import catalog_row, load_cart
from bot.services.shop import Shop
from bot.store.history import HistoryRepository
from bot.store.repositories import CartRepository


@dataclass(frozen=True)
class PlacedOrder:
    """An order just placed."""

    order_ref: str
    subtotal: Decimal
    shipping: Decimal
    total: Decimal


def place_order(shop: Shop, cart_id: int) -> PlacedOrder:
    """Turn a cart into an order: take stock, record history, update statistics, empty the cart.

    The caller is the shop's backend after payment (the API checks its server key): no
    shopper's cart token can record an order, or stock and "bought together" statistics
    would be anyone's to change.

    Raises:
        NotFound: The cart does not exist.
        InvalidInput: The cart is empty.
        OutOfStock: A line exceeds the stock; nothing is changed.
    """
    with shop.session_factory.begin() as session:
        cart, view = load_cart(session, cart_id, lock=True)
        if not view.lines:
            raise InvalidInput("the cart is empty")
        carts = CartRepository(session)
        lines = []
        for line in view.lines:
            row = catalog_row(session, line.product)
            if row.stock < line.quantity or not row.active:
                raise OutOfStock(row.name, row.stock)
            row.stock -= line.quantity
            lines.append((row.id, line.quantity, to_minor(line.product.price)))
            carts.remove(cart, row.id)
        history = HistoryRepository(session)
        order_ref = f"W{uuid4().hex[:12].upper()}"
        order = history.add_order(order_ref, cart.customer_id, lines)
        experiments.attribute_order(session, order, cart.id)
        history.count_order(pid for pid, _, _ in lines)
        totals = view.totals
        return PlacedOrder(order_ref, totals.subtotal, totals.shipping, totals.total)
