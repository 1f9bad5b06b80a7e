"""Purchase history and the co-purchase statistics derived from it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from bot.store.statistics import PairCount, StatisticsRepository
from bot.store.tables import OrderLineRow, OrderRow

__all__ = ["HistoryRepository", "NewOrder", "PairCount"]

SYNC_ORDER_SEQUENCE = (
    "SELECT setval(pg_get_serial_sequence('orders', 'id'), (SELECT max(id) FROM orders))"
)


@dataclass(frozen=True)
class NewOrder:
    """An order to record in bulk; ``lines`` are ``(product_id, quantity, unit_price_minor)``."""

    order_ref: str
    customer_id: int | None
    lines: Sequence[tuple[int, int, int]]
    placed_at: datetime


class HistoryRepository:
    """Orders, order lines, item and pair statistics."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def order_exists(self, order_ref: str) -> bool:
        """Whether an order with this reference was already recorded."""
        query = select(OrderRow.id).where(OrderRow.order_ref == order_ref)
        return self.session.scalar(query) is not None

    def existing_refs(self, refs: Iterable[str]) -> set[str]:
        """Which of these order references are already recorded."""
        wanted = list(dict.fromkeys(refs))
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            found |= set(
                self.session.scalars(
                    select(OrderRow.order_ref).where(OrderRow.order_ref.in_(chunk))
                )
            )
        return found

    def add_orders(self, orders: Sequence[NewOrder]) -> None:
        """Stage many orders with two multi-row inserts (statistics are not touched)."""
        if not orders:
            return
        first = (self.session.scalar(select(func.max(OrderRow.id))) or 0) + 1
        order_rows, line_rows = [], []
        for offset, order in enumerate(orders):
            order_id = first + offset
            total = sum(qty * price for _, qty, price in order.lines)
            order_rows.append(
                {
                    "id": order_id,
                    "order_ref": order.order_ref,
                    "customer_id": order.customer_id,
                    "placed_at": order.placed_at,
                    "total_minor": total,
                }
            )
            line_rows += [
                {
                    "order_id": order_id,
                    "product_id": pid,
                    "quantity": qty,
                    "unit_price_minor": price,
                }
                for pid, qty, price in order.lines
            ]
        self.session.execute(insert(OrderRow), order_rows)
        self.session.execute(insert(OrderLineRow), line_rows)
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(text(SYNC_ORDER_SEQUENCE))

    def add_order(
        self,
        order_ref: str,
        customer_id: int | None,
        lines: Sequence[tuple[int, int, int]],
        placed_at: datetime | None = None,
    ) -> OrderRow:
        """Stage an order; ``lines`` are ``(product_id, quantity, unit_price_minor)``."""
        total = sum(quantity * price for _, quantity, price in lines)
        order = OrderRow(order_ref=order_ref, customer_id=customer_id, total_minor=total)
        if placed_at is not None:
            order.placed_at = placed_at
        self.session.add(order)
        self.session.flush()
        self.session.execute(
            insert(OrderLineRow),
            [
                {"order_id": order.id, "product_id": pid, "quantity": qty, "unit_price_minor": p}
                for pid, qty, p in lines
            ],
        )
        return order

    def count_order(self, product_ids: Iterable[int]) -> None:
        """Update item and pair statistics for one new order (incrementally)."""
        StatisticsRepository(self.session).count_orders([product_ids])

    def rebuild_statistics(self) -> None:
        """Recompute item and pair statistics from every recorded order."""
        StatisticsRepository(self.session).rebuild()

    def pair_counts(self, anchor_ids: Iterable[int], min_together: int = 1) -> list[PairCount]:
        """Co-purchase counts for every product bought with the anchors."""
        return StatisticsRepository(self.session).pair_counts(anchor_ids, min_together)

    def item_orders(self, product_ids: Iterable[int]) -> dict[int, int]:
        """How many orders held each product."""
        return StatisticsRepository(self.session).item_orders(product_ids)
