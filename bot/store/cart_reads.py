"""The per-cart recommendation reads in three plain statements (no ORM, no SQL compilation).

A cart's ranking needs its items with their order counts, the history total and the build
record (:meth:`CartReads.anchors`), the items' neighbour-list rows, curated complements and
best sellers (:meth:`CartReads.candidates`), and then, for the ranked few only, the live
co-purchase counts their reasons quote (:meth:`CartReads.together`). Each is one SQL string
executed on the driver's cursor of the session's connection (in its transaction): no
statement is built or compiled per cart, no result object is set up, and rows are the
driver's tuples. The results are those of the
repositories' own reads (:mod:`bot.store.neighbours`, :mod:`bot.store.statistics`), which
the tests compare on seeded stores; every read goes through a primary key or unique index
(``tests/integration/test_cart_reads.py`` pins the plans).

Like every repository, this one never commits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from bot.domain.blend import Neighbour
from bot.domain.models import Product
from bot.store.mapping import PRODUCT_CACHE, PRODUCT_COLUMNS, product_from_columns
from bot.store.neighbours import BUILD_ID
from bot.store.statistics import TOTALS_ID
from bot.store.tables import NeighbourBuildRow

Anchors = dict[int, tuple[Product, int]]  # product id -> (product, orders that held it)
Processor = Callable[[Any], Any] | None

_P = ", ".join(f"p.{c.key}" for c in PRODUCT_COLUMNS)
_NULLS = ", ".join("NULL" for _ in PRODUCT_COLUMNS)

# 1. The cart's products and their order counts, after one header row with the history total
#    and the build record (scalar primary-key reads; the header comes even without products).
ANCHORS_SQL = (
    f"SELECT NULL, (SELECT orders FROM history_totals WHERE id = {TOTALS_ID}),"
    f" (SELECT orders FROM neighbour_builds WHERE id = {BUILD_ID}),"
    f" (SELECT built_at FROM neighbour_builds WHERE id = {BUILD_ID}), {_NULLS}"
    f" UNION ALL SELECT p.id, s.orders, NULL, NULL, {_P} FROM products p"
    " LEFT JOIN item_stats s ON s.product_id = p.id WHERE p.sku IN ({skus})"
)
# 2. Neighbour-list rows ('n', through the (product_id, rank) key), curated complements ('c')
#    and, when asked, the best sellers ('b', through ix_item_stats_orders, LIMIT-bounded).
NEIGHBOURS_SQL = (
    f"SELECT 'n', n.product_id, n.neighbour_id, n.rank, n.together, n.ease, n.walk, s.orders,"
    f" {_P} FROM item_neighbours n JOIN products p ON p.id = n.neighbour_id"
    " LEFT JOIN item_stats s ON s.product_id = n.neighbour_id"
    " WHERE n.product_id IN ({anchors}) AND n.rank < {mark} AND n.together >= {mark}"
    f" UNION ALL SELECT 'c', c.product_id, c.complement_id, NULL, NULL, NULL, NULL, NULL, {_P}"
    " FROM complements c JOIN products p ON p.id = c.complement_id"
    " WHERE c.product_id IN ({anchors})"
)
SELLERS_SQL = (  # typed NULLs: PostgreSQL makes a sub-select's bare NULL text, not integer
    " UNION ALL SELECT * FROM (SELECT 'b', CAST(NULL AS INTEGER), s.product_id,"
    " CAST(NULL AS INTEGER), CAST(NULL AS INTEGER), CAST(NULL AS DOUBLE PRECISION),"
    f" CAST(NULL AS DOUBLE PRECISION), s.orders, {_P} FROM item_stats s"
    " JOIN products p ON p.id = s.product_id"
    " ORDER BY s.orders DESC, s.product_id DESC LIMIT {mark}) AS sellers"
)
# 3. Live co-purchase counts of the ranked candidates with every cart item: one primary-key
#    lookup (product_id, other_id) per pair. Joined from the candidates' rows so that SQLite
#    does not read every partner of a cart item through ix_pair_stats_top instead.
TOGETHER_SQL = (
    "SELECT p.sku, ps.product_id, ps.together FROM products p"
    " JOIN pair_stats ps ON ps.other_id = p.id"
    " WHERE p.id IN ({others}) AND ps.product_id IN ({anchors})"
)


@dataclass(frozen=True)
class CartAnchors:
    """What a cart's ranking starts from (statement 1).

    Attributes:
        anchors: The known cart products by product id, with the orders that held each.
        total: Orders the statistics count.
        build: ``(orders, built_at)`` of the neighbour-list build, ``None`` if never built.
    """

    anchors: Anchors
    total: int
    build: tuple[int, datetime] | None


@dataclass(frozen=True)
class CartCandidates:
    """Everything a cart's candidates come from (statement 2).

    Attributes:
        rows: Neighbour-list rows, by cart item id then rank.
        orders: Live order count of every list candidate by SKU.
        ids: Product id of every candidate (list, complement, best seller) by SKU.
        complements: Curated complements by cart item id, by SKU.
        sellers: ``(product id, product, orders)`` of the best sellers, most ordered first.
    """

    rows: list[Neighbour] = field(default_factory=list)
    orders: dict[str, int] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)
    complements: dict[int, list[Product]] = field(default_factory=dict)
    sellers: list[tuple[int, Product, int]] = field(default_factory=list)


@lru_cache(maxsize=8)
def _built_at(dialect: Dialect) -> Processor:
    """The driver-value converter of ``built_at`` (SQLite returns text)."""
    column: Any = NeighbourBuildRow.__table__.c.built_at
    return column.type.dialect_impl(dialect).result_processor(dialect, None)


@lru_cache(maxsize=PRODUCT_CACHE)
def _product(values: tuple[Any, ...]) -> Product:
    """A product from :data:`PRODUCT_COLUMNS` as the driver returns them (memoised on them).

    ``active`` comes as 0/1 from SQLite and as a bool from PostgreSQL: made a bool here, so
    the product equals the one the ORM reads build.
    """
    return product_from_columns((*values[:-1], bool(values[-1])))


_KIND_ANCHOR_RANK = itemgetter(0, 1, 3)
_FIRST_TWO = itemgetter(0, 1)
_ORDERS_THEN_ID = itemgetter(2, 0)


def _marks(dialect: Dialect, count: int) -> str:
    """``count`` positional placeholders in the driver's style."""
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    return ", ".join([mark] * count)


