"""The default add-on score: a per-cart standardised blend of precomputed neighbour lists.

``score(c) = z(Σ ease(a, c)) + w_walk · z(Σ walk(a, c)) + w_pop · z(log(1 + orders(c)))
+ w_knn · z(knn(c))``, sums over the cart items ``a`` whose list holds ``c``, each ``z``
standardised over this cart's candidates (so the terms are comparable whatever their scale);
with ``compress`` ≠ 1 the three sums are raised to that power (sign kept) before ``z``.
``ease`` and ``walk`` come from :mod:`bot.domain.neighbours`, ``knn`` (the vote of the past
baskets most like the whole cart) from :mod:`bot.domain.basket_knn`. The score only orders
candidates: the reason shown is chosen separately, from counts (:func:`true_reason`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from bot.domain.models import CartLine, Product
from bot.money import percent

CURATED_BONUS = 1.0  # one standard deviation for a pairing the shop curated


class Neighbour(NamedTuple):
    """One row of a cart item's neighbour list, with the candidate's live order count.

    A named tuple, not a dataclass: a cart builds up to 250 of them per request.
    """

    anchor: Product
    candidate: Product
    together: int
    ease: float
    walk: float
    candidate_orders: int


@dataclass(frozen=True)
class BlendWeights:
    """Weights of the standardised terms (chosen on a validation split of training orders).

    Attributes:
        ease: Weight of the summed sparse-EASE term.
        walk: Weight of the summed RP3beta term.
        popularity: Weight of ``log(1 + orders)``.
        knn: Weight of the basket-kNN vote.
        compress: Exponent applied to the EASE, RP3beta and kNN sums before standardising
            (sign kept; 1: as they are, 0.5: square roots, 1/3: cube roots, which tame a
            few huge sums; 1/3 since the sixth session, chosen on four validation carves).
    """

    ease: float = 1.0
    walk: float = 0.5
    popularity: float = 0.1
    knn: float = 1.25
    compress: float = 1 / 3


def _compressed(values: Mapping[str, float], exponent: float) -> dict[str, float]:
    if exponent == 1.0:
        return dict(values)
    return {sku: math.copysign(abs(v) ** exponent, v) for sku, v in values.items()}


def _standardised(values: Mapping[str, float]) -> dict[str, float]:
    if not values:
        return {}
    mean = sum(values.values()) / len(values)
    spread = math.sqrt(sum((v - mean) ** 2 for v in values.values()) / len(values))
    scale = spread if spread > 0 else 1.0
    return {sku: (v - mean) / scale for sku, v in values.items()}


def blend_scores(
    neighbours: Iterable[Neighbour],
    weights: BlendWeights,
    extra: Mapping[str, int] | None = None,
    knn: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """Score every candidate of a cart.

    Args:
        neighbours: The neighbour-list rows of the cart's items.
        weights: Term weights.
        extra: Further candidates with their order counts (e.g. curated complements): they
            join with zero list weights.
        knn: Basket-kNN votes by SKU (absent: 0). Only scores candidates, never adds one.

    Returns:
        ``{candidate SKU: score}``; higher is better. Standardised over these candidates.
    """
    ease: dict[str, float] = {}
    walk: dict[str, float] = {}
    orders: dict[str, int] = dict(extra or {})
    for row in neighbours:
        sku = row.candidate.sku
        ease[sku] = ease.get(sku, 0.0) + row.ease
        walk[sku] = walk.get(sku, 0.0) + row.walk
        orders[sku] = row.candidate_orders
    for sku in orders:
        ease.setdefault(sku, 0.0)
        walk.setdefault(sku, 0.0)
    power = weights.compress
    z_ease = _standardised(_compressed(ease, power))
    z_walk = _standardised(_compressed(walk, power))
    z_pop = _standardised({sku: math.log1p(max(n, 0)) for sku, n in orders.items()})
    votes = knn or {}
    z_knn = _standardised(_compressed({sku: votes.get(sku, 0.0) for sku in orders}, power))
    return {
        sku: weights.ease * z_ease[sku]
        + weights.walk * z_walk[sku]
        + weights.popularity * z_pop[sku]
        + weights.knn * z_knn[sku]
        for sku in orders
    }


def true_reason(
    candidate: Product,
    cart: Sequence[CartLine],
    together: Mapping[str, int],
    orders: Mapping[str, int],
    total_orders: int,
    min_orders: int,
    curated_with: Product | None = None,
) -> str:
    """The reason to show for a suggestion, from counts only (never from the score).

    Args:
        candidate: The suggested product.
        cart: The cart's lines.
        together: Orders that held the candidate and each cart item, by cart SKU.
        orders: Orders that held each cart item and the candidate, by SKU.
        total_orders: Orders in the statistics.
        min_orders: A co-purchase share is shown only when at least this many orders held
            both.
        curated_with: The cart product the shop paired the candidate with, if any.

    Returns:
        The strongest co-purchase share with a named cart item backed by ``min_orders``
        orders; else the curated pairing; else the candidate's share of all orders.
    """
    best: tuple[Decimal, str, Product] | None = None
    for line in cart:
        both = together.get(line.product.sku, 0)
        anchor_orders = orders.get(line.product.sku, 0)
        if both < min_orders or anchor_orders <= 0:
            continue
        share = Decimal(both) / Decimal(anchor_orders)
        key = (share, line.product.sku, line.product)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is not None:
        return f"bought together in {percent(best[0])} of orders with your {best[2].name}"
    if curated_with is not None:
        return f"made to go with your {curated_with.name}"
    share = Decimal(orders.get(candidate.sku, 0)) / Decimal(max(total_orders, 1))
    return f"in {percent(share)} of all orders"
