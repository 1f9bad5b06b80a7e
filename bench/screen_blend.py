"""Screen blend variants on validation carves of the Groceries training orders, paired.

The sixth session's screen (issue 13): each variant changes one thing in
:class:`tune_blend.Replica`'s scoring; every variant ranks the same validation queries, so the
difference to the base is paired per query (mean ± one standard error of the per-query
difference, pooled over the folds). The test baskets are never read.

    .venv/bin/python bench/screen_blend.py --folds 1 2 3 4            # every variant
    .venv/bin/python bench/screen_blend.py --folds 0 --variants base compress=1/3

The base is the fifth session's defaults (square roots, ``compress`` 0.5), the point the
screen started from; ``compress=1/3`` is what was chosen.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import common
import numpy as np
from recommend_quality import DATA, load_orders, queries_of, split
from tune_blend import Config, Replica, _root, _z, carve

from bot.domain.basket_knn import BasketIndex, knn_scores

BASE = replace(Config(), compress=0.5)  # the fifth session's defaults


@dataclass(frozen=True)
class Variant:
    """One change to the base scoring.

    Attributes:
        config: Weights, kNN parameters, compress exponent, best sellers.
        size: Exponent of the basket size in the kNN similarity (``overlap / |b|**size``).
        norm: Per-list normalisation of each cart item's rows: "" (none), "max" or "l1".
        knn_compress: Exponent of the kNN votes alone (``None``: ``config.compress``).
        rows: List rows read per cart item.
        minmax: Divide each term by its largest magnitude instead of z-scoring it.
        cover: Weight of a fifth term: how many cart items list the candidate.
        knn_beta: Divide the kNN vote by ``orders(c) ** knn_beta`` (RP3beta's β for kNN).
    """

    config: Config = BASE
    size: float = 0.5
    norm: str = ""
    knn_compress: float | None = None
    rows: int = 50
    minmax: bool = False
    cover: float = 0.0
    knn_beta: float = 0.0


VARIANTS = {
    "base": Variant(),
    "compress=1/3": Variant(replace(BASE, compress=1 / 3)),
    "compress=1/4": Variant(replace(BASE, compress=0.25)),
    "knn compress=1/3": Variant(knn_compress=1 / 3),
    "knn compress=1/4": Variant(knn_compress=0.25),
    "knn 1.5, knn compress=1/3": Variant(replace(BASE, knn=1.5), knn_compress=1 / 3),
    "basket size^0.3": Variant(size=0.3),
    "basket size^0.6": Variant(size=0.6),
    "basket size^0.7": Variant(size=0.7),
    "basket size^1": Variant(size=1.0),
    "list norm max": Variant(norm="max"),
    "list norm l1": Variant(norm="l1"),
    "list rows 30": Variant(rows=30),
    "min-max, not z": Variant(minmax=True),
    "cover 0.25": Variant(cover=0.25),
    "cover 0.5": Variant(cover=0.5),
    "knn beta 0.1": Variant(knn_beta=0.1),
    "knn beta 0.2": Variant(knn_beta=0.2),
    "knn beta -0.1": Variant(knn_beta=-0.1),
    "walk 0.25": Variant(replace(BASE, walk=0.25)),
    "best sellers 30": Variant(replace(BASE, sellers=30)),
}


def _maxed(values: np.ndarray) -> np.ndarray:
    top = np.abs(values).max()
    return values / (top if top > 0 else 1.0)


class Screen(Replica):
    """The replica with the variants' knobs."""

    def __init__(self, fit: Sequence[tuple[str, list[str]]]) -> None:
        super().__init__(fit)
        self.norms = {
            "max": {a: (max(abs(e) for _, e, _ in r), max(abs(w) for _, _, w in r))
                    for a, r in self.rows.items()},
            "l1": {a: (sum(abs(e) for _, e, _ in r), sum(abs(w) for _, _, w in r))
                   for a, r in self.rows.items()},
        }  # fmt: skip
        self.sized: dict[tuple[float, int], BasketIndex] = {}

    def sized_index(self, size: float, per_item: int) -> BasketIndex:
        """The kNN index with ``|b| ** size`` in place of ``√|b|``."""
        if (size, per_item) not in self.sized:
            base = self.knn_index(per_item)
            root = base.root if size == 0.5 else base.root ** (2 * size)
            self.sized[size, per_item] = replace(base, root=root)
        return self.sized[size, per_item]

    def sums(self, rows: list[int], variant: Variant) -> tuple[dict, dict, dict]:
        """Summed EASE, RP3beta and cover (cart items listing it) per candidate."""
        ease: dict[int, float] = {}
        walk: dict[int, float] = {}
        cover: dict[int, int] = {}
        for anchor in rows:
            by_e, by_w = self.norms[variant.norm].get(anchor, (1, 1)) if variant.norm else (1, 1)
            for c, e, w in self.rows.get(anchor, [])[: variant.rows]:
                ease[c] = ease.get(c, 0.0) + e / (by_e or 1.0)
                walk[c] = walk.get(c, 0.0) + w / (by_w or 1.0)
                cover[c] = cover.get(c, 0) + 1
        return ease, walk, cover

    def ranked(self, rows: list[int], variant: Variant, votes: dict[int, float]) -> list[int]:
        """The top 10 item numbers for a cart's known items."""
        config, scale = variant.config, _maxed if variant.minmax else _z
        ease, walk, cover = self.sums(rows, variant)
        cands = np.array(sorted(set(ease) | set(self.best[: config.sellers])))
        power = config.compress
        score = (
            scale(_root(np.array([ease.get(c, 0.0) for c in cands]), power))
            + config.walk * scale(_root(np.array([walk.get(c, 0.0) for c in cands]), power))
            + config.pop * scale(np.log1p(self.orders[cands]))
            + variant.cover * scale(np.array([cover.get(c, 0) for c in cands], dtype=float))
        )
        if config.knn:
            raw = np.array([votes.get(int(c), 0.0) for c in cands])
            raw = raw / np.maximum(self.orders[cands], 1.0) ** variant.knn_beta
            knn_power = power if variant.knn_compress is None else variant.knn_compress
            score = score + config.knn * scale(_root(raw, knn_power))
        order = sorted(range(len(cands)), key=lambda j: (-score[j], self.skus[cands[j]]))
        return [int(cands[j]) for j in order if cands[j] not in rows][:10]


def fold_hits(fold: int, variants: Sequence[Variant], max_queries: int = 0) -> np.ndarray:
    """``hits[variant, query, (HR@5, HR@10)]`` on one validation carve."""
    fit, validation = carve(split(load_orders(DATA / "orders.csv"))[0], fold)
    queries = queries_of(validation)[: max_queries or None]
    screen = Screen(fit)
    hits = np.zeros((len(variants), len(queries), 2), dtype=np.int8)
    for number, (cart, hidden) in enumerate(queries):
        rows = [screen.index[s] for s in cart if s in screen.index]
        target = screen.index.get(hidden, -1)
        votes: dict[tuple, dict[int, float]] = {}
        for n, variant in enumerate(variants):
            key = (variant.config.params, variant.size)
            if variant.config.knn and key not in votes:
                index = screen.sized_index(variant.size, variant.config.per_item)
                votes[key] = knn_scores(index, rows, variant.config.params)
            ranked = screen.ranked(rows, variant, votes.get(key, {}))
            hits[n, number] = (target in ranked[:5], target in ranked[:10])
    return hits


def summary(names: Sequence[str], per_fold: Sequence[np.ndarray]) -> list[tuple]:
    """Per variant: mean HR@5 / HR@10 over the folds, paired difference to the first ± se."""
    hits = np.concatenate(per_fold, axis=1).astype(float)
    rows = []
    for n, name in enumerate(names):
        means = [f"{np.mean([h[n, :, k].mean() for h in per_fold]):.4f}" for k in (0, 1)]
        deltas = []
        for k in (0, 1):
            diff = hits[n, :, k] - hits[0, :, k]
            deltas.append(f"{diff.mean():+.4f} ± {diff.std() / math.sqrt(len(diff)):.4f}")
        up = sum(h[n, :, 1].mean() > h[0, :, 1].mean() for h in per_fold)
        rows.append((name, *means, *deltas, f"{up}/{len(per_fold)}"))
    return rows


def report(names: Sequence[str], per_fold: Sequence[np.ndarray]) -> list[tuple]:
    """Print the paired table of :func:`summary` and return its rows."""
    rows = summary(names, per_fold)
    header = ["variant", "mean HR@5", "mean HR@10", "ΔHR@5 ± se", "ΔHR@10 ± se",
              "folds with HR@10 up"]  # fmt: skip
    print(common.table(header, rows))
    return rows


def main(argv: Sequence[str] | None = None) -> list[tuple]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, nargs="+", default=[1, 2, 3, 4])
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=VARIANTS)
    parser.add_argument("--max-queries", type=int, default=0, help="0: every query")
    args = parser.parse_args(argv)
    names = ["base", *(n for n in args.variants if n != "base")]
    per_fold = []
    for fold in args.folds:
        per_fold.append(fold_hits(fold, [VARIANTS[n] for n in names], args.max_queries))
        print(f"fold {fold}: {per_fold[-1].shape[1]} validation queries", flush=True)
    return report(names, per_fold)


if __name__ == "__main__":
    main()
