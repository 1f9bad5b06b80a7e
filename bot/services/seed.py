"""Load the deterministic demo shop into a store (idempotent)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from bot.demo.catalog import (
    CURRENCY,
    FLAT_SHIPPING,
    FREE_SHIPPING_THRESHOLD,
    GAP_FILLERS,
    PLANS,
    PRODUCTS,
)
from bot.demo.orders import generate_orders
from bot.money import to_minor
from bot.services.neighbours import needs_rebuild, rebuild_in
from bot.services.shop import Shop
from bot.store.history import HistoryRepository, NewOrder
from bot.store.neighbours import NeighbourRepository
from bot.store.repositories import CatalogRepository, CustomerRepository, dialect_insert
from bot.store.tables import PlanRow, ShippingPolicyRow


def _seed_catalog(session: Session) -> dict[str, int]:
    catalog = CatalogRepository(session)
    for p in PRODUCTS:
        catalog.upsert_product(
            {
                "sku": p.sku, "name": p.name, "category": p.category, "role": p.role,
                "family": p.family, "tier": p.tier, "tier_label": p.tier_label,
                "price_minor": to_minor(Decimal(p.price)), "currency": CURRENCY,
                "stock": p.stock, "active": True,
            },
            update=False,  # re-seeding keeps stock and prices the shop has since changed
        )  # fmt: skip
    ids = {row.sku: row.id for row in catalog.products(active_only=False)}
    for p in PRODUCTS:
        for other in p.complements:
            catalog.add_complement(ids[p.sku], ids[other])
    return ids


def _seed_plans_and_shipping(session: Session) -> None:
    for plan in PLANS:
        values = {
            "code": plan.code, "name": plan.name, "price_minor": to_minor(Decimal(plan.price)),
            "currency": CURRENCY, "interval": plan.interval, "tier": plan.tier,
        }  # fmt: skip
        statement = dialect_insert(session, PlanRow).values(**values)
        session.execute(statement.on_conflict_do_nothing(index_elements=["code"]))
    if CatalogRepository(session).shipping_policy() is None:
        session.add(
            ShippingPolicyRow(
                id=1,
                currency=CURRENCY,
                threshold_minor=to_minor(Decimal(FREE_SHIPPING_THRESHOLD)),
                flat_rate_minor=to_minor(Decimal(FLAT_SHIPPING)),
            )
        )


def _seed_orders(session: Session, ids: dict[str, int], count: int) -> int:
    history = HistoryRepository(session)
    customers = CustomerRepository(session)
    generated = generate_orders(count=count)
    known = history.existing_refs(o.order_ref for o in generated)
    prices = {p.sku: to_minor(Decimal(p.price)) for p in PRODUCTS}
    customer_ids: dict[str, int] = {}
    new_orders = []
    for order in generated:
        if order.order_ref in known:
            continue
        ref = order.customer_ref
        if ref not in customer_ids:
            customer_ids[ref] = (customers.by_ref(ref) or customers.create(ref)).id
        lines = [(ids[sku], qty, prices[sku]) for sku, qty in order.lines]
        new_orders.append(NewOrder(order.order_ref, customer_ids[ref], lines, order.placed_at))
    history.add_orders(new_orders)
    if new_orders:
        history.rebuild_statistics()
    if new_orders or needs_rebuild(session):  # e.g. a store upgraded to the lists' migration
        rebuild_in(session)
    return len(new_orders)


def seed_demo(shop: Shop, orders: int = 2400) -> int:
    """Load the demo catalog, plans, shipping policy and order history in one transaction.

    Re-running changes nothing that is already there.

    Returns:
        How many orders were added.
    """
    with shop.session_factory.begin() as session:
        ids = _seed_catalog(session)
        _seed_plans_and_shipping(session)
        fillers = NeighbourRepository(session)
        if not fillers.gap_fillers():
            fillers.set_gap_fillers(GAP_FILLERS)
        return _seed_orders(session, ids, orders)
