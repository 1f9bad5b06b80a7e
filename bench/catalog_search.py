"""Catalog search: top-1 accuracy and resolution time at 1k, 10k and 50k SKUs.

For each size and backend (SQLite; PostgreSQL when it answers on 127.0.0.1): generate a
deterministic catalog (bench/catalog_names.py), import it with the project's importer (which
keeps the search index current), then resolve a query set with known answers — exact,
partial, plural, 1- and 2-edit typos, units written differently, reordered words — with

* the project: the store's index (FTS5 trigram / pg_trgm) + rapidfuzz re-ranking, exactly
  as the chat does (``bot.chat.products.search_product``), and
* the baseline measured in the same run: main's resolver, which loads the whole catalog and
  scores it with difflib on every message (bench/difflib_resolver.py), on the first
  ``--baseline-queries`` queries per size, or fewer when ``--baseline-seconds`` run out (it
  takes seconds per query at 50k; the table says how many it did).

Times are per query, wall clock and CPU (``time.process_time`` of this process): on a
shared machine the others' load lengthens the wall time, not the CPU time, so both are
reported, with the load average at the start and the end.

Top-1 counts a query as right only when the resolver acts on the right SKU (a question or
"not found" is a miss); "right or asked" also counts a question listing the right SKU.

    .venv/bin/python bench/catalog_search.py                      # 1k, 10k, 50k; SQLite + PG
    .venv/bin/python bench/catalog_search.py --sizes 300 --queries 35 --backends sqlite
    .venv/bin/python bench/catalog_search.py --sizes 50000 --backends sqlite --repeats 3
"""

from __future__ import annotations

import argparse
import csv
import os
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypedDict

import catalog_names
import common
import difflib_resolver

from bot.chat.products import search_product
from bot.cli_data import read_csv
from bot.domain.errors import AmbiguousProduct, UnknownProduct
from bot.domain.imports import PRODUCT_COLUMNS
from bot.services.imports import import_products
from bot.services.shop import Shop, build_shop
from tests.pg import fresh_database, postgres_missing


class Run(TypedDict):
    size: int
    backend: str
    queries: int
    top1: float
    right_or_asked: float
    p50_ms: float
    p95_ms: float
    p50_cpu_ms: float
    p95_cpu_ms: float
    baseline_queries: int
    baseline_top1: float
    baseline_p50_ms: float
    baseline_p95_ms: float
    baseline_p95_cpu_ms: float
    by_kind: dict[str, float]


@contextmanager
def store(backend: str, folder: Path) -> Iterator[Shop]:
    """A fresh, migrated store on a backend."""
    if backend == "sqlite":
        shop = build_shop(f"sqlite:///{folder / 'shop.db'}", "bench-secret")
        yield shop
        shop.engine.dispose()
        return
    with fresh_database("ca_bench_search") as url:
        shop = build_shop(url, "bench-secret")
        yield shop
        shop.engine.dispose()


def load(shop: Shop, products: Sequence[tuple[str, str]], folder: Path) -> float:
    """Import the catalog through the project's importer; seconds taken."""
    path = folder / "products.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["sku", "name", "category", "price", "stock"])
        writer.writerows([sku, name, "misc", "9.99", "10"] for sku, name in products)
    started = time.perf_counter()
    import_products(shop, read_csv(path, PRODUCT_COLUMNS)[0])
    return time.perf_counter() - started


def project(shop: Shop) -> Callable[[str], tuple[str | None, tuple[str, ...]]]:
    """The chat's resolver: ``(SKU acted on or None, SKUs offered in a question)``."""

    def resolve(query: str) -> tuple[str | None, tuple[str, ...]]:
        with shop.session_factory.begin() as session:
            try:
                return search_product(session, query).sku, ()
            except AmbiguousProduct as asked:
                return None, asked.skus
            except UnknownProduct:
                return None, ()

    return resolve


def baseline(shop: Shop) -> Callable[[str], tuple[str | None, tuple[str, ...]]]:
    """Main's whole-catalog difflib resolver."""

    def resolve(query: str) -> tuple[str | None, tuple[str, ...]]:
        with shop.session_factory.begin() as session:
            found = difflib_resolver.find(session, query)
            return (found.sku if found else None), ()

    return resolve


def timed(
    resolve,
    queries: Sequence[catalog_names.Query],
    budget_s: float = float("inf"),
    repeats: int = 1,
) -> tuple[list[float], list[float], list[tuple]]:
    """Resolve queries in order until done or ``budget_s`` seconds have been spent.

    Returns wall-clock and CPU milliseconds per query (``time.process_time``: this process
    only, so the load of other processes on a shared machine shows as wall minus CPU), and
    the answers. With ``repeats`` > 1 each query is resolved that many times in a row and
    its fastest time is kept (as ``timeit`` does). The answer must be the same every time.
    """
    times, cpu, answers = [], [], []
    for query in queries:
        if sum(times) / 1000 > budget_s:
            break
        runs, cpu_runs = [], []
        for _ in range(repeats):
            started, started_cpu = time.perf_counter(), time.process_time()
            answer = resolve(query.text)
            cpu_runs.append((time.process_time() - started_cpu) * 1000)
            runs.append((time.perf_counter() - started) * 1000)
            if len(runs) > 1 and answer != answers[-1]:
                raise RuntimeError(f"{query.text!r} resolved differently on a repeat")
            if len(runs) == 1:
                answers.append(answer)
        times.append(min(runs))
        cpu.append(min(cpu_runs))
    return times, cpu, answers


