"""Tune the default blend on a VALIDATION split of the Groceries training orders.

The training orders (every order but each 5th) are split again by the same every-5th rule:
the lists and the kNN index are built from the "fit" orders, HR@K is measured on the
validation baskets' leave-one-out queries. The test baskets are never read.

The ranking is an in-memory replica of ``python -m bot recommend``'s defaults on basket data
(lists of each item's 50 strongest partners from the project's ``build_neighbours``, plus the
best sellers; every term standardised over the cart's candidates; the project's own
``knn_scores``), so a grid point takes seconds instead of the service's minutes.
``recommend_quality.py --tune`` re-runs points through the service itself. ``sellers`` best
sellers *join* the candidates here, as the service did until the seventh session; since then
they only fill a list shorter than asked (never on these folds), so today's service is
``Config(sellers=0)`` (``bench/screen_more.py``'s "best sellers 0, fill").

    .venv/bin/python bench/tune_blend.py            # the fixed grid below
    .venv/bin/python bench/tune_blend.py --search   # coordinate search around the defaults
    .venv/bin/python bench/tune_blend.py --fold 2   # the grid on another validation carve
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace

import common
import numpy as np
from recommend_quality import DATA, KS, Query, load_orders, queries_of, split

from bot.cli_data import BASKET_PRESET
from bot.domain.basket_knn import BasketIndex, KnnParams, build_basket_index, knn_scores
from bot.domain.blend import BlendWeights
from bot.domain.neighbours import build_neighbours


@dataclass(frozen=True)
class Config:
    """One point: the blend's weights, basket-kNN's K / q / idf / cap and the best sellers."""

    knn: float = BlendWeights().knn
    k: int = KnnParams().neighbours
    q: float = KnnParams().power
    idf: float = KnnParams().idf
    per_item: int = KnnParams().per_item
    walk: float = BlendWeights().walk
    pop: float = BlendWeights().popularity
    compress: float = BlendWeights().compress
    sellers: int = int(BASKET_PRESET["best_sellers"])  # type: ignore[call-overload]

    @property
    def params(self) -> KnnParams:
        return KnnParams(self.k, self.q, idf=self.idf, per_item=self.per_item)


DEFAULT = Config()
PREVIOUS = replace(DEFAULT, compress=0.5)  # the fifth session's defaults (square roots)
FOURTH = replace(DEFAULT, idf=0.0, compress=1.0)  # the fourth session's defaults
GRID = [  # the defaults, the previous defaults, then one knob at a time
    DEFAULT, PREVIOUS, FOURTH, replace(DEFAULT, idf=0.0), replace(DEFAULT, compress=1.0),
    replace(DEFAULT, compress=0.25), replace(DEFAULT, knn=1.0),
    replace(DEFAULT, knn=1.5), replace(DEFAULT, q=3.0), replace(DEFAULT, k=700),
    replace(DEFAULT, walk=0.25), replace(DEFAULT, pop=0.0),
]  # fmt: skip
SEARCH = {  # values tried per knob by --search (coordinate search, two passes)
    "knn": (0.5, 0.75, 1.0, 1.25, 1.5, 2.0),
    "k": (300, 500, 700, 1000, 1500),
    "q": (2.0, 2.5, 3.0, 4.0, 5.0),
    "idf": (0.0, 0.5, 1.0, 2.0),
    "compress": (0.25, 1 / 3, 0.5, 0.75, 1.0),
    "walk": (0.0, 0.25, 0.5, 0.75, 1.0),
    "pop": (0.0, 0.05, 0.1, 0.2, 0.3),
    "sellers": (20, 40, 80, 200),
}
COLUMNS = [f.name for f in fields(Config)]


def _root(values: np.ndarray, power: float) -> np.ndarray:
    return values if power == 1.0 else np.sign(values) * np.abs(values) ** power


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
        self.best = [int(i) for i in np.lexsort((np.array(self.skus), -self.orders))]
        self.indexes: dict[int, BasketIndex] = {}

    def knn_index(self, per_item: int) -> BasketIndex:
        if per_item not in self.indexes:
            self.indexes[per_item] = build_basket_index(
                self.keys, self.ids, KnnParams(per_item=per_item)
            )
        return self.indexes[per_item]

    def lists(self, rows: list[int]) -> tuple[dict[int, float], dict[int, float]]:
        """Summed EASE and RP3beta weights of the cart items' list rows."""
        ease: dict[int, float] = {}
        walk: dict[int, float] = {}
        for anchor in rows:
            for c, e, w in self.rows.get(anchor, []):
                ease[c], walk[c] = ease.get(c, 0.0) + e, walk.get(c, 0.0) + w
        return ease, walk

    def rank(self, cart: list[str], config: Config, votes: dict[int, float] | None = None):
        """The top 10 SKUs for a cart (``votes``: the cart's kNN votes, computed if absent)."""
        rows = [self.index[s] for s in cart if s in self.index]
        ease, walk = self.lists(rows)
        candidates = np.array(sorted(set(ease) | set(self.best[: config.sellers])))
        power = config.compress
        score = (
            _z(_root(np.array([ease.get(c, 0.0) for c in candidates]), power))
            + config.walk * _z(_root(np.array([walk.get(c, 0.0) for c in candidates]), power))
            + config.pop * _z(np.log1p(self.orders[candidates]))
        )
        if config.knn:
            if votes is None:
                index = self.knn_index(config.per_item)
                votes = knn_scores(index, rows, config.params, candidates.tolist())
            knn = _root(np.array([votes.get(int(c), 0.0) for c in candidates]), power)
            score = score + config.knn * _z(knn)
        order = sorted(range(len(candidates)), key=lambda j: (-score[j], self.skus[candidates[j]]))
        return [self.skus[candidates[j]] for j in order if candidates[j] not in rows][:10]


