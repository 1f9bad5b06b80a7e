"""Purchase history and the co-purchase statistics derived from it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import permutations

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.orm import Session, aliased

from bot.store.repositories import dialect_insert
from bot.store.tables import ItemStatRow, OrderLineRow, OrderRow, PairStatRow

SYNC_ORDER_SEQUENCE = (
    "SELECT setval(pg_get_serial_sequence('orders', 'id'), (SELECT max(id) FROM orders))"
)


@dataclass(frozen=True)
class PairCount:
    """Orders that held both the anchor and the other product, and orders with the anchor."""

    anchor_id: int
    other_id: int
    together: int
    anchor_orders: int


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
        ids = sorted(set(product_ids))
        if not ids:
            return
        items = dialect_insert(self.session, ItemStatRow)
        self.session.execute(
            items.on_conflict_do_update(
                index_elements=["product_id"], set_={"orders": ItemStatRow.orders + 1}
            ),
            [{"product_id": pid, "orders": 1} for pid in ids],
        )
        if len(ids) < 2:
            return
        pairs = dialect_insert(self.session, PairStatRow)
        self.session.execute(
            pairs.on_conflict_do_update(
                index_elements=["product_id", "other_id"],
                set_={"together": PairStatRow.together + 1},
            ),
            [{"product_id": a, "other_id": b, "together": 1} for a, b in permutations(ids, 2)],
        )

    def rebuild_statistics(self) -> None:
        """Recompute item and pair statistics from every recorded order."""
        self.session.execute(delete(PairStatRow))
        self.session.execute(delete(ItemStatRow))
        per_item = select(
            OrderLineRow.product_id, func.count(func.distinct(OrderLineRow.order_id))
        ).group_by(OrderLineRow.product_id)
        self.session.execute(insert(ItemStatRow).from_select(["product_id", "orders"], per_item))
        a, b = aliased(OrderLineRow), aliased(OrderLineRow)
        per_pair = (
            select(a.product_id, b.product_id, func.count(func.distinct(a.order_id)))
            .join(b, (a.order_id == b.order_id) & (a.product_id != b.product_id))
            .group_by(a.product_id, b.product_id)
        )
        self.session.execute(
            insert(PairStatRow).from_select(["product_id", "other_id", "together"], per_pair)
        )

    def pair_counts(self, anchor_ids: Iterable[int], min_together: int = 1) -> list[PairCount]:
        """Co-purchase counts for every product bought with the anchors."""
        ids = set(anchor_ids)
        if not ids:
            return []
        query = (
            select(
                PairStatRow.product_id,
                PairStatRow.other_id,
                PairStatRow.together,
                ItemStatRow.orders,
            )
            .join(ItemStatRow, ItemStatRow.product_id == PairStatRow.product_id)
            .where(PairStatRow.product_id.in_(ids), PairStatRow.together >= min_together)
            .order_by(PairStatRow.together.desc())
        )
        return [PairCount(*row) for row in self.session.execute(query)]

    def item_orders(self, product_ids: Iterable[int]) -> dict[int, int]:
        """How many orders held each product."""
        ids = set(product_ids)
        if not ids:
            return {}
        query = select(ItemStatRow.product_id, ItemStatRow.orders).where(
            ItemStatRow.product_id.in_(ids)
        )
        return dict(self.session.execute(query).all())
