"""Cart pricing and the free-shipping threshold."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from bot.domain.models import CartLine, CartTotals, ShippingPolicy
from bot.money import to_money

ZERO = Decimal("0.00")


def subtotal_of(lines: Sequence[CartLine]) -> Decimal:
    """Sum of line totals, before shipping."""
    return to_money(sum((line.line_total for line in lines), ZERO))


def shipping_for(subtotal: Decimal, policy: ShippingPolicy) -> Decimal:
    """Shipping cost for a subtotal: free at or above the threshold, none for an empty cart."""
    if subtotal <= 0 or subtotal >= policy.threshold:
        return ZERO
    return to_money(policy.flat_rate)


def remaining_for_free_shipping(subtotal: Decimal, policy: ShippingPolicy) -> Decimal:
    """How much more the shopper must add to reach free shipping (zero once reached)."""
    return to_money(max(policy.threshold - subtotal, ZERO))


def price_cart(lines: Sequence[CartLine], policy: ShippingPolicy) -> CartTotals:
    """Price a cart: subtotal, shipping and total, plus the free-shipping gap."""
    subtotal = subtotal_of(lines)
    shipping = shipping_for(subtotal, policy)
    return CartTotals(
        subtotal=subtotal,
        shipping=shipping,
        total=to_money(subtotal + shipping),
        free_shipping_threshold=to_money(policy.threshold),
        remaining_for_free_shipping=remaining_for_free_shipping(subtotal, policy),
    )
