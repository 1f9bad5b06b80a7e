"""Add-on ranking: co-purchase share, curated complements, price band, stock, declines.

Every suggestion carries a reason that is true of the data it was ranked on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from bot.domain.models import CartLine, OfferKind, Product, Role, Suggestion
from bot.money import format_money, percent

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


@dataclass(frozen=True)
class RankingRules:
    """Business filters for ranking; each can be switched off.

    Attributes:
        max_price_ratio: An add-on may cost at most this share of the cart's subtotal
            (``None`` switches the price band off) ...
        min_price_ceiling: ... but the band never closes below this amount.
        require_stock: Skip products that are out of stock or inactive.
        min_together: Co-purchase counts below this are noise and are ignored.
        min_share: Co-purchase shares below this are too weak to be a reason.
    """

    max_price_ratio: Decimal | None = Decimal("0.6")
    min_price_ceiling: Decimal = Decimal("25")
    require_stock: bool = True
    min_together: int = 3
    min_share: Decimal = Decimal("0.05")


def _eligible(
    product: Product,
    cart: Sequence[CartLine],
    excluded: set[str],
    rules: RankingRules,
) -> bool:
    if product.sku in excluded:
        return False
    if rules.require_stock and not product.available:
        return False
    cart_families = {line.product.family for line in cart if line.product.family}
    if product.family and product.family in cart_families:
        return False
    if rules.max_price_ratio is not None and cart:
        subtotal = sum((line.line_total for line in cart), Decimal(0))
        ceiling = max(subtotal * rules.max_price_ratio, rules.min_price_ceiling)
        if product.price > ceiling:
            return False
    return True


def _reason_for(best: CoPurchase | None, complement_of: Product | None) -> str:
    if best is not None:
        return f"bought together in {percent(best.share)} of orders with your {best.anchor.name}"
    assert complement_of is not None
    return f"made to go with your {complement_of.name}"


def rank_addons(
    cart: Sequence[CartLine],
    co_purchases: Iterable[CoPurchase],
    complements: Mapping[str, Sequence[Product]],
    declined: Iterable[str] = (),
    rules: RankingRules | None = None,
    limit: int = 3,
) -> list[Suggestion]:
    """Rank add-ons for a cart.

    Args:
        cart: The cart's lines (anchors).
        co_purchases: Co-purchase evidence for candidates, anchored on cart products.
        complements: Curated complements by anchor SKU.
        declined: SKUs the shopper already declined in this conversation.
        rules: Business filters; defaults to :class:`RankingRules`.
        limit: How many suggestions to return.

    Returns:
        Up to ``limit`` suggestions, best first, never a SKU already in the cart.
    """
    rules = rules or RankingRules()
    excluded = {line.product.sku for line in cart} | set(declined)
    best: dict[str, CoPurchase] = {}
    for evidence in co_purchases:
        if evidence.together < rules.min_together or evidence.share < rules.min_share:
            continue
        current = best.get(evidence.candidate.sku)
        if current is None or evidence.share > current.share:
            best[evidence.candidate.sku] = evidence
    curated: dict[str, tuple[Product, Product]] = {}
    for line in cart:
        for product in complements.get(line.product.sku, ()):
            curated.setdefault(product.sku, (product, line.product))
    candidates = {sku: ev.candidate for sku, ev in best.items()}
    candidates.update({sku: pair[0] for sku, pair in curated.items() if sku not in candidates})
    ranked: list[Suggestion] = []
    for sku, product in candidates.items():
        if not _eligible(product, cart, excluded, rules):
            continue
        evidence = best.get(sku)
        score = float(evidence.share) if evidence else 0.0
        if sku in curated:
            score += COMPLEMENT_BONUS
        if product.role is Role.ACCESSORY:
            score += POPULARITY_WEIGHT
        anchor = curated[sku][1] if sku in curated else None
        reason = _reason_for(evidence, anchor)
        ranked.append(Suggestion(product, OfferKind.ADDON, reason, score))
    ranked.sort(key=lambda s: (-s.score, s.product.price, s.product.sku))
    return ranked[:limit]


def pick_gap_closer(
    gap: Decimal,
    related: Sequence[Product],
    catalog: Sequence[Product],
    excluded: Iterable[str] = (),
) -> Suggestion | None:
    """Pick the product that closes a free-shipping gap with the least overshoot.

    Related products (ranked add-ons) are preferred; the whole catalog is the fallback.

    Args:
        gap: Amount still missing for free shipping (> 0).
        related: Products related to the cart, best first.
        catalog: Every product that could be sold.
        excluded: SKUs in the cart or declined.

    Returns:
        A gap-closer suggestion, or ``None`` when nothing in stock closes the gap.
    """
    if gap <= 0:
        return None
    skip = set(excluded)
    for pool in (related, catalog):
        fitting = [
            (p.price - gap, rank, p)
            for rank, p in enumerate(pool)
            if p.available and p.sku not in skip and p.price >= gap
        ]
        if fitting:
            choice = min(fitting, key=lambda item: item[:2])[2]
            over = format_money(choice.price - gap, choice.currency)
            reason = f"it closes your free-shipping gap with {over} to spare"
            return Suggestion(choice, OfferKind.GAP_CLOSER, reason, 1.0)
    return None
