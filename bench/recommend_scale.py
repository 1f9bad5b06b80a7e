"""Recommendation speed at 10k, 100k and 1M orders on a synthetic shop (SQLite by default).

For each size: build the store, then time per-cart recommendations (the chat's ranking and
filters), the same co-purchase query done naively (self-join of order lines at query time),
and recording one new order at checkout.

Two ways to build the store (``--build``), both timed and reported apart from the latencies:

- ``bulk`` (default): the catalog through the project's importer, the orders and their lines
  inserted with SQLAlchemy Core ``executemany`` in batches of :data:`BULK_ROWS` rows, in one
  transaction; then the project's own statistics rebuild and neighbour-list rebuild (the
  same code a bulk import ends with). Only the CSV parsing and per-batch checks are skipped.
- ``import``: write the CSV files and import them with ``import-products`` /
  ``import-orders``' code paths (what a shop runs; ~10× slower to build at 1M orders).

    .venv/bin/python bench/recommend_scale.py                       # 10k, 100k, 1M orders
    .venv/bin/python bench/recommend_scale.py --sizes 300 --skus 500   # a smoke run
"""

from __future__ import annotations

import argparse
import math
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TypedDict

import common
from sqlalchemy import insert, select, text
from synthetic import Basket, SyntheticShop

from bot.cli_data import read_csv
from bot.domain.imports import ORDER_COLUMNS, PRODUCT_COLUMNS
from bot.services.basket_knn import cart_votes, warm_up
from bot.services.cart import add_to_cart, create_cart
from bot.services.imports import ImportReport, import_orders, import_products
from bot.services.neighbours import rebuild_in
from bot.services.orders import place_order
from bot.services.recommend import recommend_for_skus
from bot.services.shop import Shop, build_shop
from bot.store.statistics import StatisticsRepository
from bot.store.tables import OrderLineRow, OrderRow, ProductRow, utcnow

BULK_ROWS = 100_000  # rows per executemany of the bulk build

NAIVE = """
SELECT b.product_id, count(*) AS together FROM order_lines a
JOIN order_lines b ON b.order_id = a.order_id AND b.product_id <> a.product_id
WHERE a.product_id IN (SELECT id FROM products WHERE sku IN ({marks}))
GROUP BY b.product_id ORDER BY together DESC LIMIT :limit
"""


class SizeResult(TypedDict):
    orders: int
    build: str
    order_rows: int
    import_s: float
    stats_build_s: float
    p50_ms: float
    p95_ms: float
    cpu_p50_ms: float
    cpu_p95_ms: float
    knn_cpu_p95_ms: float
    knn_index_s: float
    knn_baskets: int
    load: float
    naive_p50_ms: float
    naive_p95_ms: float
    update_p50_ms: float
    update_p95_ms: float
    empty_results: int


def carts(shop: SyntheticShop, count: int) -> list[Basket]:
    """Held-out carts of 1-5 items from the same shop (a seed no history order used)."""
    found = []
    for basket in shop.baskets(count * 3, seed=99):
        if len(found) == count:
            break
        found.append(basket[:5])
    return found


def timed_imports(shop: Shop, workdir: Path, synthetic: SyntheticShop, orders: int) -> tuple:
    products, history = workdir / "products.csv", workdir / "orders.csv"
    synthetic.write_products(products)
    rows = synthetic.write_orders(history, orders)
    started = time.perf_counter()
    import_products(shop, read_csv(products, PRODUCT_COLUMNS)[0])
    last_batch = [started]

    def progress(_: ImportReport) -> None:
        last_batch[0] = time.perf_counter()

    report = import_orders(shop, read_csv(history, ORDER_COLUMNS)[0], 5000, progress)
    done = time.perf_counter()
    assert report.added == orders and report.statistics == "rebuilt", report
    return rows, done - started, done - last_batch[0]


def _flush(connection, orders: list[dict], lines: list[dict]) -> int:
    """Insert a batch of orders, then their lines (two ``executemany``); returns the lines."""
    if orders:
        connection.execute(insert(OrderRow), orders)
        connection.execute(insert(OrderLineRow), lines)
    written = len(lines)
    orders.clear()
    lines.clear()
    return written


