"""Cart line operations the cart use cases and the chat flows share.

Each runs inside the caller's transaction (it never commits): the caller loads the cart
with :func:`load_cart`, changes lines here, and commits once.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from bot.domain.errors import (
    CartFull,
    InvalidQuantity,
    LineLimitExceeded,
    NotEnoughInCart,
    NotFound,
    NotInCart,
    OtherCurrency,
    OutOfStock,
    UnknownProduct,
)
from bot.domain.matching import MAX_CART_LINES, MAX_QUANTITY
from bot.domain.models import CartLine, CartTotals, Product, ShippingPolicy
from bot.domain.pricing import price_cart
from bot.store.mapping import product_of, shipping_of
from bot.store.repositories import CartRepository, CatalogRepository
from bot.store.tables import CartRow, ProductRow

DEFAULT_POLICY = ShippingPolicy(threshold=Decimal("50.00"), flat_rate=Decimal("4.99"))


@dataclass(frozen=True)
class CartView:
    """A priced cart."""

    cart_id: int
    customer_id: int
    currency: str
    lines: tuple[CartLine, ...]
    totals: CartTotals

    def line_for(self, sku: str) -> CartLine | None:
        """The line holding ``sku``, if any."""
        return next((line for line in self.lines if line.product.sku == sku), None)


def shipping_policy(session: Session) -> ShippingPolicy:
    """The shop's shipping policy, or the built-in default when none is configured."""
    row = CatalogRepository(session).shipping_policy()
    return shipping_of(row) if row else DEFAULT_POLICY


def load_cart(session: Session, cart_id: int, lock: bool = False) -> tuple[CartRow, CartView]:
    """Load and price a cart.

    Raises:
        NotFound: If the cart does not exist.
    """
    carts = CartRepository(session)
    row = carts.get(cart_id, for_update=lock)
    if row is None:
        raise NotFound(f"cart {cart_id} does not exist")
    lines = tuple(CartLine(product_of(p), line.quantity) for line, p in carts.lines(cart_id))
    view = CartView(
        row.id, row.customer_id, row.currency, lines, price_cart(lines, shipping_policy(session))
    )
    return row, view


def product_by_sku(session: Session, sku: str) -> Product:
    """A sellable product by SKU.

    Raises:
        UnknownProduct: If there is no active product with that SKU.
    """
    row = CatalogRepository(session).by_sku(sku)
    if row is None or not row.active:
        raise UnknownProduct(sku)
    return product_of(row)


def catalog_row(session: Session, product: Product) -> ProductRow:
    """The store row behind a product the caller already read.

    Raises:
        UnknownProduct: If the product is gone from the catalog since it was read.
    """
    row = CatalogRepository(session).by_sku(product.sku)
    if row is None:
        raise UnknownProduct(product.sku)
    return row


def set_line(session: Session, cart: CartRow, product: Product, quantity: int) -> None:
    """Set a line's quantity after checking the range and the stock.

    Raises:
        InvalidQuantity: Outside 1..MAX_QUANTITY.
        OutOfStock: More than the stock.
        OtherCurrency: The product is priced in another currency than the cart (totals
            would mix currencies).
        CartFull: A new line would make more than ``MAX_CART_LINES`` lines.
    """
    if not 1 <= quantity <= MAX_QUANTITY:
        raise InvalidQuantity(MAX_QUANTITY)
    if product.currency != cart.currency:
        raise OtherCurrency(product.name, product.currency, cart.currency)
    if not product.active or product.stock < quantity:
        raise OutOfStock(product.name, max(product.stock, 0) if product.active else 0)
    row = catalog_row(session, product)
    carts = CartRepository(session)
    if not carts.holds(cart.id, row.id) and carts.line_count(cart.id) >= MAX_CART_LINES:
        raise CartFull(MAX_CART_LINES)
    carts.set_quantity(cart, row.id, quantity)


