"""Helpers for reading the store back in integration tests (exposed as the ``probe`` fixture)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from bot.services.shop import Shop
from bot.store.offers import OfferRepository
from bot.store.repositories import CartRepository
from bot.store.tables import OrderLineRow, PlanRow, ProductRow, SubscriptionRow


class Probe:
    """Read (and, for set-up only, tweak) store state with short transactions."""

    @staticmethod
    def lines(shop: Shop, cart_id: int) -> dict[str, int]:
        """The cart's lines as ``{sku: quantity}``, in the order they were added."""
        with shop.session_factory.begin() as session:
            rows = CartRepository(session).lines(cart_id)
            return {product.sku: line.quantity for line, product in rows}

    @staticmethod
    def offers(shop: Shop, conversation_id: str) -> list[tuple[str, str, str, bool]]:
        """Offer events as ``(event, kind, sku, solicited)``, oldest first."""
        with shop.session_factory.begin() as session:
            events = OfferRepository(session).events(conversation_id)
            return [(e.event, e.kind, e.sku, e.solicited) for e in events]

    @staticmethod
    def subscription(shop: Shop, subscription_id: int) -> tuple[str, str]:
        """``(status, plan_code)`` of a subscription."""
        with shop.session_factory.begin() as session:
            row = session.get(SubscriptionRow, subscription_id)
            assert row is not None
            return row.status, session.get(PlanRow, row.plan_id).code

    @staticmethod
    def set_stock(shop: Shop, sku: str, stock: int) -> None:
        """Change a product's stock (test set-up)."""
        with shop.session_factory.begin() as session:
            session.execute(update(ProductRow).where(ProductRow.sku == sku).values(stock=stock))

    @staticmethod
    def product_id(shop: Shop, sku: str) -> int:
        with shop.session_factory.begin() as session:
            return session.scalar(select(ProductRow.id).where(ProductRow.sku == sku))

    @staticmethod
    def orders_with(shop: Shop, *skus: str) -> int:
        """How many recorded orders hold every one of ``skus`` (counted straight from lines)."""
        with shop.session_factory.begin() as session:
            query = (
                select(OrderLineRow.order_id)
                .join(ProductRow, ProductRow.id == OrderLineRow.product_id)
                .where(ProductRow.sku.in_(skus))
                .group_by(OrderLineRow.order_id)
                .having(func.count(func.distinct(ProductRow.sku)) == len(set(skus)))
            )
            return len(session.execute(query).all())


@pytest.fixture
def probe() -> type[Probe]:
    return Probe