def bulk_build(shop: Shop, workdir: Path, synthetic: SyntheticShop, orders: int) -> tuple:
    """The store of ``orders`` synthetic orders, inserted in bulk (see the module).

    The baskets are those ``import`` would write (same generator, same seed).

    Returns:
        ``(order rows, seconds for the whole build, seconds for the statistics and lists)``.
    """
    products = workdir / "products.csv"
    synthetic.write_products(products)
    started = time.perf_counter()
    import_products(shop, read_csv(products, PRODUCT_COLUMNS)[0])
    now, written = utcnow(), 0
    with shop.engine.begin() as connection:  # one transaction for every order and line
        rows = select(ProductRow.sku, ProductRow.id, ProductRow.price_minor)
        known = {sku: (pid, price) for sku, pid, price in connection.execute(rows)}
        first = connection.execute(text("SELECT coalesce(max(id), 0) FROM orders")).scalar_one()
        order_rows: list[dict] = []
        line_rows: list[dict] = []
        for number, basket in enumerate(synthetic.baskets(orders, seed=11)):
            order_id = first + 1 + number
            lines = [known[sku] for sku in basket]
            order_rows.append({"id": order_id, "order_ref": f"O{number:08d}", "placed_at": now,
                               "total_minor": sum(price for _, price in lines)})  # fmt: skip
            line_rows += [{"order_id": order_id, "product_id": pid, "quantity": 1,
                           "unit_price_minor": price} for pid, price in lines]  # fmt: skip
            if len(line_rows) >= BULK_ROWS:
                written += _flush(connection, order_rows, line_rows)
        written += _flush(connection, order_rows, line_rows)
    inserted = time.perf_counter()
    print(f"bulk build: catalog and {orders:,} orders inserted in {inserted - started:.1f}s",
          flush=True)  # fmt: skip
    with shop.session_factory.begin() as session:  # what a bulk import ends with
        StatisticsRepository(session).rebuild()
        counted = time.perf_counter()
        rebuild_in(session)
    done = time.perf_counter()
    print(f"bulk build: statistics {counted - inserted:.1f}s, neighbour lists "
          f"{done - counted:.1f}s", flush=True)  # fmt: skip
    return written, done - started, done - inserted


def stored_rows(shop: Shop) -> int:
    """Order lines of a store built by an earlier run."""
    with shop.session_factory.begin() as session:
        return int(session.execute(text("SELECT count(*) FROM order_lines")).scalar_one())


def latencies(shop: Shop, cases: Sequence[Basket], limit: int) -> tuple[list[float], int]:
    return timed(shop, cases, limit)[0::2]  # type: ignore[return-value]