def add_quantity(
    session: Session, cart: CartRow, view: CartView, product: Product, qty: int
) -> None:
    """Add ``qty`` of a product on top of what the cart already holds."""
    if not 1 <= qty <= MAX_QUANTITY:
        raise InvalidQuantity(MAX_QUANTITY)
    current = view.line_for(product.sku)
    have = current.quantity if current else 0
    if qty + have > MAX_QUANTITY:
        raise LineLimitExceeded(product.name, have, MAX_QUANTITY)
    set_line(session, cart, product, qty + have)


def remove_line(session: Session, cart: CartRow, view: CartView, product: Product) -> None:
    """Remove a product's line.

    Raises:
        NotInCart: If the cart does not hold it.
    """
    if view.line_for(product.sku) is None:
        raise NotInCart(product.name)
    row = catalog_row(session, product)
    CartRepository(session).remove(cart, row.id)


def clear_lines(session: Session, cart: CartRow, view: CartView) -> int:
    """Remove every line of the cart, in the caller's transaction; returns how many lines."""
    for line in view.lines:
        remove_line(session, cart, view, line.product)
    return len(view.lines)


def decrement_line(
    session: Session, cart: CartRow, view: CartView, product: Product, qty: int
) -> int:
    """Take ``qty`` of a product out of its line (the whole line when that is all of it).

    Returns:
        How many are left (0: the line is gone).

    Raises:
        InvalidQuantity: ``qty`` outside 1..MAX_QUANTITY.
        NotInCart: The cart does not hold the product.
        NotEnoughInCart: The line holds fewer than ``qty`` (nothing is changed).
    """
    if not 1 <= qty <= MAX_QUANTITY:
        raise InvalidQuantity(MAX_QUANTITY)
    line = view.line_for(product.sku)
    if line is None:
        raise NotInCart(product.name)
    if qty > line.quantity:
        raise NotEnoughInCart(product.name, line.quantity, qty)
    if qty == line.quantity:
        remove_line(session, cart, view, product)
        return 0
    row = catalog_row(session, product)
    CartRepository(session).set_quantity(cart, row.id, line.quantity - qty)
    return line.quantity - qty


def swap_line(
    session: Session,
    cart: CartRow,
    view: CartView,
    old: Product,
    new: Product,
    quantity: int | None = None,
) -> int:
    """Replace ``old``'s line by ``new``, as one change of the cart.

    Both steps run in the caller's transaction: a failed stock check leaves the old line.

    Args:
        session: The caller's transaction.
        cart: The cart.
        view: The cart as loaded.
        old: The product whose line goes.
        new: The product that replaces it.
        quantity: How many of ``new`` (the shopper said it); None: the line's quantity.

    Returns:
        The quantity of the new line.

    Raises:
        NotInCart: The cart does not hold ``old``.
        OutOfStock: Not enough of ``new`` for the line's quantity.
    """
    line = view.line_for(old.sku)
    if line is None:
        raise NotInCart(old.name)
    quantity = line.quantity if quantity is None else quantity
    if not new.active or new.stock < quantity:
        raise OutOfStock(new.name, max(new.stock, 0) if new.active else 0)
    remove_line(session, cart, view, old)
    set_line(session, cart, new, quantity)
    return quantity


def swap_part(
    session: Session,
    cart: CartRow,
    view: CartView,
    old: Product,
    new: Product,
    counts: tuple[int, int],
) -> int:
    """Take some of ``old``'s line out and put ``new`` in, as one change of the cart.

    "swap one of the mugs for a tripod": both steps run in the caller's transaction, so a
    failed stock check (or a line holding fewer) changes nothing.

    Args:
        session: The caller's transaction.
        cart: The cart.
        view: The cart as loaded.
        old: The product some of whose line goes.
        new: The product that comes in.
        counts: How many of ``old`` go and how many of ``new`` come in.

    Returns:
        How many of ``old`` are left (0: the line is gone).

    Raises:
        NotInCart: The cart does not hold ``old``.
        NotEnoughInCart: The line holds fewer than the number to take out.
        OutOfStock: Not enough of ``new``.
    """
    taken, quantity = counts
    if not new.active or new.stock < quantity:
        raise OutOfStock(new.name, max(new.stock, 0) if new.active else 0)
    left = decrement_line(session, cart, view, old, taken)
    set_line(session, cart, new, quantity)
    return left
