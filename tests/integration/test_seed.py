from decimal import Decimal

from sqlalchemy import func, select

from bot.demo.catalog import PLANS, PRODUCTS
from bot.services.cart import shipping_policy
from bot.services.seed import seed_demo
from bot.store.tables import (
    ComplementRow,
    ItemStatRow,
    OrderRow,
    PairStatRow,
    PlanRow,
    ProductRow,
    ShippingPolicyRow,
)


def _count(session, column) -> int:
    return session.scalar(select(func.count(column)))


def test_seeded_shop_has_a_realistic_catalog_and_history(shop) -> None:
    with shop.session_factory.begin() as session:
        products = _count(session, ProductRow.id)
        categories = session.scalar(select(func.count(func.distinct(ProductRow.category))))
        plans = _count(session, PlanRow.id)
        orders = _count(session, OrderRow.id)
        complements = _count(session, ComplementRow.product_id)
        items = _count(session, ItemStatRow.product_id)
        pairs = _count(session, PairStatRow.product_id)
        policy = shipping_policy(session)

    assert products >= 40
    assert products == len(PRODUCTS)
    assert categories >= 6
    assert plans >= 3
    assert plans == len(PLANS)
    assert orders >= 2000
    assert complements == sum(len(p.complements) for p in PRODUCTS)
    assert items > 0
    assert pairs > 0
    assert policy.threshold == Decimal("50.00")
    assert policy.flat_rate == Decimal("4.99")
    assert policy.currency == "USD"


def test_seeding_again_adds_nothing(shop, store_state) -> None:
    before = store_state(shop)

    added = seed_demo(shop)

    assert added == 0
    assert store_state(shop) == before


def test_seeding_an_empty_store_loads_everything_once(empty_shop) -> None:
    first = seed_demo(empty_shop, orders=40)
    second = seed_demo(empty_shop, orders=40)

    with empty_shop.session_factory.begin() as session:
        products = _count(session, ProductRow.id)
        orders = _count(session, OrderRow.id)
        policies = _count(session, ShippingPolicyRow.id)
        plans = _count(session, PlanRow.id)
        counted = session.scalar(select(func.sum(ItemStatRow.orders)))
    assert (first, second) == (40, 0)
    assert products == len(PRODUCTS)
    assert orders == 40
    assert policies == 1
    assert plans == len(PLANS)
    assert counted >= 40  # every order holds at least one product


def test_seeded_prices_are_stored_in_cents(shop) -> None:
    with shop.session_factory.begin() as session:
        row = session.scalar(select(ProductRow).where(ProductRow.sku == "PH-ARIA-256"))

    assert row.price_minor == 79900
    assert row.name == "Aria Phone 256 GB"
    assert (row.family, row.tier, row.role) == ("Aria Phone", 2, "main")
