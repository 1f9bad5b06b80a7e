"""Cart use cases: create, read, add (idempotent per key) and remove.

The line operations they share with the chat flows live in :mod:`bot.services.cart_lines`
and are re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from uuid import uuid4

from bot.domain.errors import IdempotencyMismatch
from bot.services.access import claims_for_cart
from bot.services.cart_lines import (
    DEFAULT_POLICY,
    CartView,
    add_quantity,
    catalog_row,
    clear_lines,
    decrement_line,
    load_cart,
    product_by_sku,
    remove_line,
    set_line,
    shipping_policy,
    swap_line,
    swap_part,
)
from bot.services.shop import Shop
from bot.store.repositories import CartRepository, CustomerRepository
from bot.tokens import issue_token

__all__ = [
    "DEFAULT_POLICY",
    "CartView",
    "IdempotencyKey",
    "Replay",
    "add_quantity",
    "add_to_cart",
    "catalog_row",
    "clear_lines",
    "create_cart",
    "decrement_line",
    "get_cart",
    "load_cart",
    "product_by_sku",
    "remove_from_cart",
    "remove_line",
    "set_line",
    "shipping_policy",
    "swap_line",
    "swap_part",
]


def create_cart(shop: Shop, customer_ref: str | None = None) -> tuple[int, str]:
    """Create a cart for a customer (a new guest when ``customer_ref`` is None).

    Returns:
        The cart id and a token granting that cart and its customer.
    """
    with shop.session_factory.begin() as session:
        customers = CustomerRepository(session)
        customer = customers.by_ref(customer_ref) if customer_ref else None
        if customer is None:
            customer = customers.create(customer_ref or f"guest-{uuid4().hex[:16]}")
        policy = shipping_policy(session)
        cart = CartRepository(session).create(customer.id, policy.currency)
        cart_id, customer_id = cart.id, customer.id
    return cart_id, issue_token(shop.secret, customer_id, cart_id)


def get_cart(shop: Shop, token: str | None, cart_id: int) -> CartView:
    """Read a cart the token grants."""
    claims_for_cart(shop.secret, token, cart_id)
    with shop.read_factory.begin() as session:
        return load_cart(session, cart_id)[1]


@dataclass(frozen=True)
class IdempotencyKey:
    """An ``Idempotency-Key`` header, what the request asked for, and how to answer it.

    Attributes:
        key: The client's key (scoped to the cart: the same key on two carts is two keys).
        fingerprint: A hash of the method, path and body; the same key with another
            fingerprint is refused.
        render: The response body for a cart, stored with the key and replayed verbatim.
    """

    key: str
    fingerprint: str
    render: Callable[[CartView], str]


@dataclass(frozen=True)
class Replay:
    """The stored answer to an earlier request with the same key and body."""

    status: int
    body: str


def add_to_cart(
    shop: Shop,
    token: str | None,
    cart_id: int,
    sku: str,
    quantity: int,
    key: IdempotencyKey | None = None,
) -> CartView | Replay:
    """Add a quantity of a SKU, at most once per idempotency key.

    The cart row is locked first, so concurrent requests with one key run one after the
    other: the first applies the change and stores its answer, the others get that answer.

    Returns:
        The priced cart, or the stored :class:`Replay` when ``key`` was used before with
        the same request.

    Raises:
        IdempotencyMismatch: ``key`` was used on this cart for a different request (422).
    """
    claims_for_cart(shop.secret, token, cart_id)
    with shop.session_factory.begin() as session:
        cart, view = load_cart(session, cart_id, lock=True)
        product = product_by_sku(session, sku)
        carts = CartRepository(session)
        scoped = f"api:{cart_id}:{key.key}" if key else None
        if key is not None and scoped is not None:
            stored = carts.stored_key(scoped)
            if stored is not None:
                if stored.request_hash != key.fingerprint:
                    raise IdempotencyMismatch("this Idempotency-Key was used for another request")
                return Replay(stored.status or 200, stored.response or "{}")
        add_quantity(session, cart, view, product, quantity)
        result = load_cart(session, cart_id)[1]
        if key is not None and scoped is not None:
            carts.store_key(scoped, key.fingerprint, 200, key.render(result))
        return result


def remove_from_cart(shop: Shop, token: str | None, cart_id: int, sku: str) -> CartView:
    """Remove a SKU's line from the cart."""
    claims_for_cart(shop.secret, token, cart_id)
    with shop.session_factory.begin() as session:
        cart, view = load_cart(session, cart_id, lock=True)
        remove_line(session, cart, view, product_by_sku(session, sku))
        return load_cart(session, cart_id)[1]