def hit_rates_many(
    replica: Replica, queries: Sequence[Query], configs: Sequence[Config]
) -> list[dict[int, float]]:
    """HR@K of each config, in one pass over the queries (kNN votes shared per K, q, cap)."""
    hits = [dict.fromkeys(KS, 0) for _ in configs]
    for cart, hidden in queries:
        rows = [replica.index[s] for s in cart if s in replica.index]
        votes: dict[KnnParams, dict[int, float]] = {}
        for n, config in enumerate(configs):
            if config.knn and config.params not in votes:
                index = replica.knn_index(config.per_item)
                votes[config.params] = knn_scores(index, rows, config.params)
            ranked = replica.rank(cart, config, votes.get(config.params))
            for k in KS:
                hits[n][k] += hidden in ranked[:k]
    return [{k: h[k] / len(queries) for k in KS} for h in hits]


def hit_rates(replica: Replica, queries: Sequence[Query], config: Config) -> dict[int, float]:
    """HR@K of one config."""
    return hit_rates_many(replica, queries, [config])[0]


def _row(config: Config, rates: dict[int, float]) -> tuple:
    knobs = (getattr(config, c) for c in COLUMNS)  # 1/3 prints as 0.3333
    return (*(round(v, 4) if isinstance(v, float) else v for v in knobs),
            *(f"{rates[n]:.4f}" for n in KS))  # fmt: skip


def _objective(rates: dict[int, float]) -> float:
    """What the search maximises: the two target hit rates, equally."""
    return rates[5] + rates[10]


def search(replica: Replica, queries: Sequence[Query], passes: int = 2) -> list[tuple]:
    """Coordinate search from the defaults; a knob moves only when validation improves."""
    best = DEFAULT
    best_rates = hit_rates(replica, queries, best)
    rows = [_row(best, best_rates)]
    print(f"  start {rows[-1]}", flush=True)
    for _ in range(passes):
        for knob, values in SEARCH.items():
            configs = [replace(best, **{knob: v}) for v in values if getattr(best, knob) != v]
            for config, rates in zip(configs, hit_rates_many(replica, queries, configs),
                                     strict=True):  # fmt: skip
                rows.append(_row(config, rates))
                print(f"  {rows[-1]}", flush=True)
                if _objective(rates) > _objective(best_rates) + 1e-9:
                    best, best_rates = config, rates
    print(f"best on validation: {_row(best, best_rates)}")
    return rows


def carve(train: Sequence[tuple[str, list[str]]], fold: int) -> tuple[list, list]:
    """``(fit, validation)`` of the training orders: validation is every 5th order.

    Fold 0 is ``split``'s rule (the 5th, 10th, ... training order); fold ``f`` in 1..4 takes
    the orders at positions ``i`` with ``i % 5 == f - 1`` instead (a different carve, to check
    that a choice made on fold 0 is not noise).
    """
    offset = (fold - 1) % 5
    fit = [o for i, o in enumerate(train) if i % 5 != offset]
    return fit, [o for i, o in enumerate(train) if i % 5 == offset]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-queries", type=int, default=0, help="0: every query")
    parser.add_argument("--search", action="store_true", help="coordinate search (slower)")
    parser.add_argument("--fold", type=int, default=0, choices=range(5), help="validation carve")
    args = parser.parse_args(argv)
    fit, validation = carve(split(load_orders(DATA / "orders.csv"))[0], args.fold)
    queries = queries_of(validation)[: args.max_queries or None]
    print(f"fold {args.fold}: {len(fit)} fit orders, {len(queries)} validation queries "
          "(training orders only)")  # fmt: skip
    replica = Replica(fit)
    if args.search:
        rows = search(replica, queries)
    else:
        rows = [_row(c, r) for c, r in zip(GRID, hit_rates_many(replica, queries, GRID),
                                           strict=True)]  # fmt: skip
    print(common.table([*COLUMNS, *(f"HR@{n}" for n in KS)], rows))


if __name__ == "__main__":
    main()
