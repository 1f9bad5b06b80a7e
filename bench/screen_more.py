"""Screen the seventh session's blend variants on validation carves of the training orders.

Issue 13, seventh session. Same protocol as :mod:`screen_blend` (each variant ranks the same
validation queries as the base, so the difference is paired per query; mean ± one standard
error pooled over the folds; the test baskets are never read), but the base is the current
defaults (cube roots, ``compress`` 1/3) and the variants are knobs no earlier screen moved:
the weight of each term (EASE included), the kNN K / q / idf, a compress exponent per term,
the list rows read per cart item (lists of up to 100 partners are built), the best sellers,
the tie-break, and the lists' own λ / β (rebuilt per variant).

    .venv/bin/python bench/screen_more.py --folds 1 2 3 4 --save /tmp/screen
    .venv/bin/python bench/screen_more.py --folds 0 --variants base "walk 0.75"

``--save DIR`` keeps each fold's per-query hits (``fold<N>.npz``) and ``--load DIR`` reports
saved folds without ranking again (so folds can run in separate processes).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from recommend_quality import DATA, load_orders, queries_of, split
from screen_blend import report
from tune_blend import Config, Replica, _root, _z, carve

from bot.domain.basket_knn import knn_scores
from bot.domain.neighbours import NeighbourParams, build_neighbours

BASE = Config(knn=1.25, k=500, q=5.0, idf=1.0, per_item=2000, walk=0.5, pop=0.1,
              compress=1 / 3, sellers=20)  # the sixth session's defaults, pinned  # fmt: skip
LISTS = NeighbourParams(k=100)  # the defaults' λ / α / β, 100 rows kept (50 read by default)


@dataclass(frozen=True)
class Variant:
    """One change to the current defaults' scoring.

    Attributes:
        config: Weights, kNN parameters, compress exponent, best sellers.
        ease: Weight of the EASE term.
        ease_compress: Exponent of the EASE sums alone (``None``: ``config.compress``).
        walk_compress: Exponent of the RP3beta sums alone.
        knn_compress: Exponent of the kNN votes alone.
        rows: List rows read per cart item (at most ``lists.k``).
        lists: λ / α / β of the neighbour lists.
        tie: Tie-break of equal scores: "sku" (the service's on basket data) or "popularity".
        robust: Standardise each term by its median and median absolute deviation, not z.
        join: The most kNN-voted items that join the candidates (with zero list weights).
        pop_root: Popularity term ``orders ** pop_root`` instead of ``log(1 + orders)``.
        fill: Best sellers fill the list after the ranked candidates when they are fewer
            than 10 (they are not scored).
    """

    config: Config = BASE
    ease: float = 1.0
    ease_compress: float | None = None
    walk_compress: float | None = None
    knn_compress: float | None = None
    rows: int = 50
    lists: NeighbourParams = LISTS
    tie: str = "sku"
    robust: bool = False
    join: int = 0
    pop_root: float = 0.0
    fill: bool = False


def _knob(**changes: object) -> Variant:
    config = {k: v for k, v in changes.items() if k in Config.__dataclass_fields__}
    rest = {k: v for k, v in changes.items() if k not in config}
    return Variant(replace(BASE, **config), **rest)  # type: ignore[arg-type]


VARIANTS = {
    "base": Variant(),
    "ease 0.8": _knob(ease=0.8),
    "ease 1.25": _knob(ease=1.25),
    "walk 0.25": _knob(walk=0.25),
    "walk 0.75": _knob(walk=0.75),
    "pop 0": _knob(pop=0.0),
    "pop 0.05": _knob(pop=0.05),
    "pop 0.2": _knob(pop=0.2),
    "knn 1.0": _knob(knn=1.0),
    "knn 1.5": _knob(knn=1.5),
    "K 400": _knob(k=400),
    "K 700": _knob(k=700),
    "q 4": _knob(q=4.0),
    "q 6": _knob(q=6.0),
    "idf 0.75": _knob(idf=0.75),
    "idf 1.5": _knob(idf=1.5),
    "ease compress 1/2": _knob(ease_compress=0.5),
    "ease compress 1/4": _knob(ease_compress=0.25),
    "walk compress 1/2": _knob(walk_compress=0.5),
    "walk compress 1/4": _knob(walk_compress=0.25),
    "knn compress 1/2": _knob(knn_compress=0.5),
    "rows 40": _knob(rows=40),
    "rows 75": _knob(rows=75),
    "rows 100": _knob(rows=100),
    "best sellers 10": _knob(sellers=10),
    "best sellers 0": _knob(sellers=0),
    "tie popularity": _knob(tie="popularity"),
    "λ 150": _knob(lists=replace(LISTS, ease_lambda=150.0)),
    "λ 300": _knob(lists=replace(LISTS, ease_lambda=300.0)),
    "β 0.4": _knob(lists=replace(LISTS, walk_beta=0.4)),
    "β 0.6": _knob(lists=replace(LISTS, walk_beta=0.6)),
    "λ 100": _knob(lists=replace(LISTS, ease_lambda=100.0)),
    "α 0.8": _knob(lists=replace(LISTS, walk_alpha=0.8)),
    # second round (after the first 33 had been screened)
    "robust z": _knob(robust=True),
    "kNN top 10 join": _knob(join=10),
    "kNN top 30 join": _knob(join=30),
    "EASE partners 150": _knob(lists=replace(LISTS, fit_k=150)),
    "pop √orders": _knob(pop_root=0.5),
    # third round: the first rounds' pick, with a fallback for carts with short lists
    "best sellers 0, fill": _knob(sellers=0, fill=True),
}


def _robust(values: np.ndarray) -> np.ndarray:
    middle = np.median(values)
    spread = np.median(np.abs(values - middle)) * 1.4826
    return (values - middle) / (spread if spread > 0 else (values.std() or 1.0))


class Screen(Replica):
    """The replica with per-variant lists (built lazily per λ / α / β) and numpy sums."""

    def __init__(self, fit: Sequence[tuple[str, list[str]]]) -> None:  # no base build
        self.skus = sorted({s for _, basket in fit for s in basket})
        self.index = {s: i for i, s in enumerate(self.skus)}
        self.keys = np.array([n for n, (_, b) in enumerate(fit) for _ in b])
        self.ids = np.array([self.index[s] for _, b in fit for s in b])
        self.orders = np.bincount(self.ids, minlength=len(self.skus)).astype(float)
        self.best = [int(i) for i in np.lexsort((np.array(self.skus), -self.orders))]
        self.indexes = {}
        self.built: dict[NeighbourParams, dict[int, tuple[np.ndarray, ...]]] = {}

    def lists_for(self, params: NeighbourParams) -> dict[int, tuple[np.ndarray, ...]]:
        """Per anchor: (candidates, EASE, RP3beta) arrays in rank order."""
        if params not in self.built:
            lists = build_neighbours(self.keys, self.ids, params)
            order = np.lexsort((lists.rank, lists.anchor))
            anchor = lists.anchor[order]
            starts = np.flatnonzero(np.concatenate([[True], anchor[1:] != anchor[:-1]]))
            ends = np.concatenate([starts[1:], [len(anchor)]])
            self.built[params] = {
                int(anchor[s]): (lists.neighbour[order][s:e], lists.ease[order][s:e],
                                 lists.walk[order][s:e])
                for s, e in zip(starts, ends, strict=True)
            }  # fmt: skip
        return self.built[params]

    def ranked(self, rows: list[int], variant: Variant, votes: dict[int, float]) -> np.ndarray:
        """The top 10 item numbers for a cart's known items."""
        config, lists = variant.config, self.lists_for(variant.lists)
        parts = [tuple(a[: variant.rows] for a in lists[r]) for r in rows if r in lists]
        listed = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, dtype=int)
        cands = np.union1d(listed, np.array(self.best[: config.sellers], dtype=int))
        if variant.join and votes:
            top = sorted(votes, key=lambda c: (-votes[c], c))[: variant.join + len(rows)]
            cands = np.union1d(cands, np.array(top, dtype=int))
        where = np.searchsorted(cands, listed)
        ease = np.bincount(where, np.concatenate([p[1] for p in parts]) if parts else None,
                           minlength=len(cands))  # fmt: skip
        walk = np.bincount(where, np.concatenate([p[2] for p in parts]) if parts else None,
                           minlength=len(cands))  # fmt: skip
        power, scale = config.compress, _robust if variant.robust else _z
        orders = self.orders[cands]
        pop = orders**variant.pop_root if variant.pop_root else np.log1p(orders)
        score = (
            variant.ease * scale(_root(ease, variant.ease_compress or power))
            + config.walk * scale(_root(walk, variant.walk_compress or power))
            + config.pop * scale(pop)
        )
        if config.knn:
            raw = np.array([votes.get(int(c), 0.0) for c in cands])
            score = score + config.knn * scale(_root(raw, variant.knn_compress or power))
        if variant.tie == "popularity":
            order = np.lexsort((cands, -self.orders[cands], -score))
        else:  # item numbers follow the SKUs' order
            order = np.argsort(-score, kind="stable")
        ranked = cands[order]
        ranked = ranked[~np.isin(ranked, rows)][:10]
        if variant.fill and len(ranked) < 10:
            more = [b for b in self.best if b not in rows and b not in set(ranked.tolist())]
            ranked = np.concatenate([ranked, np.array(more[: 10 - len(ranked)], dtype=int)])
        return ranked