class CartReads:
    """The per-cart reads of the neighbour ranking, three statements a cart."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._connection: Any = None
        self._dialect: Dialect | None = None

    @property
    def dialect(self) -> Dialect:
        """The session's SQL dialect (placeholder style, driver-value converters)."""
        if self._dialect is None:
            self._dialect = self.session.get_bind().dialect
        return self._dialect

    def _rows(self, sql: str, params: Sequence[Any]) -> list[Any]:
        """Run one statement on the driver's cursor, in the session's transaction."""
        if self._connection is None:  # the pooled DBAPI connection the session's BEGIN is on
            self._connection = self.session.connection().connection
        cursor = self._connection.cursor()
        try:
            cursor.execute(sql, tuple(params))
            return cursor.fetchall()
        finally:
            cursor.close()

    def anchors(self, skus: Iterable[str]) -> CartAnchors:
        """The cart's known products with their order counts, the total and the build record.

        Pending ORM changes (stock) are flushed first: the read is on the driver's cursor.
        """
        wanted = sorted(set(skus))
        self.session.flush()
        marks = _marks(self.dialect, len(wanted)) if wanted else "NULL"
        rows = self._rows(ANCHORS_SQL.format(skus=marks), wanted)
        header, found = rows[0], rows[1:]
        built_at = _built_at(self.dialect)
        build = None
        if header[2] is not None:
            build = (header[2], built_at(header[3]) if built_at else header[3])
        anchors = {r[0]: (_product(r[4:]), r[1] or 0) for r in found}
        return CartAnchors(anchors, header[1] or 0, build)

    def candidates(
        self,
        anchors: Mapping[int, Product],
        per_anchor: int,
        min_together: int,
        best_sellers: int = 0,
    ) -> CartCandidates:
        """The cart items' first ``per_anchor`` list rows, complements and best sellers.

        List rows bought together fewer than ``min_together`` times are left out.
        """
        if not anchors and not best_sellers:
            return CartCandidates()
        ids = sorted(anchors)
        mark = _marks(self.dialect, 1)
        listed = _marks(self.dialect, len(ids)) if ids else "NULL"
        sql = NEIGHBOURS_SQL.format(anchors=listed, mark=mark)
        params: list[Any] = [*ids, per_anchor, min_together, *ids]
        if best_sellers:
            sql += SELLERS_SQL.format(mark=mark)
            params.append(best_sellers)
        return self._candidates(self._rows(sql, params), anchors)

    def _candidates(self, rows: Sequence[Any], anchors: Mapping[int, Product]) -> CartCandidates:
        """Statement 2's rows as domain rows (a tight loop: up to 150 list rows a cart).

        List rows by cart item then rank, complements by SKU, best sellers most ordered first.
        """
        found = CartCandidates()
        ids, orders, listed = found.ids, found.orders, found.rows
        others = []
        for r in sorted(rows, key=_KIND_ANCHOR_RANK):  # 'b', 'c', 'n'; then cart item, rank
            if r[0] != "n":
                others.append(r)
                continue
            product = _product(r[8:])
            sku, count = product.sku, r[7] or 0
            ids[sku], orders[sku] = r[2], count
            listed.append(Neighbour(anchors[r[1]], product, r[4], r[5], r[6], count))
        curated = []
        for r in others:
            product = _product(r[8:])
            ids[product.sku] = r[2]
            if r[0] == "c":
                curated.append((r[1], product.sku, product))
            else:
                found.sellers.append((r[2], product, r[7]))
        for anchor, _, product in sorted(curated, key=_FIRST_TWO):
            found.complements.setdefault(anchor, []).append(product)
        found.sellers.sort(key=_ORDERS_THEN_ID, reverse=True)
        return found

    def together(
        self, anchor_ids: Iterable[int], ids: Mapping[str, int]
    ) -> dict[str, dict[int, int]]:
        """Live co-purchase counts ``{candidate SKU: {cart item id: orders with both}}``.

        Args:
            anchor_ids: The cart items' product ids.
            ids: The candidates' product ids by SKU (those the reasons are about).
        """
        anchors, others = sorted(set(anchor_ids)), sorted(set(ids.values()))
        if not anchors or not others:
            return {}
        sql = TOGETHER_SQL.format(
            anchors=_marks(self.dialect, len(anchors)), others=_marks(self.dialect, len(others))
        )
        found: dict[str, dict[int, int]] = {}
        for sku, anchor, count in self._rows(sql, [*others, *anchors]):
            found.setdefault(sku, {})[anchor] = count
        return found
