"""Recommendation quality on real baskets: hit rate of the project's ranking and baselines.

Protocol: orders sorted by order_id; every 5th order is a test basket, the others are
imported into a fresh store as history. For each test basket with at least two distinct items,
each item is hidden in turn and the rest is the cart; HR@K is the share of those queries whose
hidden item is among the top K suggestions (never an item of the cart). The project ranks
with exactly the rules ``python -m bot recommend`` uses with no flags; the baselines (EASE,
RP3beta, basket-kNN, their blend and three simpler ones) are built in the same run.

    .venv/bin/python bench/recommend_quality.py         # the full run (~4 min on a quiet machine)
    .venv/bin/python bench/recommend_quality.py --tune  # re-tune on training data only
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypedDict

import common
from baselines import Basket, Ranker, baselines

from bot.cli import build_parser
from bot.cli_data import rules_from
from bot.domain.blend import BlendWeights
from bot.domain.neighbours import NeighbourParams
from bot.domain.ranking import RankingRules, Scoring
from bot.services.catalog import catalog_kind
from bot.services.imports import Row, import_orders, import_products
from bot.services.neighbours import rebuild_neighbours
from bot.services.recommend import recommend_for_skus
from bot.services.shop import Shop, build_shop

DATA = common.ROOT.parent / "shared" / "datasets" / "groceries"
KS = (1, 3, 5, 10)
BASELINES = (
    "popularity", "confidence sum", "mlxtend rules", "EASE λ=500", "RP3beta α=0.75 β=0.4",
    "basket-kNN K=700 q=3", "blend EASE+0.5·RP3beta+kNN+0.1·pop",
)  # fmt: skip
PROJECT = "project (`recommend` defaults)"
TARGETS = {5: 0.285, 10: 0.415}
Query = tuple[Basket, str]


class Result(TypedDict):
    queries: int
    hit_rates: dict[str, dict[int, float]]
    seconds: dict[str, float]
    ratio: float
    best_baseline: str


def load_orders(path: Path) -> list[tuple[str, Basket]]:
    """Orders as ``(order_id, distinct SKUs)``, sorted by order_id."""
    baskets: dict[str, Basket] = {}
    with path.open(newline="") as handle:
        for row in csv.DictReader(handle):
            basket = baskets.setdefault(row["order_id"], [])
            if row["sku"] not in basket:
                basket.append(row["sku"])
    return sorted(baskets.items())


def split(orders: Sequence[tuple[str, Basket]]) -> tuple[list, list]:
    """Every 5th order (5th, 10th, ...) is a test basket; the rest is history."""
    test = [o for i, o in enumerate(orders) if (i + 1) % 5 == 0]
    train = [o for i, o in enumerate(orders) if (i + 1) % 5 != 0]
    return train, test


def queries_of(test: Sequence[tuple[str, Basket]]) -> list[Query]:
    """Leave-one-out queries: (cart, hidden item) for baskets with >= 2 distinct items."""
    found = []
    for _, basket in test:
        if len(basket) >= 2:
            found += [([s for s in basket if s != hidden], hidden) for hidden in basket]
    return found


def order_rows(orders: Sequence[tuple[str, Basket]]) -> list[Row]:
    rows: list[Row] = []
    for order_id, basket in orders:
        rows += [(len(rows) + 2, {"order_id": order_id, "sku": sku}) for sku in basket]
    return rows


def build_store(db: Path, data: Path, history: Sequence[tuple[str, Basket]]) -> Shop:
    shop = build_shop(f"sqlite:///{db}", secret="bench")
    with (data / "products.csv").open(newline="") as handle:
        import_products(shop, [(n + 2, r) for n, r in enumerate(csv.DictReader(handle))])
    import_orders(shop, order_rows(history))
    return shop


def hit_rates(ranker: Ranker, queries: Sequence[Query]) -> dict[int, float]:
    hits = dict.fromkeys(KS, 0)
    for cart, hidden in queries:
        ranked = ranker(cart)[: max(KS)]
        assert not set(ranked) & set(cart), "a suggestion was already in the cart"
        position = ranked.index(hidden) if hidden in ranked else max(KS)
        for k in KS:
            hits[k] += position < k
    return {k: hits[k] / max(len(queries), 1) for k in KS}


def project_ranker(shop: Shop, rules: RankingRules) -> Ranker:
    def rank(cart: Basket) -> list[str]:
        return [s.product.sku for s in recommend_for_skus(shop, cart, max(KS), rules)]

    return rank


def cli_rules(shop: Shop) -> RankingRules:
    """The rules ``python -m bot recommend`` uses on this store with no flags at all."""
    return rules_from(build_parser().parse_args(["recommend"]), shop.rules, catalog_kind(shop))


def evaluate(
    shop: Shop,
    history: Sequence[Basket],
    queries: Sequence[Query],
    min_support: float,
    project_only: bool = False,
) -> Result:
    """HR@K of the project's ranking (the CLI's defaults, and older scorings) and baselines.

    ``project_only``: the CLI's defaults alone (no baselines, no ratio): a quick re-check.
    """
    rules = cli_rules(shop)
    rankers: dict[str, Ranker] = {PROJECT: project_ranker(shop, rules)}
    if not project_only:
        basket = replace(rules, scoring=Scoring.BASKET)
        rankers["project --scoring basket"] = project_ranker(shop, basket)
        started = time.perf_counter()
        rankers.update(baselines(history, min_support))
        print(f"baselines built in {time.perf_counter() - started:.1f}s (mlxtend fpgrowth incl.)")
    rates: dict[str, dict[int, float]] = {}
    seconds: dict[str, float] = {}
    for name, ranker in rankers.items():
        started = time.perf_counter()
        rates[name] = hit_rates(ranker, queries)
        seconds[name] = time.perf_counter() - started
    if project_only:
        return Result(queries=len(queries), hit_rates=rates, seconds=seconds,
                      ratio=float("nan"), best_baseline="none (--project-only)")  # fmt: skip
    best = max(BASELINES, key=lambda name: rates[name][5])
    project = rates[PROJECT][5]
    ratio = project / rates[best][5] if rates[best][5] else float("nan")
    return Result(
        queries=len(queries), hit_rates=rates, seconds=seconds, ratio=ratio, best_baseline=best
    )


GRID = [  # (ease λ, RP3beta α, β, blend weight of RP3beta, of popularity)
    (lam, alpha, beta, walk, pop)
    for lam in (200.0, 500.0)
    for alpha, beta in ((0.75, 0.4), (1.0, 0.5))
    for walk in (0.5, 1.0)
    for pop in (0.0, 0.1)
]


def tune(data: Path, train: Sequence[tuple[str, Basket]], workdir: Path, limit: int) -> None:
    """Grid-search the neighbour lists and the blend on a validation split of TRAINING orders."""
    fit, validation = split(train)
    queries = queries_of(validation)[: limit or None]
    shop = build_store(workdir / "tune.db", data, fit)
    base = cli_rules(shop)
    print(f"tuning on {len(fit)} training orders, {len(queries)} validation queries")
    rows = []
    for lam, alpha, beta, walk, pop in GRID:
        params = NeighbourParams(ease_lambda=lam, walk_alpha=alpha, walk_beta=beta)
        rebuild_neighbours(shop, params)
        rules = replace(base, blend=BlendWeights(1.0, walk, pop))
        rates = hit_rates(project_ranker(shop, rules), queries)
        rows.append((lam, alpha, beta, walk, pop, *(f"{rates[k]:.4f}" for k in KS)))
        print(f"  {rows[-1]}", flush=True)
    rows.sort(key=lambda row: (row[7], row[8]), reverse=True)
    header = ["λ", "α", "β", "w RP3beta", "w pop", *(f"HR@{k}" for k in KS)]
    print(common.table(header, rows[:5]))


def report(result: Result, train: int, test: int) -> None:
    print(f"\n{train} history orders, {test} test baskets, {result['queries']} queries\n")
    header = ["ranking", *(f"HR@{k}" for k in KS), "ranking seconds"]
    rows = [
        (name, *(f"{rates[k]:.4f}" for k in KS), f"{result['seconds'][name]:.1f}")
        for name, rates in result["hit_rates"].items()
    ]
    print(common.table(header, rows))
    project = result["hit_rates"][PROJECT]
    print(
        f"\nproject HR@5 / best baseline HR@5 ({result['best_baseline']}) = {result['ratio']:.3f}"
    )
    print("targets: " + ", ".join(
        f"HR@{k} {project[k]:.4f} vs {goal} ({project[k] - goal:+.4f})"
        for k, goal in TARGETS.items()
    ))  # fmt: skip


def main(argv: Sequence[str] | None = None) -> Result | None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder with the CSV files")
    parser.add_argument("--max-queries", type=int, default=0, help="0: every query")
    parser.add_argument("--tune", action="store_true", help="grid search on training data")
    parser.add_argument("--min-support", type=float, default=0.001, help="for mlxtend fpgrowth")
    parser.add_argument(
        "--project-only", action="store_true", help="only the CLI's defaults: no baselines"
    )
    args = parser.parse_args(argv)
    orders = load_orders(args.data / "orders.csv")
    train, test = split(orders)
    with tempfile.TemporaryDirectory() as workdir:
        if args.tune:
            tune(args.data, train, Path(workdir), args.max_queries)
            return None
        started = time.perf_counter()
        shop = build_store(Path(workdir) / "quality.db", args.data, train)
        print(f"imported {len(train)} history orders in {time.perf_counter() - started:.1f}s")
        queries = queries_of(test)[: args.max_queries or None]
        history = [basket for _, basket in train]
        result = evaluate(shop, history, queries, args.min_support, args.project_only)
        shop.engine.dispose()
    report(result, len(train), len(test))
    return result


if __name__ == "__main__":
    main()