def fold_hits(fold: int, variants: Sequence[Variant], max_queries: int = 0) -> np.ndarray:
    """``hits[variant, query, (HR@5, HR@10)]`` on one validation carve."""
    fit, validation = carve(split(load_orders(DATA / "orders.csv"))[0], fold)
    queries = queries_of(validation)[: max_queries or None]
    screen = Screen(fit)
    hits = np.zeros((len(variants), len(queries), 2), dtype=np.int8)
    for number, (cart, hidden) in enumerate(queries):
        rows = [screen.index[s] for s in cart if s in screen.index]
        target = screen.index.get(hidden, -1)
        votes: dict = {}
        for n, variant in enumerate(variants):
            key = variant.config.params
            if variant.config.knn and key not in votes:
                index = screen.knn_index(variant.config.per_item)
                votes[key] = knn_scores(index, rows, key)
            ranked = screen.ranked(rows, variant, votes.get(key, {}))
            hits[n, number] = (target in ranked[:5], target in ranked[:10])
    return hits


def main(argv: Sequence[str] | None = None) -> list[tuple]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, nargs="+", default=[1, 2, 3, 4])
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=VARIANTS)
    parser.add_argument("--max-queries", type=int, default=0, help="0: every query")
    parser.add_argument("--save", type=Path, help="keep each fold's hits in this folder")
    parser.add_argument("--load", type=Path, help="report the folds saved in this folder")
    args = parser.parse_args(argv)
    names = ["base", *(n for n in args.variants if n != "base")]
    per_fold = []
    for fold in args.folds:
        if args.load:
            saved = np.load(args.load / f"fold{fold}.npz", allow_pickle=False)
            kept = list(saved["names"])
            per_fold.append(saved["hits"][[kept.index(n) for n in names]])
        else:
            per_fold.append(fold_hits(fold, [VARIANTS[n] for n in names], args.max_queries))
            if args.save:
                args.save.mkdir(parents=True, exist_ok=True)
                np.savez(args.save / f"fold{fold}.npz", hits=per_fold[-1], names=names)
        print(f"fold {fold}: {per_fold[-1].shape[1]} validation queries", flush=True)
    return report(names, per_fold)


if __name__ == "__main__":
    main()
