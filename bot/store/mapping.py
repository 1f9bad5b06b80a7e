"""Row ↔ domain object conversions."""

from __future__ import annotations

from bot.domain.models import Plan, Product, Role, ShippingPolicy
from bot.money import from_minor
from bot.store.tables import PlanRow, ProductRow, ShippingPolicyRow


def product_of(row: ProductRow) -> Product:
    """Domain product from its row."""
    return Product(
        sku=row.sku,
        name=row.name,
        category=row.category,
        price=from_minor(row.price_minor),
        currency=row.currency,
        stock=row.stock,
        role=Role(row.role),
        family=row.family,
        tier=row.tier,
        tier_label=row.tier_label,
        active=row.active,
    )


def plan_of(row: PlanRow) -> Plan:
    """Domain plan from its row."""
    return Plan(row.code, row.name, from_minor(row.price_minor), row.interval, row.tier)


def shipping_of(row: ShippingPolicyRow) -> ShippingPolicy:
    """Domain shipping policy from its row."""
    return ShippingPolicy(
        threshold=from_minor(row.threshold_minor),
        flat_rate=from_minor(row.flat_rate_minor),
        currency=row.currency,
    )