def timed(shop: Shop, cases: Sequence[Basket], limit: int) -> tuple[list[float], list[float], int]:
    """Wall and CPU milliseconds per cart, and carts without a suggestion.

    CPU time (this thread: Python and the in-process SQLite) is what a quiet machine's wall
    time would be; on a shared machine the wall time also holds the wait for a core.
    """
    wall, cpu, empty = [], [], 0
    for cart in cases:
        started, used = time.perf_counter(), time.thread_time()
        ranked = recommend_for_skus(shop, cart, limit)
        cpu.append((time.thread_time() - used) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
        empty += not ranked
    return wall, cpu, empty


def knn_cpu(shop: Shop, cases: Sequence[Basket]) -> list[float]:
    """CPU milliseconds of the basket-kNN vote alone per cart (its share of the per-cart time)."""
    with shop.session_factory.begin() as session:
        ids = dict(session.execute(text("SELECT sku, id FROM products")).all())
        cpu = []
        for cart in cases:
            used = time.thread_time()
            cart_votes(session, [ids[sku] for sku in cart if sku in ids])
            cpu.append((time.thread_time() - used) * 1000)
    return cpu


def naive_latencies(shop: Shop, cases: Sequence[Basket], limit: int) -> list[float]:
    times = []
    for cart in cases:
        marks = ", ".join(f":s{i}" for i in range(len(cart)))
        params = {f"s{i}": sku for i, sku in enumerate(cart)} | {"limit": limit + len(cart)}
        started = time.perf_counter()
        with shop.session_factory.begin() as session:
            session.execute(text(NAIVE.format(marks=marks)), params).all()
        times.append((time.perf_counter() - started) * 1000)
    return times


def update_latencies(shop: Shop, cases: Sequence[Basket]) -> list[float]:
    """Checkout of a fresh cart: stock, order, lines and statistics in one transaction."""
    times = []
    for cart in cases:
        cart_id, token = create_cart(shop, None)
        for sku in cart:
            add_to_cart(shop, token, cart_id, sku, 1)
        started = time.perf_counter()
        place_order(shop, cart_id)
        times.append((time.perf_counter() - started) * 1000)
    return times


def run_size(workdir: Path, synthetic: SyntheticShop, orders: int, args) -> SizeResult:
    kept = args.keep_db is not None
    db = Path(args.keep_db) if kept else workdir / f"scale-{orders}.db"
    reused = kept and db.exists()
    shop = build_shop(f"sqlite:///{db}", secret="bench")
    if reused:  # time the queries again on a store built by an earlier run
        rows, import_s, build_s = stored_rows(shop), float("nan"), float("nan")
    elif args.build == "bulk":
        rows, import_s, build_s = bulk_build(shop, workdir, synthetic, orders)
    else:
        rows, import_s, build_s = timed_imports(shop, workdir, synthetic, orders)
    if not reused:
        print(f"{orders:,} orders: store built in {import_s:.1f}s ({args.build}; statistics "
              f"and lists {build_s:.1f}s)", flush=True)  # fmt: skip
    cases = carts(synthetic, args.carts)
    started = time.perf_counter()
    baskets = warm_up(shop)  # the in-process kNN index, built once like a running shop's
    knn_index_s = time.perf_counter() - started
    latencies(shop, cases[:20], args.limit)  # warm the page cache like a running shop
    load = os.getloadavg()[0]
    times, cpu, empty = timed(shop, cases, args.limit)
    knn = knn_cpu(shop, cases)
    naive = naive_latencies(shop, cases[: args.naive_carts], args.limit)
    updates = update_latencies(shop, cases[: args.updates])
    shop.engine.dispose()
    if not kept:
        db.unlink()
    p = common.percentile
    return SizeResult(
        orders=orders, build="reused" if reused else args.build, order_rows=rows,
        import_s=import_s, stats_build_s=build_s,
        p50_ms=p(times, 0.5), p95_ms=p(times, 0.95),
        cpu_p50_ms=p(cpu, 0.5), cpu_p95_ms=p(cpu, 0.95), knn_cpu_p95_ms=p(knn, 0.95),
        knn_index_s=knn_index_s, knn_baskets=baskets, load=load,
        naive_p50_ms=p(naive, 0.5), naive_p95_ms=p(naive, 0.95),
        update_p50_ms=p(updates, 0.5), update_p95_ms=p(updates, 0.95), empty_results=empty,
    )  # fmt: skip


def _seconds(value: float) -> str:
    """A build time, or "—" for a reused store (nothing was built)."""
    return "—" if math.isnan(value) else f"{value:.1f}"


def report(results: Sequence[SizeResult], skus: int) -> None:
    print(f"\nsynthetic shop, {skus} SKUs, SQLite; latencies per cart of 1-5 items\n")
    header = ["orders", "order rows", "store build", "build s (incl. stats)", "stats build s",
              "p50 ms", "p95 ms", "CPU p50 ms", "CPU p95 ms", "kNN CPU p95 ms",
              "kNN index s (baskets)", "load", "naive p50 ms",
              "naive p95 ms", "naive/ours p95",
              "record order p50 ms", "p95 ms"]  # fmt: skip
    rows = [
        (f"{r['orders']:,}", f"{r['order_rows']:,}", r["build"], _seconds(r["import_s"]),
         _seconds(r["stats_build_s"]), f"{r['p50_ms']:.2f}", f"{r['p95_ms']:.2f}",
         f"{r['cpu_p50_ms']:.2f}", f"{r['cpu_p95_ms']:.2f}", f"{r['knn_cpu_p95_ms']:.2f}",
         f"{r['knn_index_s']:.1f} ({r['knn_baskets']:,})", f"{r['load']:.1f}",
         f"{r['naive_p50_ms']:.1f}", f"{r['naive_p95_ms']:.1f}",
         f"{r['naive_p95_ms'] / r['p95_ms']:.1f}x", f"{r['update_p50_ms']:.2f}",
         f"{r['update_p95_ms']:.2f}")
        for r in results
    ]  # fmt: skip
    print(common.table(header, rows))
    first, last = results[0], results[-1]
    growth = last["p95_ms"] / first["p95_ms"]
    print(f"\np95 growth {first['orders']:,} -> {last['orders']:,} orders: {growth:.2f}x "
          f"(target < 2x); p95 at {last['orders']:,} (target < 5 ms): wall "
          f"{last['p95_ms']:.2f} ms, CPU {last['cpu_p95_ms']:.2f} ms at load {last['load']:.1f}; "
          f"record one order p95: {last['update_p95_ms']:.2f} ms (target < 10 ms)")  # fmt: skip


def main(argv: Sequence[str] | None = None) -> list[SizeResult]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--skus", type=int, default=50_000)
    parser.add_argument("--carts", type=int, default=500, help="carts timed per size")
    parser.add_argument("--naive-carts", type=int, default=50)
    parser.add_argument("--updates", type=int, default=200, help="orders recorded per size")
    parser.add_argument("--limit", type=int, default=5, help="suggestions per cart")
    parser.add_argument(
        "--build", choices=("bulk", "import"), default="bulk",
        help="bulk: Core executemany in one transaction; import: the CSV importers",
    )  # fmt: skip
    parser.add_argument(
        "--keep-db", help="keep the store at this path; when it exists, reuse it (one size)"
    )
    args = parser.parse_args(argv)
    synthetic = SyntheticShop(args.skus)
    results = []
    with tempfile.TemporaryDirectory() as workdir:
        for orders in args.sizes:
            results.append(run_size(Path(workdir), synthetic, orders, args))
            r = results[-1]
            print(f"{orders:,} orders: build {_seconds(r['import_s'])}s, "
                  f"p95 wall {r['p95_ms']:.2f} ms, CPU {r['cpu_p95_ms']:.2f} ms",
                  flush=True)  # fmt: skip
    report(results, args.skus)
    return results


if __name__ == "__main__":
    main()
