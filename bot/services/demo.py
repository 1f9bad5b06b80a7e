"""The demo shopper behind the cart page and ``python -m bot up``: a cart, a token, a plan."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import uuid4

from bot.domain.errors import DomainError
from bot.services.cart import add_quantity, load_cart, product_by_sku, shipping_policy
from bot.services.shop import Shop
from bot.store.repositories import CartRepository, CustomerRepository, SubscriptionRepository
from bot.tokens import issue_token

STARTER_LINES: tuple[tuple[str, int], ...] = (("CF-BEANS-ESP", 1),)
"""What the demo cart starts with: under the free-shipping threshold, with add-ons to offer."""
DEMO_PLAN = "care-plus"
"""The plan the demo shopper subscribes to, so the cancel flow has something to cancel."""


@dataclass(frozen=True)
class DemoShopper:
    """A demo customer's ids and the token that grants their cart and subscription."""

    customer_ref: str
    cart_id: int
    subscription_id: int | None
    token: str


def start_demo_shopper(
    shop: Shop,
    customer_ref: str | None = None,
    lines: tuple[tuple[str, int], ...] = STARTER_LINES,
    plan_code: str | None = DEMO_PLAN,
) -> DemoShopper:
    """Create a customer with a cart (holding ``lines``) and a subscription, in one transaction.

    Lines whose product is unknown or out of stock, and a plan the store lacks, are left out:
    a shop that imported its own catalog still gets a working (if emptier) demo shopper.

    Args:
        shop: The shop.
        customer_ref: The customer's reference; a new ``web-…`` reference when ``None``.
        lines: ``(sku, quantity)`` pairs to put in the cart.
        plan_code: The plan to subscribe to, or ``None`` for none.

    Returns:
        The shopper's ids and token.
    """
    ref = customer_ref or f"web-{uuid4().hex[:16]}"
    with shop.session_factory.begin() as session:
        customers = CustomerRepository(session)
        customer = customers.by_ref(ref) or customers.create(ref)
        cart_id = CartRepository(session).create(customer.id, shipping_policy(session).currency).id
        for sku, quantity in lines:
            cart, view = load_cart(session, cart_id, lock=True)
            try:
                with session.begin_nested():
                    add_quantity(session, cart, view, product_by_sku(session, sku), quantity)
            except DomainError:
                continue
        subscriptions = SubscriptionRepository(session)
        plan = subscriptions.plan_by_code(plan_code) if plan_code else None
        subscription_id = subscriptions.create(customer.id, plan.id).id if plan else None
        customer_id = customer.id
    return DemoShopper(
        ref, cart_id, subscription_id, issue_token(shop.secret, customer_id, cart_id)
    )
