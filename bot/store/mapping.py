"""Row ↔ domain object conversions."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

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


PRODUCT_CACHE = 65_536  # products kept built, by their column values (about 40 MB at most)
PRODUCT_COLUMNS = (
    ProductRow.sku,
    ProductRow.name,
    ProductRow.category,
    ProductRow.price_minor,
    ProductRow.currency,
    ProductRow.stock,
    ProductRow.role,
    ProductRow.family,
    ProductRow.tier,
    ProductRow.tier_label,
    ProductRow.active,
)


def product_from_columns(values: Sequence[Any]) -> Product:
    """Domain product from the :data:`PRODUCT_COLUMNS` of a row (no ORM entity: faster).

    Memoised on the column values: a product is immutable and equal values make an equal
    product, so a changed row (new stock, price...) simply makes a new one. Building one costs
    ~10-30 µs (Decimal, enum); a cart reads up to 50 neighbour rows per item.
    """
    return _product(tuple(values))


@lru_cache(maxsize=PRODUCT_CACHE)
def _product(values: tuple[Any, ...]) -> Product:
    sku, name, category, price, currency, stock, role, family, tier, label, active = values
    return Product(
        sku, name, category, from_minor(price), currency, stock, Role(role), family, tier,
        label, active,
    )  # fmt: skip


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
