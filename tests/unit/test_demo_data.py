"""Unit tests for the deterministic demo catalog and order history."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timezone
from decimal import Decimal

import pytest

from bot.demo.catalog import (
    FLAT_SHIPPING,
    FREE_SHIPPING_THRESHOLD,
    PLANS,
    PRODUCTS,
    DemoProduct,
    product_by_sku,
)
from bot.demo.orders import DemoOrder, generate_orders

BY_SKU = product_by_sku()


@pytest.fixture(scope="module")
def orders() -> list[DemoOrder]:
    return generate_orders()


def _is_money(value: str) -> bool:
    amount = Decimal(value)
    return amount > 0 and amount.as_tuple().exponent == -2


def test_catalog_counts() -> None:
    assert len(PRODUCTS) >= 44
    assert len({p.category for p in PRODUCTS}) >= 7
    assert len(PLANS) >= 3
    assert {p.role for p in PRODUCTS} == {"main", "accessory"}


def test_skus_and_names_unique() -> None:
    assert len({p.sku for p in PRODUCTS}) == len(PRODUCTS)
    assert len({p.name.casefold() for p in PRODUCTS}) == len(PRODUCTS)
    assert len(BY_SKU) == len(PRODUCTS)
    assert len({plan.code for plan in PLANS}) == len(PLANS)


def test_prices_are_two_place_decimals() -> None:
    for value in [p.price for p in PRODUCTS] + [plan.price for plan in PLANS]:
        assert isinstance(value, str)
        assert _is_money(value), value
    assert _is_money(FREE_SHIPPING_THRESHOLD)
    assert _is_money(FLAT_SHIPPING)


def test_complements_exist_and_mains_have_two_to_four() -> None:
    for product in PRODUCTS:
        for sku in product.complements:
            assert sku in BY_SKU, (product.sku, sku)
            assert sku != product.sku
        assert len(set(product.complements)) == len(product.complements)
        if product.role == "main":
            assert 2 <= len(product.complements) <= 4, product.sku


def test_families_have_consecutive_tiers_and_rising_prices() -> None:
    families: dict[str, list[DemoProduct]] = defaultdict(list)
    for product in PRODUCTS:
        if product.family is None:
            assert product.tier is None and product.tier_label is None
            continue
        assert product.tier is not None and product.tier_label
        families[product.family].append(product)
    assert len(families) >= 5
    for members in families.values():
        members.sort(key=lambda p: p.tier or 0)
        assert [p.tier for p in members] == list(range(1, len(members) + 1))
        prices = [Decimal(p.price) for p in members]
        assert all(a < b for a, b in zip(prices, prices[1:], strict=False))
        assert len({p.category for p in members}) == 1


def test_plans_tiers_and_prices() -> None:
    ordered = sorted(PLANS, key=lambda plan: plan.tier)
    assert [plan.tier for plan in ordered] == list(range(1, len(PLANS) + 1))
    prices = [Decimal(plan.price) for plan in ordered]
    assert all(a < b for a, b in zip(prices, prices[1:], strict=False))


def test_cheap_fillers_and_stock_edge_cases() -> None:
    cheap = [p for p in PRODUCTS if Decimal("3") <= Decimal(p.price) <= Decimal("30")]
    assert len(cheap) >= 8
    assert sum(p.stock == 0 for p in PRODUCTS) >= 2
    assert sum(0 < p.stock <= 3 for p in PRODUCTS) >= 2
    assert all(p.stock >= 0 for p in PRODUCTS)


def test_orders_are_deterministic(orders: list[DemoOrder]) -> None:
    assert generate_orders() == orders
    assert generate_orders(seed=8) != orders
    assert generate_orders(count=50, seed=3) == generate_orders(count=50, seed=3)


def test_order_shape(orders: list[DemoOrder]) -> None:
    assert len(orders) >= 2000
    assert len({o.order_ref for o in orders}) == len(orders)
    assert len({o.customer_ref for o in orders}) > 100
    start = datetime(2023, 12, 1, tzinfo=timezone.utc)
    end = datetime(2026, 1, 1, tzinfo=timezone.utc)
    for order in orders:
        assert order.placed_at.tzinfo is not None
        assert start <= order.placed_at < end
        skus = [sku for sku, _ in order.lines]
        assert skus and len(set(skus)) == len(skus)
        assert all(qty >= 1 and sku in BY_SKU for sku, qty in order.lines)
    assert [o.placed_at for o in orders] == sorted(o.placed_at for o in orders)


def test_no_order_holds_two_tiers_of_a_family(orders: list[DemoOrder]) -> None:
    for order in orders:
        families = [BY_SKU[sku].family for sku, _ in order.lines if BY_SKU[sku].family]
        assert len(families) == len(set(families)), order


def test_quantities_mostly_one(orders: list[DemoOrder]) -> None:
    quantities = [qty for order in orders for _, qty in order.lines]
    assert sum(q == 1 for q in quantities) / len(quantities) > 0.8
    assert any(q == 2 for q in quantities)


def test_co_purchase_structure(orders: list[DemoOrder]) -> None:
    phone_orders = [
        {sku for sku, _ in o.lines}
        for o in orders
        if any(BY_SKU[sku].family == "Aria Phone" for sku, _ in o.lines)
    ]
    assert len(phone_orders) >= 200
    case_skus = {"PA-CASE-CLR", "PA-CASE-LTH"}
    case_share = sum(bool(skus & case_skus) for skus in phone_orders) / len(phone_orders)
    tripod_share = sum("CA-TRIPOD" in skus for skus in phone_orders) / len(phone_orders)
    assert case_share > 0.2
    assert case_share > tripod_share + 0.15
    accessory_only = sum(
        all(BY_SKU[sku].role == "accessory" for sku, _ in o.lines) for o in orders
    ) / len(orders)
    assert 0.15 < accessory_only < 0.35