def run_size(size: int, backend: str, args: argparse.Namespace) -> Run:
    products = catalog_names.catalog(size)
    queries = catalog_names.queries(products, args.queries)
    with tempfile.TemporaryDirectory() as scratch, store(backend, Path(scratch)) as shop:
        import_s = load(shop, products, Path(scratch))
        resolve = project(shop)
        for query in queries[:5]:  # warm the connection pool and caches
            resolve(query.text)
        times, cpu, answers = timed(resolve, queries, repeats=args.repeats)
        base_times, base_cpu, base_answers = timed(
            baseline(shop), queries[: args.baseline_queries], args.baseline_seconds
        )
        few = queries[: len(base_answers)]
    right = [sku == q.sku for (sku, _), q in zip(answers, queries, strict=True)]
    asked = [sku == q.sku or q.sku in opts for (sku, opts), q in zip(answers, queries, strict=True)]
    kinds: dict[str, list[bool]] = defaultdict(list)
    for ok, query in zip(right, queries, strict=True):
        kinds[query.kind].append(ok)
    base_right = [sku == q.sku for (sku, _), q in zip(base_answers, few, strict=True)]
    print(
        f"{backend} {size:>6} SKUs: import {import_s:.1f} s, {len(queries)} queries,"
        f" top-1 {sum(right) / len(right):.3f}",
        flush=True,
    )
    if args.show_misses:
        for (sku, opts), query in zip(answers, queries, strict=True):
            if sku != query.sku:
                print(f"  miss [{query.kind}] {query.text!r} -> {sku} asked={len(opts)}")
    return Run(
        size=size,
        backend=backend,
        queries=len(queries),
        top1=sum(right) / len(right),
        right_or_asked=sum(asked) / len(asked),
        p50_ms=common.percentile(times, 0.5),
        p95_ms=common.percentile(times, 0.95),
        p50_cpu_ms=common.percentile(cpu, 0.5),
        p95_cpu_ms=common.percentile(cpu, 0.95),
        baseline_queries=len(few),
        baseline_top1=sum(base_right) / max(len(base_right), 1),
        baseline_p50_ms=common.percentile(base_times, 0.5),
        baseline_p95_ms=common.percentile(base_times, 0.95),
        baseline_p95_cpu_ms=common.percentile(base_cpu, 0.95),
        by_kind={kind: sum(oks) / len(oks) for kind, oks in kinds.items()},
    )


def report(runs: Sequence[Run]) -> None:
    """Print the runs' table (wall and CPU times) and top-1 by query kind."""
    header = [
        "backend", "SKUs", "queries", "top-1", "right or asked", "p50 ms", "p95 ms",
        "p50 CPU ms", "p95 CPU ms", "baseline top-1 (n)", "baseline p50 ms",
        "baseline p95 ms", "baseline p95 CPU ms", "p95 speed-up (CPU)",
    ]  # fmt: skip
    rows = [
        [
            r["backend"], r["size"], r["queries"], f"{r['top1']:.3f}",
            f"{r['right_or_asked']:.3f}", f"{r['p50_ms']:.2f}", f"{r['p95_ms']:.2f}",
            f"{r['p50_cpu_ms']:.2f}", f"{r['p95_cpu_ms']:.2f}",
            f"{r['baseline_top1']:.3f} ({r['baseline_queries']})",
            f"{r['baseline_p50_ms']:.1f}", f"{r['baseline_p95_ms']:.1f}",
            f"{r['baseline_p95_cpu_ms']:.1f}",
            f"{r['baseline_p95_ms'] / r['p95_ms']:.0f}x"
            f" ({r['baseline_p95_cpu_ms'] / max(r['p95_cpu_ms'], 1e-6):.0f}x)",
        ]
        for r in runs
    ]  # fmt: skip
    print(common.table(header, rows))
    print()
    kinds = catalog_names.QUERY_KINDS
    print(
        common.table(
            ["backend", "SKUs", *kinds],
            [
                [r["backend"], r["size"], *(f"{r['by_kind'].get(k, 0):.2f}" for k in kinds)]
                for r in runs
            ],
        )
    )


def main(argv: Sequence[str] | None = None) -> list[Run]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 50_000])
    parser.add_argument("--queries", type=int, default=350, help="queries per size")
    parser.add_argument("--baseline-queries", type=int, default=40)
    parser.add_argument(
        "--baseline-seconds", type=float, default=60.0, help="time budget of the baseline per size"
    )
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument(
        "--repeats",
        type=int,
        default=1,
        help="resolve each query this many times and keep its fastest time (the project's"
        " resolver only; 1 = single-shot, as before)",
    )
    args = parser.parse_args(argv)
    print("load average at start: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()), flush=True)
    runs: list[Run] = []
    for backend in args.backends:
        if backend == "postgresql" and (missing := postgres_missing()):
            print(f"skipping PostgreSQL: {missing}")
            continue
        for size in args.sizes:
            runs.append(run_size(size, backend, args))
    report(runs)
    print("load average at end: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    return runs


if __name__ == "__main__":
    main()
