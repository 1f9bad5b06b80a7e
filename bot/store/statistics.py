"""Co-purchase statistics: item and pair counts kept current with the order history.

Counts are updated incrementally when orders are recorded (:meth:`count_orders`) and can be
recomputed from the history in SQL (:meth:`rebuild`). Reads are bounded: a cart query reads at
most ``per_anchor`` partners of each cart item from ``ix_pair_stats_top``, whatever the size of
the history.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import permutations

from sqlalchemy import bindparam, delete, func, insert, select, union_all
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.expression import Select

from bot.domain.models import Product
from bot.store.mapping import PRODUCT_COLUMNS, product_from_columns
from bot.store.repositories import dialect_insert
from bot.store.tables import (
    HistoryTotalsRow,
    ItemStatRow,
    OrderLineRow,
    OrderRow,
    PairStatRow,
    ProductRow,
)

TOTALS_ID = 1


@dataclass(frozen=True)
class Partner:
    """A product bought with an anchor: the pair count, its own order count and the product."""

    anchor_id: int
    together: int
    product_id: int
    orders: int
    product: Product


@dataclass(frozen=True)
class PairCount:
    """Orders that held both the anchor and the other product, and orders with the anchor."""

    anchor_id: int
    other_id: int
    together: int
    anchor_orders: int


@lru_cache(maxsize=32)
def _partners_statement(anchors: int) -> Select:
    """The partners query for ``anchors`` cart items, built once (building it costs ~1 ms)."""
    parts = [
        select(PairStatRow.product_id, PairStatRow.other_id, PairStatRow.together)
        .where(
            PairStatRow.product_id == bindparam(f"a{i}"),
            PairStatRow.together >= bindparam("min_together"),
        )
        .order_by(PairStatRow.together.desc())
        .limit(bindparam("per_anchor"))
        .subquery()
        for i in range(anchors)
    ]
    top = union_all(*(select(part) for part in parts)).subquery("top")
    return (
        select(
            top.c.product_id, top.c.together, top.c.other_id, ItemStatRow.orders, *PRODUCT_COLUMNS
        )  # fmt: skip
        .join(ProductRow, ProductRow.id == top.c.other_id)
        .join(ItemStatRow, ItemStatRow.product_id == top.c.other_id)
    )


@lru_cache(maxsize=1)
def _with_orders_statement() -> Select:
    """Products by SKU with their order counts, built once (a per-cart read)."""
    return (
        select(ProductRow.id, ItemStatRow.orders, *PRODUCT_COLUMNS)
        .outerjoin(ItemStatRow, ItemStatRow.product_id == ProductRow.id)
        .where(ProductRow.sku.in_(bindparam("skus", expanding=True)))
    )


@lru_cache(maxsize=1)
def _total_statement() -> Select:
    return select(HistoryTotalsRow.orders).where(HistoryTotalsRow.id == bindparam("id"))


class StatisticsRepository:
    """Item, pair and total order counts."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def count_orders(self, baskets: Iterable[Iterable[int]]) -> None:
        """Add orders (each given by its product ids) with one upsert per statistics table."""
        items: Counter[int] = Counter()
        pairs: Counter[tuple[int, int]] = Counter()
        orders = 0
        for basket in baskets:
            ids = sorted(set(basket))
            if not ids:
                continue
            orders += 1
            items.update(ids)
            pairs.update(permutations(ids, 2))
        if not orders:
            return
        self._add_items(items)
        self._add_pairs(pairs)
        self._add_total(orders)

    def _add_items(self, items: Counter[int]) -> None:
        statement = dialect_insert(self.session, ItemStatRow)
        self.session.execute(
            statement.on_conflict_do_update(
                index_elements=["product_id"],
                set_={"orders": ItemStatRow.orders + statement.excluded.orders},
            ),
            [{"product_id": pid, "orders": n} for pid, n in items.items()],
        )

    def _add_pairs(self, pairs: Counter[tuple[int, int]]) -> None:
        if not pairs:
            return
        statement = dialect_insert(self.session, PairStatRow)
        self.session.execute(
            statement.on_conflict_do_update(
                index_elements=["product_id", "other_id"],
                set_={"together": PairStatRow.together + statement.excluded.together},
            ),
            [{"product_id": a, "other_id": b, "together": n} for (a, b), n in pairs.items()],
        )

    def _add_total(self, orders: int) -> None:
        statement = dialect_insert(self.session, HistoryTotalsRow)
        self.session.execute(
            statement.values(id=TOTALS_ID, orders=orders).on_conflict_do_update(
                index_elements=["id"],
                set_={"orders": HistoryTotalsRow.orders + statement.excluded.orders},
            )
        )

    def rebuild(self) -> None:
        """Recompute item, pair and total counts from every recorded order."""
        self.session.execute(delete(PairStatRow))
        self.session.execute(delete(ItemStatRow))
        self.session.execute(delete(HistoryTotalsRow))
        # (order_id, product_id) is unique in order_lines, so count() counts distinct orders
        per_item = select(OrderLineRow.product_id, func.count()).group_by(OrderLineRow.product_id)
        self.session.execute(insert(ItemStatRow).from_select(["product_id", "orders"], per_item))
        a, b = aliased(OrderLineRow), aliased(OrderLineRow)
        per_pair = (
            select(a.product_id, b.product_id, func.count())
            .join(b, (a.order_id == b.order_id) & (a.product_id != b.product_id))
            .group_by(a.product_id, b.product_id)
        )
        self.session.execute(
            insert(PairStatRow).from_select(["product_id", "other_id", "together"], per_pair)
        )
        counted = select(func.count(func.distinct(OrderLineRow.order_id))).scalar_subquery()
        self.session.execute(insert(HistoryTotalsRow).values(id=TOTALS_ID, orders=counted))

    def total_orders(self) -> int:
        """How many orders the statistics count."""
        # Core execution (the totals row is only ever written by Core statements)
        found = self.session.connection().execute(_total_statement(), {"id": TOTALS_ID})
        return found.scalar() or 0

    def is_stale(self) -> bool:
        """Whether recorded orders are missing from the statistics (or the reverse)."""
        recorded = self.session.scalar(select(func.count()).select_from(OrderRow)) or 0
        return recorded != self.total_orders()

    def pair_counts(self, anchor_ids: Iterable[int], min_together: int = 1) -> list[PairCount]:
        """Co-purchase counts for every product bought with the anchors (unbounded)."""
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

    def with_orders(self, skus: Iterable[str]) -> list[tuple[int, Product, int]]:
        """``(product_id, product, orders that held it)`` for the known SKUs."""
        wanted = set(skus)
        if not wanted:
            return []
        self.session.flush()  # Core execution below: pending ORM changes (stock) first
        connection = self.session.connection()
        rows = connection.execute(_with_orders_statement(), {"skus": sorted(wanted)})
        return [(r[0], product_from_columns(r[2:]), r[1] or 0) for r in rows]

    def partners(
        self, anchor_ids: Iterable[int], per_anchor: int, min_together: int = 1
    ) -> list[Partner]:
        """The ``per_anchor`` products bought most often with each anchor, with their counts.

        One statement: per anchor an index-only read of ``ix_pair_stats_top``, joined to the
        partner's product and order count.
        """
        anchors = sorted(set(anchor_ids))
        if not anchors:
            return []
        params = {f"a{i}": anchor for i, anchor in enumerate(anchors)}
        params.update(per_anchor=per_anchor, min_together=min_together)
        rows = self.session.execute(_partners_statement(len(anchors)), params)
        return [Partner(r[0], r[1], r[2], r[3], product_from_columns(r[4:])) for r in rows]

    def best_seller_products(self, limit: int) -> list[tuple[int, Product, int]]:
        """``(product_id, product, orders)`` of the most ordered products, most first."""
        query = (
            select(ItemStatRow.product_id, ItemStatRow.orders, *PRODUCT_COLUMNS)
            .join(ProductRow, ProductRow.id == ItemStatRow.product_id)
            .order_by(ItemStatRow.orders.desc(), ItemStatRow.product_id.desc())
            .limit(limit)
        )
        return [(r[0], product_from_columns(r[2:]), r[1]) for r in self.session.execute(query)]

    def item_orders(self, product_ids: Iterable[int]) -> dict[int, int]:
        """How many orders held each product (products never ordered are left out)."""
        ids = set(product_ids)
        if not ids:
            return {}
        query = select(ItemStatRow.product_id, ItemStatRow.orders).where(
            ItemStatRow.product_id.in_(ids)
        )
        return dict(self.session.execute(query).all())
