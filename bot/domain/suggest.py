"""Ranking with neighbour lists: relevant, eligible candidates by blended score, true reasons.

The score (:func:`bot.domain.blend.blend_scores`) decides the order; the reason is chosen
afterwards from co-purchase counts (:func:`bot.domain.blend.true_reason`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from bot.domain.blend import CURATED_BONUS, Neighbour, blend_scores, true_reason
from bot.domain.models import CartLine, OfferKind, Product, Suggestion
from bot.domain.ranking import OrderCounts, RankingRules, eligible


@dataclass(frozen=True)
class Ranked:
    """A candidate chosen by score, before its reason is known."""

    product: Product
    score: float
    curated_with: Product | None = None


def _relevant_rows(
    rows: Sequence[Neighbour], counts: OrderCounts, rules: RankingRules
) -> list[Neighbour]:
    """Rows whose pair passes ``min_together`` and ``min_share`` of the anchor's orders.

    ``together / orders >= min_share`` is checked as ``together >= min_share · orders``, one
    exact Decimal threshold per cart item (not a division per row).
    """
    needed: dict[str, Decimal | None] = {}
    for row in rows:
        if row.anchor.sku not in needed:
            orders = counts.by_sku.get(row.anchor.sku, 0)
            needed[row.anchor.sku] = rules.min_share * orders if orders > 0 else None
    return [
        row
        for row in rows
        if row.together >= rules.min_together
        and (threshold := needed[row.anchor.sku]) is not None
        and row.together >= threshold
    ]


def rank_by_neighbours(
    cart: Sequence[CartLine],
    neighbours: Iterable[Neighbour],
    complements: Mapping[str, Sequence[Product]],
    declined: Iterable[str],
    rules: RankingRules,
    limit: int,
    counts: OrderCounts,
    knn: Mapping[str, float] | None = None,
) -> list[Ranked]:
    """Rank candidates from the cart items' neighbour lists.

    Args:
        cart: The cart's lines.
        neighbours: Neighbour-list rows of the cart items.
        complements: Curated complements by cart SKU (candidates too, with a bonus).
        declined: SKUs the shopper declined.
        rules: Filters (stock, price band, ``min_together`` / ``min_share`` relevance),
            ``best_sellers`` and blend weights.
        limit: How many to return.
        counts: Live order counts of cart items and candidates; best sellers (they fill
            the list after the scored candidates, up to ``rules.best_sellers`` of them).
        knn: Basket-kNN votes by SKU (the blend's fourth term; absent: 0).

    Returns:
        Up to ``limit`` candidates, best first; none of the cart or declined SKUs. A
        candidate is relevant through a neighbour row passing the noise filters or a curated
        pairing; with ``best_sellers``, best sellers fill a shorter list at its end.
    """
    if not cart:
        return []
    rows = list(neighbours)
    curated: dict[str, tuple[Product, Product]] = {}
    for line in cart:
        for product in complements.get(line.product.sku, ()):
            curated.setdefault(product.sku, (product, line.product))
    products = {row.candidate.sku: row.candidate for row in _relevant_rows(rows, counts, rules)}
    products.update({sku: pair[0] for sku, pair in curated.items()})
    extra = {sku: counts.by_sku.get(sku, 0) for sku in products}
    scores = blend_scores(rows, rules.blend, extra, knn)
    excluded = {line.product.sku for line in cart} | set(declined)
    ranked = [
        Ranked(product, scores[sku] + (CURATED_BONUS if sku in curated else 0.0),
               curated[sku][1] if sku in curated else None)
        for sku, product in products.items()
        if eligible(product, cart, excluded, rules, sku in curated)
    ]  # fmt: skip
    ranked.sort(key=lambda r: (-r.score, r.product.price, r.product.sku))
    return _filled(ranked[:limit], cart, excluded, rules, limit, counts)


def _filled(
    ranked: list[Ranked],
    cart: Sequence[CartLine],
    excluded: set[str],
    rules: RankingRules,
    limit: int,
    counts: OrderCounts,
) -> list[Ranked]:
    """Best sellers after the scored candidates, while fewer than ``limit`` are ranked.

    They never join the blend (a best seller with no list row would only shift the other
    candidates' standardisation: seventh session, docs/recommendations.md), so each is
    placed below every scored candidate, in best-seller order.
    """
    missing = limit - len(ranked)
    if missing <= 0 or not rules.best_sellers:
        return ranked
    chosen = {r.product.sku for r in ranked}
    floor = min((r.score for r in ranked), default=0.0)
    more = [
        product
        for product in counts.best_sellers[: rules.best_sellers]
        if product.sku not in chosen and eligible(product, cart, excluded, rules, False)
    ]
    return ranked + [Ranked(p, floor - 1.0 - n) for n, p in enumerate(more[:missing])]


def explain(
    ranked: Sequence[Ranked],
    cart: Sequence[CartLine],
    together: Mapping[str, Mapping[str, int]],
    counts: OrderCounts,
    rules: RankingRules,
) -> list[Suggestion]:
    """Attach a true reason to each ranked candidate.

    Args:
        ranked: Candidates, best first.
        cart: The cart's lines.
        together: Live co-purchase counts by candidate SKU, then cart SKU.
        counts: Live order counts of the cart items and candidates, and the total.
        rules: ``reason_min_orders``.

    Returns:
        Add-on suggestions in the same order, each with its reason.
    """
    return [
        Suggestion(
            r.product,
            OfferKind.ADDON,
            true_reason(
                r.product,
                cart,
                together.get(r.product.sku, {}),
                counts.by_sku,
                counts.total,
                rules.reason_min_orders,
                r.curated_with,
            ),
            r.score,
        )  # fmt: skip
        for r in ranked
    ]
