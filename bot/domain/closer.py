"""The free-shipping gap closer: what goes with the cart first, the shop's fillers second.

The best-ranked add-on that goes with the cart and closes the gap; else one of the shop's
listed gap fillers; else nothing (the chat then says the gap alone).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from bot.domain.models import OfferKind, Product, Suggestion
from bot.money import format_money


@dataclass(frozen=True)
class PairEvidence:
    """Co-purchase counts of a candidate with one cart item.

    Attributes:
        together: Orders that held both.
        anchor_orders: Orders that held the cart item.
        candidate_orders: Orders that held the candidate.
        total: Orders in the statistics.
    """

    together: int
    anchor_orders: int
    candidate_orders: int
    total: int

    @property
    def lift(self) -> float:
        """``P(both) / (P(item) · P(candidate))``: above 1 is bought together beyond chance."""
        if min(self.anchor_orders, self.candidate_orders, self.total) <= 0:
            return 0.0
        return self.together * self.total / (self.anchor_orders * self.candidate_orders)


def goes_with_cart(evidence: Iterable[PairEvidence], curated: bool, min_support: int) -> bool:
    """Whether a candidate is relevant to the cart.

    Args:
        evidence: Its co-purchase counts with each cart item.
        curated: Whether the shop paired it with a cart item.
        min_support: Orders that must hold both for co-purchase evidence to count.

    Returns:
        ``True`` for a curated pairing, or a lift above 1 with at least ``min_support``
        orders together with some cart item.
    """
    return curated or any(e.together >= min_support and e.lift > 1 for e in evidence)


def _closes(product: Product, gap: Decimal, skip: set[str], most: Decimal | None) -> bool:
    if not product.available or product.sku in skip or product.price < gap:
        return False
    return most is None or product.price <= gap * most


def pick_gap_closer(
    gap: Decimal,
    relevant: Sequence[Suggestion],
    fillers: Sequence[Product],
    excluded: Iterable[str] = (),
    max_gap_multiple: Decimal | None = Decimal(2),
) -> Suggestion | None:
    """Pick the offer that closes a free-shipping gap.

    Args:
        gap: Amount still missing for free shipping.
        relevant: Add-ons that go with the cart (see :func:`goes_with_cart`), best first,
            each with its true reason.
        fillers: Products the shop lists as gap fillers (the fallback).
        excluded: SKUs in the cart or declined.
        max_gap_multiple: A closer may cost at most this multiple of the gap (nobody closes
            a $32 gap with a $549 machine); ``None``: no cap.

    Returns:
        The best-ranked relevant add-on in stock whose price closes the gap (rank beats a
        small overshoot); else the gap filler with the least overshoot (then the cheaper,
        then by SKU); ``None`` when the gap is closed or nothing fits.
    """
    if gap <= 0:
        return None
    skip = set(excluded)
    for suggestion in relevant:
        if _closes(suggestion.product, gap, skip, max_gap_multiple):
            over = format_money(suggestion.product.price - gap, suggestion.product.currency)
            reason = f"{suggestion.reason}; it closes your free-shipping gap with {over} to spare"
            return Suggestion(suggestion.product, OfferKind.GAP_CLOSER, reason, suggestion.score)
    fitting = [p for p in fillers if _closes(p, gap, skip, max_gap_multiple)]
    if not fitting:
        return None
    choice = min(fitting, key=lambda p: (p.price - gap, p.sku))
    over = format_money(choice.price - gap, choice.currency)
    reason = f"it closes your free-shipping gap with {over} to spare"
    return Suggestion(choice, OfferKind.GAP_CLOSER, reason, 0.0)
