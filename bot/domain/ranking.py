"""Add-on ranking: co-purchase share, curated complements, price band, stock, declines.

Every suggestion carries a reason that is true of the data it was ranked on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from bot.domain.basket_knn import KnnParams
from bot.domain.blend import BlendWeights
from bot.domain.models import CartLine, OfferKind, Product, Role, Suggestion
from bot.money import percent

COMPLEMENT_BONUS = 0.15
POPULARITY_WEIGHT = 0.02


@dataclass(frozen=True)
class CoPurchase:
    """How often ``candidate`` was bought in the same order as ``anchor``."""

    anchor: Product
    candidate: Product
    together: int
    anchor_orders: int

    @property
    def share(self) -> Decimal:
        """Share of the anchor's orders that also held the candidate."""
        if self.anchor_orders <= 0:
            return Decimal(0)
        return Decimal(self.together) / Decimal(self.anchor_orders)


class Scoring(str, Enum):
    """How co-purchase evidence becomes a score.

    ``NEIGHBOURS`` (the default): the per-cart standardised blend of precomputed sparse-EASE
    and RP3beta neighbour lists and popularity (:mod:`bot.domain.blend`); a store without
    lists falls back to ``BASKET``.

    ``SHARE``: the strongest share of any cart item.
    ``BASKET`` (the default before the lists): every cart item votes with its share of orders
    that also held the candidate, shrunk towards the candidate's share of all orders
    (``prior_orders`` pseudo-orders); the sum is divided by the candidate's order count to the
    power ``popularity_damping``; optionally best sellers are candidates too. Tuned on held-out
    training orders (``docs/benchmarks.md``).
    Either way the reason shown is the strongest true share, a curated pairing, or a best
    seller's share of all orders.
    """

    SHARE = "share"
    BASKET = "basket"
    NEIGHBOURS = "neighbours"


