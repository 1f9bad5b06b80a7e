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


def price_cap(
    gap: Decimal,
    multiple: Decimal | None,
    shipping_fee: Decimal,
    subtotal: Decimal | None = None,
    cart_multiple: Decimal | None = None,
) -> Decimal | None:
    """The most a gap closer may cost: the lower of two caps, each at least the shipping fee.

    - ``multiple`` × the gap: a $32 gap is never closed by a $549 machine.
    - ``cart_multiple`` × the cart's subtotal: an add-on does not dwarf what it is added to,
      so a $4 cart is never "completed" by an $80 kettle (the rules' default 4: a $14 SD
      card may get a $49 camera bag; with a $50 threshold a cart under $10 gets no closer,
      the gap alone is said).

    Either cap is raised to the shipping fee the closer saves: a $1 gap on a $4.99 fee may
    be closed by a $4 filter pack (the shopper pays less than the shipping would cost).

    Returns:
        The cap, or ``None`` (no cap) when neither applies.
    """
    caps = []
    if multiple is not None:
        caps.append(max(gap * multiple, shipping_fee))
    if cart_multiple is not None and subtotal is not None:
        caps.append(max(subtotal * cart_multiple, shipping_fee))
    return min(caps) if caps else None


def _closes(product: Product, gap: Decimal, skip: set[str], most: Decimal | None) -> bool:
    if not product.available or product.sku in skip or product.price < gap:
        return False
    return most is None or product.price <= most


def closing_words(product: Product, gap: Decimal) -> str:
    """The closing clause: "it closes your free-shipping gap with $3.00 to spare" or "… exactly"."""
    if product.price == gap:
        return "it closes your free-shipping gap exactly"
    over = format_money(product.price - gap, product.currency)
    return f"it closes your free-shipping gap with {over} to spare"


def pick_gap_closer(
    gap: Decimal,
    relevant: Sequence[Suggestion],
    fillers: Sequence[Product],
    excluded: Iterable[str] = (),
    max_gap_multiple: Decimal | None = Decimal(2),
    shipping_fee: Decimal = Decimal(0),
    subtotal: Decimal | None = None,
    max_cart_multiple: Decimal | None = None,
) -> Suggestion | None:
    """Pick the offer that closes a free-shipping gap.

    Args:
        gap: Amount still missing for free shipping.
        relevant: Add-ons that go with the cart (see :func:`goes_with_cart`), best first,
            each with its true reason.
        fillers: Products the shop lists as gap fillers (the fallback).
        excluded: SKUs in the cart or declined.
        max_gap_multiple: A closer may cost at most this multiple of the gap (nobody closes
            a $32 gap with a $549 machine) or the shipping fee, whichever is more (see
            :func:`price_cap`); ``None``: no cap.
        shipping_fee: What shipping costs the cart now (the money a closer saves).
        subtotal: What the cart's lines cost now.
        max_cart_multiple: A closer may cost at most this multiple of ``subtotal`` (or the
            shipping fee, whichever is more); ``None``: no cap by the cart.

    Returns:
        The best-ranked relevant add-on in stock whose price closes the gap (rank beats a
        small overshoot); else the gap filler with the least overshoot (then the cheaper,
        then by SKU); ``None`` when the gap is closed or nothing fits.
    """
    if gap <= 0:
        return None
    skip = set(excluded)
    cap = price_cap(gap, max_gap_multiple, shipping_fee, subtotal, max_cart_multiple)
    for suggestion in relevant:
        if _closes(suggestion.product, gap, skip, cap):
            reason = f"{suggestion.reason}; {closing_words(suggestion.product, gap)}"
            return Suggestion(suggestion.product, OfferKind.GAP_CLOSER, reason, suggestion.score)
    fitting = [p for p in fillers if _closes(p, gap, skip, cap)]
    if not fitting:
        return None
    choice = min(fitting, key=lambda p: (p.price - gap, p.sku))
    return Suggestion(choice, OfferKind.GAP_CLOSER, closing_words(choice, gap), 0.0)
