"""Bulk import of catalogs and order histories from validated rows, one transaction per batch.

A batch is written whole or not at all; rows with problems are skipped and reported by line.
Re-importing the same rows changes nothing: products are upserted by SKU, orders are keyed by
their external reference (``order_id`` in the file, ``order_ref`` in the store).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import TypeVar

from bot.domain.imports import (
    ParsedOrder,
    ProductValues,
    RowProblem,
    group_orders,
    parse_order_row,
    parse_product_row,
)
from bot.services.basket_knn import after_rebuild
from bot.services.cart import shipping_policy
from bot.services.neighbours import needs_rebuild, rebuild_in
from bot.services.shop import Shop
from bot.store.history import HistoryRepository, NewOrder
from bot.store.repositories import CatalogRepository
from bot.store.search import refresh_search_statistics
from bot.store.statistics import StatisticsRepository
from bot.store.tables import utcnow

T = TypeVar("T")
Row = tuple[int, dict[str, str | None]]  # (line number, column -> value)


@dataclass
class ImportReport:
    """What an import did so far (passed to the progress callback after every batch)."""

    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    statistics: str = "unchanged"


Progress = Callable[[ImportReport], None]


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def import_products(
    shop: Shop, rows: Iterable[Row], batch_size: int = 1000, progress: Progress | None = None
) -> ImportReport:
    """Upsert catalog rows by SKU; a missing price or stock keeps the stored value (0 if new).

    The search index follows in each batch's transaction; after the import the database's
    planner statistics are refreshed (PostgreSQL) so searches use the index at once.

    A SKU given on several rows of the file is one product: it counts once as added, updated
    or unchanged, every later row as a duplicate, and the last row's values are kept.

    Returns:
        Counts of added, updated and unchanged products, duplicate rows merged, and the
        skipped rows.
    """
    report = ImportReport()
    with shop.session_factory.begin() as session:
        currency = shipping_policy(session).currency  # the carts' currency
    seen: set[str] = set()
    for batch in _batches(rows, batch_size):
        report.rows += len(batch)
        valid: list[ProductValues] = []
        for line, row in batch:
            parsed = parse_product_row(line, row, currency)
            if isinstance(parsed, RowProblem):
                report.problems.append(parsed)
            else:
                valid.append(parsed)
        first = {values["sku"] for values in valid} - seen
        report.duplicates += len(valid) - len(first)  # a SKU's later rows in the file
        with shop.session_factory.begin() as session:
            catalog = CatalogRepository(session)
            added, changed = catalog.upsert_products([v for v in valid if v["sku"] in first])
            catalog.upsert_products([v for v in valid if v["sku"] in seen])  # last row wins
        seen |= first
        report.added += added
        report.updated += changed
        report.unchanged += len(first) - added - changed
        if progress:
            progress(report)
    if report.added or report.updated:
        with shop.session_factory.begin() as session:
            refresh_search_statistics(session)  # PostgreSQL plans the new rows' searches
    return report


def _order_lines(
    order: ParsedOrder, products: dict[str, tuple[int, int]], report: ImportReport
) -> list[tuple[int, int, int]]:
    lines = []
    for sku, quantity in order.quantities.items():
        known = products.get(sku)
        if known is None:
            report.problems.append(RowProblem(order.lines[sku], f"unknown sku {sku}"))
            continue
        product_id, price_minor = known
        lines.append((product_id, quantity, price_minor))
    return lines


def _write_orders(
    shop: Shop, batch: list[ParsedOrder], count_now: bool, report: ImportReport, now: datetime
) -> None:
    with shop.session_factory.begin() as session:
        history = HistoryRepository(session)
        products = CatalogRepository(session).ids_and_prices(
            {sku for order in batch for sku in order.quantities}
        )
        known = history.existing_refs(order.order_ref for order in batch)
        new_orders = []
        for order in batch:
            if order.order_ref in known:
                report.unchanged += 1
                continue
            lines = _order_lines(order, products, report)
            if lines:
                new_orders.append(NewOrder(order.order_ref, None, lines, now))
        history.add_orders(new_orders)
        if count_now:
            StatisticsRepository(session).count_orders(
                [pid for pid, _, _ in order.lines] for order in new_orders
            )
    report.added += len(new_orders)


def import_orders(
    shop: Shop, rows: Iterable[Row], batch_size: int = 2000, progress: Progress | None = None
) -> ImportReport:
    """Import orders (consecutive rows per ``order_id``); skip known references.

    Statistics stay exact: into a store that already has counted history, each batch
    updates them in its own transaction; into an empty store (a bulk load) they are rebuilt
    once at the end — and whenever they are found stale, as after an interrupted bulk load.
    An unknown SKU skips that row (reported); an order left without rows is not recorded.

    Returns:
        Counts of added and already-known orders, the skipped rows, and what was done to the
        statistics (``"updated"``, ``"rebuilt"`` or ``"unchanged"``).
    """
    report = ImportReport()
    with shop.session_factory.begin() as session:
        statistics = StatisticsRepository(session)
        bulk = statistics.total_orders() == 0 or statistics.is_stale()
    now = utcnow()

    def parsed() -> Iterator[ParsedOrder | RowProblem]:
        for line, row in rows:
            report.rows += 1
            yield parse_order_row(line, row)

    orders: Iterator[ParsedOrder] = _collect_problems(group_orders(parsed()), report)
    for batch in _batches(orders, batch_size):
        _write_orders(shop, batch, not bulk, report, now)
        if progress:
            progress(report)
    report.statistics = "updated" if report.added and not bulk else "unchanged"
    with shop.session_factory.begin() as session:
        statistics = StatisticsRepository(session)
        if bulk and statistics.is_stale():
            statistics.rebuild()
            report.statistics = "rebuilt"
        rebuilt = bool(report.added) and needs_rebuild(session)
        if rebuilt:
            rebuild_in(session)
    if rebuilt:
        after_rebuild(shop)  # a serving process builds its basket-kNN index ahead of the carts
    return report


def _collect_problems(
    items: Iterable[ParsedOrder | RowProblem], report: ImportReport
) -> Iterator[ParsedOrder]:
    for item in items:
        if isinstance(item, RowProblem):
            report.problems.append(item)
        else:
            yield item