@dataclass(frozen=True)
class RankingRules:
    """Business filters and scoring for ranking; each filter can be switched off.

    Attributes:
        max_price_ratio: An add-on may cost at most this share of the main line's unit
            price (the dearest main product in the cart, else the dearest line); ``None``
            switches the price band off.
        min_price_ratio: ... and at least this share (``None``: no floor). A pairing the
            shop curated is exempt from the floor (a screen protector for a phone).
        require_stock: Skip products that are out of stock or inactive.
        min_together: Co-purchase counts below this are noise: not evidence, not relevant.
        min_share: Co-purchase shares below this are too weak to make a product relevant.
        scoring: How evidence becomes a score (:class:`Scoring`).
        prior_orders: ``BASKET`` only: pseudo-orders of shrinkage towards overall popularity.
        popularity_damping: ``BASKET`` only: exponent of the candidate's order count divisor.
        best_sellers: Best sellers offered without evidence (0: none, as in chat): they join
            the candidates (``BASKET``) or fill a short list after them (``NEIGHBOURS``).
        partners_per_item: Only this many partners of each cart item are candidates (bounds
            the work per cart, however long the history).
        reason_min_orders: A co-purchase share is shown as the reason only when at least
            this many orders held both products; else a popularity fact is.
        blend: ``NEIGHBOURS`` only: weights of the blended terms.
        max_gap_multiple: A free-shipping gap closer may cost at most this multiple of the
            gap (``None``: no cap).
        max_cart_multiple: ... and at most this multiple of the cart's subtotal (``None``:
            no cap): a $4 cart gets no $80 closer (20 × the cart), the gap alone is said.
            Both caps are at least the shipping fee the closer saves
            (:func:`bot.domain.closer.price_cap`).
        max_list_rows: ``NEIGHBOURS`` only: neighbour-list rows read per cart at most (each
            item's list is cut to ``max_list_rows // items``, never below ``min_list_rows``);
            ``None`` reads ``partners_per_item`` rows per item. Bounds the work of big carts.
        min_list_rows: The floor of that cut.
        knn: ``NEIGHBOURS`` only: basket-kNN's K, q and index bounds (its weight is
            ``blend.knn``).
    """

    max_price_ratio: Decimal | None = Decimal("0.40")
    min_price_ratio: Decimal | None = Decimal("0.05")
    require_stock: bool = True
    min_together: int = 3
    min_share: Decimal = Decimal("0.05")
    scoring: Scoring = Scoring.NEIGHBOURS
    prior_orders: int = 20
    popularity_damping: float = 0.1
    best_sellers: int = 0
    partners_per_item: int = 50
    reason_min_orders: int = 20
    blend: BlendWeights = BlendWeights()
    max_gap_multiple: Decimal | None = Decimal(2)
    max_cart_multiple: Decimal | None = Decimal(4)
    max_list_rows: int | None = 150
    min_list_rows: int = 20
    knn: KnnParams = KnnParams()

    def rows_per_item(self, items: int) -> int:
        """How many rows of each cart item's neighbour list a cart of ``items`` items reads."""
        if self.max_list_rows is None or items <= 0:
            return self.partners_per_item
        share = max(self.max_list_rows // items, self.min_list_rows)
        return min(self.partners_per_item, share)


@dataclass(frozen=True)
class OrderCounts:
    """What the history says besides pairs.

    Attributes:
        total: Orders in the statistics.
        by_sku: Orders that held each cart item and candidate (absent means none).
        best_sellers: The most ordered products, most first.
    """

    total: int
    by_sku: Mapping[str, int] = field(default_factory=dict)
    best_sellers: Sequence[Product] = ()


def main_price(cart: Sequence[CartLine]) -> Decimal:
    """The main line's unit price: the dearest main product, else the dearest line (0 if none)."""
    mains = [line.product.price for line in cart if line.product.role is Role.MAIN]
    prices = mains or [line.product.price for line in cart]
    return max(prices, default=Decimal(0))


def in_price_band(
    product: Product, cart: Sequence[CartLine], rules: RankingRules, curated: bool = False
) -> bool:
    """Whether an add-on's price is within the band around the cart's main line.

    Both bounds are inclusive; a curated pairing is exempt from the floor; a price-less main
    line (0) switches the band off.
    """
    main = main_price(cart)
    if main <= 0:
        return True
    if rules.max_price_ratio is not None and product.price > main * rules.max_price_ratio:
        return False
    floor = rules.min_price_ratio
    return curated or floor is None or product.price >= main * floor


def eligible(
    product: Product,
    cart: Sequence[CartLine],
    excluded: set[str],
    rules: RankingRules,
    curated: bool = False,
) -> bool:
    """Whether a product may be offered: not excluded, in stock, no family twin, in band."""
    if product.sku in excluded:
        return False
    if rules.require_stock and not product.available:
        return False
    cart_families = {line.product.family for line in cart if line.product.family}
    if product.family and product.family in cart_families:
        return False
    return in_price_band(product, cart, rules, curated)


def _reason_for(
    best: CoPurchase | None, complement_of: Product | None, popular_share: Decimal | None
) -> str:
    if best is not None:
        return f"bought together in {percent(best.share)} of orders with your {best.anchor.name}"
    if complement_of is not None:
        return f"made to go with your {complement_of.name}"
    return f"in {percent(popular_share or Decimal(0))} of all orders"


def _usable_evidence(
    co_purchases: Iterable[CoPurchase], rules: RankingRules
) -> dict[str, dict[str, CoPurchase]]:
    """Evidence that passes the noise filters, by candidate SKU and then anchor SKU."""
    usable: dict[str, dict[str, CoPurchase]] = {}
    for evidence in co_purchases:
        if evidence.together < rules.min_together or evidence.share < rules.min_share:
            continue
        usable.setdefault(evidence.candidate.sku, {})[evidence.anchor.sku] = evidence
    return usable


def basket_score(
    cart: Sequence[CartLine],
    candidate: Product,
    together: Mapping[str, int],
    counts: OrderCounts,
    rules: RankingRules,
) -> float:
    """The ``BASKET`` score: shrunk shares summed over the cart, damped by popularity.

    Args:
        cart: The cart's lines.
        candidate: The product to score.
        together: Orders holding both the candidate and each cart item, by cart SKU.
        counts: Order counts of the cart items and the candidate, and the total.
        rules: ``prior_orders`` and ``popularity_damping`` come from here.

    Returns:
        ``sum((together + m * p) / (orders_with_item + m)) / max(orders_with_candidate, 1) ** a``
        over the cart items, where ``p`` is the candidate's share of all orders.
    """
    candidate_orders = counts.by_sku.get(candidate.sku, 0)
    prior = candidate_orders / counts.total if counts.total else 0.0
    m = rules.prior_orders
    score = 0.0
    for line in cart:
        anchor_orders = counts.by_sku.get(line.product.sku, 0)
        if anchor_orders + m > 0:
            score += (together.get(line.product.sku, 0) + m * prior) / (anchor_orders + m)
    return score / max(candidate_orders, 1) ** rules.popularity_damping


def rank_addons(
    cart: Sequence[CartLine],
    co_purchases: Iterable[CoPurchase],
    complements: Mapping[str, Sequence[Product]],
    declined: Iterable[str] = (),
    rules: RankingRules | None = None,
    limit: int = 3,
    counts: OrderCounts | None = None,
) -> list[Suggestion]:
    """Rank add-ons for a cart.

    Args:
        cart: The cart's lines (anchors).
        co_purchases: Co-purchase evidence for candidates, anchored on cart products.
        complements: Curated complements by anchor SKU.
        declined: SKUs the shopper already declined in this conversation.
        rules: Business filters and scoring; defaults to :class:`RankingRules`.
        limit: How many suggestions to return.
        counts: Order counts; ``Scoring.BASKET`` needs them (without, it scores nothing).

    Returns:
        Up to ``limit`` suggestions (none for an empty cart), best first, never a SKU already
        in the cart, each with a
        true reason: the strongest co-purchase share, a curated pairing, or a best seller's
        share of all orders.
    """
    if not cart:
        return []
    rules = rules or RankingRules()
    scored = rules.scoring in (Scoring.BASKET, Scoring.NEIGHBOURS)
    basket = scored and counts is not None and counts.total > 0
    excluded = {line.product.sku for line in cart} | set(declined)
    usable = _usable_evidence(co_purchases, rules)
    best = {sku: max(by_anchor.values(), key=_share_key) for sku, by_anchor in usable.items()}
    curated: dict[str, tuple[Product, Product]] = {}
    for line in cart:
        for product in complements.get(line.product.sku, ()):
            curated.setdefault(product.sku, (product, line.product))
    candidates = {sku: ev.candidate for sku, ev in best.items()}
    candidates.update({sku: pair[0] for sku, pair in curated.items() if sku not in candidates})
    if basket and counts is not None:
        for product in counts.best_sellers[: rules.best_sellers]:
            candidates.setdefault(product.sku, product)
    ranked: list[Suggestion] = []
    for sku, product in candidates.items():
        if not eligible(product, cart, excluded, rules, sku in curated):
            continue
        evidence = best.get(sku)
        if basket and counts is not None:
            together = {a: ev.together for a, ev in usable.get(sku, {}).items()}
            score = basket_score(cart, product, together, counts, rules)
        else:
            score = float(evidence.share) if evidence else 0.0
        score += (COMPLEMENT_BONUS if sku in curated else 0.0) + (
            POPULARITY_WEIGHT if product.role is Role.ACCESSORY else 0.0
        )
        anchor = curated[sku][1] if sku in curated else None
        reason = _reason_for(_strong(usable.get(sku, {}), rules, counts), anchor,
                             _popular_share(sku, counts))  # fmt: skip
        ranked.append(Suggestion(product, OfferKind.ADDON, reason, score))
    ranked.sort(key=lambda s: (-s.score, s.product.price, s.product.sku))
    return ranked[:limit]


def _strong(
    by_anchor: Mapping[str, CoPurchase], rules: RankingRules, counts: OrderCounts | None
) -> CoPurchase | None:
    """The strongest share backed by ``reason_min_orders`` orders (any, without counts)."""
    known = counts is not None and counts.total > 0
    strong = [e for e in by_anchor.values() if e.together >= rules.reason_min_orders or not known]
    return max(strong, key=_share_key) if strong else None


def _share_key(evidence: CoPurchase) -> tuple[Decimal, str]:
    return evidence.share, evidence.anchor.sku


def _popular_share(sku: str, counts: OrderCounts | None) -> Decimal | None:
    if counts is None or counts.total <= 0:
        return None
    return Decimal(counts.by_sku.get(sku, 0)) / Decimal(counts.total)
