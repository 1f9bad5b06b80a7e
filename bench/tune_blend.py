"""Tune the blend's basket-kNN term on a VALIDATION split of the Groceries training orders.

The training orders (every order but each 5th) are split again by the same every-5th rule:
the lists and the kNN index are built from the "fit" orders, HR@K is measured on the
validation baskets' leave-one-out queries. The test baskets are never read.

The ranking is an in-memory replica of ``python -m bot recommend``'s defaults on basket data
(lists of each item's 50 strongest partners from the project's ``build_neighbours``, plus the
20 best sellers; every term standardised over the cart's candidates; the project's own
``knn_scores``), so a grid point takes seconds instead of the service's minutes.
``recommend_quality.py --tune`` re-runs points through the service itself.

    .venv/bin/python bench/tune_blend.py
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

import common
import numpy as np
from recommend_quality import DATA, KS, Query, load_orders, queries_of, split

from bot.domain.basket_knn import BasketIndex, KnnParams, build_basket_index, knn_scores
from bot.domain.neighbours import build_neighbours

GRID = [  # (kNN weight, K, q, baskets per item)
    (0.0, 700, 3.0, 2000), (0.5, 700, 3.0, 2000), (1.0, 700, 3.0, 2000), (1.5, 700, 3.0, 2000),
    (1.0, 300, 3.0, 2000), (1.0, 700, 2.0, 2000), (1.0, 1500, 3.0, 2000),
    (1.0, 700, 3.0, 500), (1.0, 700, 3.0, 1000),
]  # fmt: skip


def _z(values: np.ndarray) -> np.ndarray:
    spread = values.std()
    return (values - values.mean()) / (spread if spread > 0 else 1.0)


class Replica:
    """The project's default scoring on basket data, in memory."""

    def __init__(self, fit: Sequence[tuple[str, list[str]]]) -> None:
        self.skus = sorted({s for _, basket in fit for s in basket})
        self.index = {s: i for i, s in enumerate(self.skus)}
        self.keys = np.array([n for n, (_, b) in enumerate(fit) for _ in b])
        self.ids = np.array([self.index[s] for _, b in fit for s in b])
        lists = build_neighbours(self.keys, self.ids)
        self.rows: dict[int, list[tuple[int, float, float]]] = {}
        for a, c, rank, e, w in zip(lists.anchor, lists.neighbour, lists.rank, lists.ease,
                                    lists.walk, strict=True):  # fmt: skip
            if rank < 50:
                self.rows.setdefault(int(a), []).append((int(c), float(e), float(w)))
        self.orders = np.bincount(self.ids, minlength=len(self.skus)).astype(float)
        self.sellers = list(np.lexsort((np.array(self.skus), -self.orders))[:20])

    def rank(self, cart: list[str], weight: float, knn: BasketIndex, params: KnnParams) -> list:
        rows = [self.index[s] for s in cart if s in self.index]
        ease: dict[int, float] = {}
        walk: dict[int, float] = {}
        for anchor in rows:
            for c, e, w in self.rows.get(anchor, []):
                ease[c], walk[c] = ease.get(c, 0.0) + e, walk.get(c, 0.0) + w
        candidates = np.array(sorted(set(ease) | set(self.sellers)))
        score = (
            _z(np.array([ease.get(c, 0.0) for c in candidates]))
            + 0.5 * _z(np.array([walk.get(c, 0.0) for c in candidates]))
            + 0.1 * _z(np.log1p(self.orders[candidates]))
        )
        if weight:
            votes = knn_scores(knn, rows, params, candidates.tolist())
            score = score + weight * _z(np.array([votes.get(int(c), 0.0) for c in candidates]))
        order = sorted(range(len(candidates)), key=lambda j: (-score[j], self.skus[candidates[j]]))
        return [self.skus[candidates[j]] for j in order if candidates[j] not in rows][:10]


def hit_rates(replica: Replica, queries: Sequence[Query], weight: float, params: KnnParams):
    knn = build_basket_index(replica.keys, replica.ids, params)
    hits = dict.fromkeys(KS, 0)
    for cart, hidden in queries:
        ranked = replica.rank(cart, weight, knn, params)
        for k in KS:
            hits[k] += hidden in ranked[:k]
    return {k: hits[k] / len(queries) for k in KS}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-queries", type=int, default=0, help="0: every query")
    args = parser.parse_args(argv)
    fit, validation = split(split(load_orders(DATA / "orders.csv"))[0])
    queries = queries_of(validation)[: args.max_queries or None]
    print(f"{len(fit)} fit orders, {len(queries)} validation queries (training orders only)")
    replica = Replica(fit)
    rows = []
    for weight, k, q, per_item in GRID:
        rates = hit_rates(replica, queries, weight, KnnParams(k, q, per_item))
        rows.append((weight, k, q, per_item, *(f"{rates[n]:.4f}" for n in KS)))
        print(f"  {rows[-1]}", flush=True)
    print(common.table(["kNN weight", "K", "q", "per item", *(f"HR@{n}" for n in KS)], rows))


if __name__ == "__main__":
    main()
