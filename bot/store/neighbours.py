"""Precomputed neighbour lists, their build record, and the shop's gap fillers.

Reads are bounded: a cart reads at most ``per_anchor`` rows per cart item through the
primary key ``(product_id, rank)``, whatever the size of the history or the catalog.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from sqlalchemy import bindparam, delete, func, insert, select
from sqlalchemy.orm import Session

from bot.domain.blend import Neighbour
from bot.domain.models import Product
from bot.store.mapping import PRODUCT_COLUMNS, product_from_columns
from bot.store.tables import (
    ComplementRow,
    GapFillerRow,
    ItemStatRow,
    NeighbourBuildRow,
    NeighbourRow,
    OrderLineRow,
    OrderRow,
    PairStatRow,
    ProductRow,
    utcnow,
)

BUILD_ID = 1
INSERT_CHUNK = 20_000


@dataclass(frozen=True)
class StoredNeighbour:
    """A neighbour-list row with its candidate product and live order count."""

    anchor_id: int
    together: int
    ease: float
    walk: float
    orders: int
    product: Product


@dataclass(frozen=True)
class NeighbourBuild:
    """When the lists were built and from how many orders."""

    orders: int
    built_at: datetime


@lru_cache(maxsize=1)
def _neighbours_statement():
    """The per-cart read, built once (building a statement costs about a millisecond)."""
    return (
        select(
            NeighbourRow.product_id,
            NeighbourRow.neighbour_id,
            NeighbourRow.together,
            NeighbourRow.ease,
            NeighbourRow.walk,
            ItemStatRow.orders,
            *PRODUCT_COLUMNS,
        )  # fmt: skip
        .join(ProductRow, ProductRow.id == NeighbourRow.neighbour_id)
        .outerjoin(ItemStatRow, ItemStatRow.product_id == NeighbourRow.neighbour_id)
        .where(
            NeighbourRow.product_id.in_(bindparam("anchors", expanding=True)),
            NeighbourRow.rank < bindparam("per_anchor"),
            NeighbourRow.together >= bindparam("min_together"),
        )
    )


@lru_cache(maxsize=1)
def _build_statement():
    return select(NeighbourBuildRow.orders, NeighbourBuildRow.built_at).where(
        NeighbourBuildRow.id == BUILD_ID
    )


@lru_cache(maxsize=1)
def _together_statement():
    return (
        select(ProductRow.sku, PairStatRow.product_id, PairStatRow.together)
        .join(PairStatRow, PairStatRow.other_id == ProductRow.id)
        .where(
            ProductRow.sku.in_(bindparam("skus", expanding=True)),
            PairStatRow.product_id.in_(bindparam("anchors", expanding=True)),
        )
    )


@lru_cache(maxsize=1)
def _complements_statement():
    return (
        select(ComplementRow.product_id, *PRODUCT_COLUMNS)
        .join(ProductRow, ProductRow.id == ComplementRow.complement_id)
        .where(ComplementRow.product_id.in_(bindparam("anchors", expanding=True)))
        .order_by(ComplementRow.product_id, ProductRow.sku)
    )


class NeighbourRepository:
    """Neighbour lists (rebuilt whole), the build record and gap fillers."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def order_lines(self) -> list[tuple[int, int]]:
        """Every ``(order_id, product_id)`` of the history (the input of a rebuild)."""
        query = select(OrderLineRow.order_id, OrderLineRow.product_id)
        return [tuple(row) for row in self.session.execute(query)]  # type: ignore[misc]

    def recent_order_lines(self, window: int) -> list[tuple[int, int]]:
        """``(order_id, product_id)`` of the orders among the ``window`` highest order ids.

        Bounded by the window whatever the history (the ``order_id`` index serves it).
        """
        newest = select(func.coalesce(func.max(OrderRow.id), 0)).scalar_subquery()
        query = select(OrderLineRow.order_id, OrderLineRow.product_id).where(
            OrderLineRow.order_id > newest - window
        )
        return [tuple(row) for row in self.session.connection().execute(query)]  # type: ignore[misc]

    def replace(self, rows: Iterable[tuple[int, int, int, int, float, float]], orders: int) -> int:
        """Replace every list by ``(anchor, rank, neighbour, together, ease, walk)`` rows.

        Returns:
            How many rows were written.
        """
        self.session.execute(delete(NeighbourRow))
        self.session.execute(delete(NeighbourBuildRow))
        names = ("product_id", "rank", "neighbour_id", "together", "ease", "walk")
        written, chunk = 0, []
        for row in rows:
            chunk.append(dict(zip(names, row, strict=True)))
            if len(chunk) >= INSERT_CHUNK:
                self.session.execute(insert(NeighbourRow), chunk)
                written, chunk = written + len(chunk), []
        if chunk:
            self.session.execute(insert(NeighbourRow), chunk)
            written += len(chunk)
        self.session.execute(
            insert(NeighbourBuildRow).values(id=BUILD_ID, orders=orders, built_at=utcnow())
        )
        return written

    def build_stamp(self) -> tuple[int, datetime] | None:
        """``(orders, built_at)`` of the build record through Core (the per-cart check)."""
        row = self.session.connection().execute(_build_statement()).first()
        return None if row is None else (row[0], row[1])

    def last_build(self) -> NeighbourBuild | None:
        """The build record, or ``None`` if the lists were never built."""
        row = self.session.get(NeighbourBuildRow, BUILD_ID)
        return None if row is None else NeighbourBuild(row.orders, row.built_at)

    def neighbours(
        self, anchor_ids: Iterable[int], per_anchor: int, min_together: int = 1
    ) -> list[StoredNeighbour]:
        """The first ``per_anchor`` list rows of each anchor, with products and order counts.

        Rows whose pair was bought together fewer than ``min_together`` times (when the lists
        were built) are left out: they could not make a candidate relevant.
        """
        anchors = sorted(set(anchor_ids))
        if not anchors:
            return []
        params = {"anchors": anchors, "per_anchor": per_anchor, "min_together": min_together}
        products: dict[int, Product] = {}
        found = []
        # Core execution, rows fetched at once: no ORM identity map, no per-row fetch
        for r in self.session.connection().execute(_neighbours_statement(), params).fetchall():
            product = products.get(r[1])
            if product is None:
                product = products[r[1]] = product_from_columns(r[6:])
            found.append(StoredNeighbour(r[0], r[2], r[3], r[4], r[5] or 0, product))
        return found

    def cart_neighbours(
        self, anchors: Mapping[int, Product], per_anchor: int, min_together: int = 1
    ) -> tuple[list[Neighbour], dict[str, int], dict[str, int]]:
        """The per-cart read: :meth:`neighbours` as domain rows, in one indexed statement.

        Args:
            anchors: The cart's products by product id.
            per_anchor: List rows read per cart item (through the primary key prefix).
            min_together: Rows bought together less often are left out.

        Returns:
            The rows, the live order count of every candidate by SKU, and every candidate's
            product id by SKU.
        """
        if not anchors:
            return [], {}, {}
        params = {
            "anchors": sorted(anchors),
            "per_anchor": per_anchor,
            "min_together": min_together,
        }
        rows = self.session.connection().execute(_neighbours_statement(), params).fetchall()
        found, orders, ids = [], {}, {}
        for r in rows:
            product = product_from_columns(r[6:])
            orders[product.sku] = r[5] or 0
            ids[product.sku] = r[1]
            found.append(Neighbour(anchors[r[0]], product, r[2], r[3], r[4], r[5] or 0))
        return found, orders, ids

    def complements(self, anchor_ids: Iterable[int]) -> dict[int, list[Product]]:
        """Curated complements of each anchor, by SKU (the per-cart read, statement built once)."""
        anchors = sorted(set(anchor_ids))
        if not anchors:
            return {}
        found: dict[int, list[Product]] = {}
        rows = self.session.connection().execute(_complements_statement(), {"anchors": anchors})
        for row in rows:
            found.setdefault(row[0], []).append(product_from_columns(row[1:]))
        return found

    def together(
        self, anchor_ids: Sequence[int], products: Iterable[str]
    ) -> dict[str, dict[int, int]]:
        """Live co-purchase counts: ``{candidate SKU: {anchor id: orders with both}}``."""
        skus = sorted(set(products))
        if not anchor_ids or not skus:
            return {}
        params = {"skus": skus, "anchors": sorted(set(anchor_ids))}
        found: dict[str, dict[int, int]] = {}
        for sku, anchor, count in self.session.connection().execute(_together_statement(), params):
            found.setdefault(sku, {})[anchor] = count
        return found

    def gap_fillers(self) -> list[Product]:
        """The products the shop lists as gap fillers, by price then SKU."""
        query = (
            select(*PRODUCT_COLUMNS)
            .join(GapFillerRow, GapFillerRow.product_id == ProductRow.id)
            .order_by(ProductRow.price_minor, ProductRow.sku)
        )
        return [product_from_columns(r) for r in self.session.execute(query)]

    def product_ids(self, skus: Iterable[str]) -> dict[str, int]:
        """``{sku: product id}`` of the SKUs that are in the catalog."""
        wanted = sorted(set(skus))
        if not wanted:
            return {}
        query = select(ProductRow.sku, ProductRow.id).where(ProductRow.sku.in_(wanted))
        return dict(self.session.execute(query).all())  # type: ignore[arg-type]

    def add_gap_fillers(self, product_ids: Iterable[int]) -> int:
        """List these products as gap fillers too; returns how many were not listed yet."""
        listed = set(self.session.scalars(select(GapFillerRow.product_id)))
        new = sorted(set(product_ids) - listed)
        if new:
            self.session.execute(insert(GapFillerRow), [{"product_id": i} for i in new])
        return len(new)

    def remove_gap_fillers(self, product_ids: Iterable[int]) -> int:
        """Stop listing these products as gap fillers; returns how many were listed."""
        ids = sorted(set(product_ids))
        if not ids:
            return 0
        result = self.session.execute(delete(GapFillerRow).where(GapFillerRow.product_id.in_(ids)))
        return int(result.rowcount or 0)

    def set_gap_fillers(self, skus: Iterable[str]) -> list[str]:
        """List exactly these SKUs as gap fillers; returns the SKUs that are not in the catalog."""
        wanted = set(skus)
        query = select(ProductRow.sku, ProductRow.id).where(ProductRow.sku.in_(wanted))
        known = dict(self.session.execute(query).all()) if wanted else {}
        self.session.execute(delete(GapFillerRow))
        if known:
            self.session.execute(insert(GapFillerRow), [{"product_id": i} for i in known.values()])
        return sorted(wanted - set(known))
