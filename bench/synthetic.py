"""A deterministic synthetic shop: Zipf-like popularity, categories that go together."""

from __future__ import annotations

import csv
import random
from bisect import bisect
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path

Basket = list[str]


class SyntheticShop:
    """``skus`` products in categories of ~100; baskets mix a category's companions.

    Popularity follows ``1 / rank ** zipf`` over the whole catalog and within each category.
    A basket starts with a globally drawn item; each further item comes, with probability
    ``affinity``, from one of three companion categories of the first item, else from the
    whole catalog. Basket sizes are 1 + geometric (mean ~3.3, at most 20).
    """

    def __init__(self, skus: int, seed: int = 7, zipf: float = 1.0, affinity: float = 0.6):
        rng = random.Random(seed)
        self.skus = [f"S{i:06d}" for i in range(skus)]  # index = global popularity rank
        self.categories = max(skus // 100, 1)
        self.category = [rng.randrange(self.categories) for _ in self.skus]
        self.companions = [
            [rng.randrange(self.categories) for _ in range(3)] for _ in range(self.categories)
        ]
        self.global_cum = list(accumulate(1.0 / (r + 1) ** zipf for r in range(skus)))
        members: list[list[int]] = [[] for _ in range(self.categories)]
        for index, category in enumerate(self.category):
            members[category].append(index)
        self.members = members
        self.member_cum = [
            list(accumulate(1.0 / (r + 1) ** zipf for r in range(len(m)))) for m in members
        ]
        self.affinity = affinity

    def _draw(self, rng: random.Random, cumulative: list[float]) -> int:
        return min(bisect(cumulative, rng.random() * cumulative[-1]), len(cumulative) - 1)

    def basket(self, rng: random.Random) -> Basket:
        """One basket of distinct SKUs."""
        size = 1
        while size < 20 and rng.random() < 0.7:
            size += 1
        first = self._draw(rng, self.global_cum)
        chosen = {first}
        for _ in range(size * 3):  # bounded retries for duplicates
            if len(chosen) >= size:
                break
            if rng.random() < self.affinity:
                category = rng.choice(self.companions[self.category[first]])
                if not self.members[category]:
                    continue
                pick = self.members[category][self._draw(rng, self.member_cum[category])]
            else:
                pick = self._draw(rng, self.global_cum)
            chosen.add(pick)
        return [self.skus[i] for i in sorted(chosen)]

    def baskets(self, count: int, seed: int) -> Iterator[Basket]:
        rng = random.Random(seed)
        for _ in range(count):
            yield self.basket(rng)

    def write_products(self, path: Path) -> None:
        with path.open("w", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(["sku", "name", "category", "price", "stock"])
            for i, sku in enumerate(self.skus):
                cents = 199 + (i * 7919) % 9800
                out.writerow([sku, f"Item {i:06d}", f"cat-{self.category[i]:04d}",
                              f"{cents // 100}.{cents % 100:02d}", 1000])  # fmt: skip

    def write_orders(self, path: Path, count: int, seed: int = 11) -> int:
        rows = 0
        with path.open("w", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(["order_id", "sku"])
            for number, basket in enumerate(self.baskets(count, seed)):
                out.writerows([f"O{number:08d}", sku] for sku in basket)
                rows += len(basket)
        return rows
