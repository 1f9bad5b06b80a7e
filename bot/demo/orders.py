"""Deterministic synthetic order history with a realistic co-purchase structure."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from bot.demo.catalog import PRODUCTS, DemoProduct

HISTORY_END = datetime(2026, 1, 1, tzinfo=timezone.utc)
HISTORY_SPAN = timedelta(days=730)
ACCESSORY_ONLY_SHARE = 0.25
NOISE_SHARE = 0.15
DOUBLE_QTY_SHARE = 0.2
CHEAP_LIMIT = Decimal("20.00")
_COMPLEMENT_PROBS = (0.55, 0.45, 0.35, 0.25)


@dataclass(frozen=True)
class DemoOrder:
    """One historical order.

    Attributes:
        order_ref: Order reference, e.g. ``"D000001"`` (chronological).
        customer_ref: Customer reference, e.g. ``"C0001"``.
        lines: ``(sku, quantity)`` pairs with distinct SKUs.
        placed_at: UTC-aware timestamp within the two years before 2026-01-01.
    """

    order_ref: str
    customer_ref: str
    lines: tuple[tuple[str, int], ...]
    placed_at: datetime


def complement_probability(position: int) -> float:
    """Probability that a curated complement joins an order with its main item.

    Args:
        position: 0-based position of the complement in the main item's list.

    Returns:
        A fixed probability between 0.25 and 0.55, lower for later complements.
    """
    return _COMPLEMENT_PROBS[min(position, len(_COMPLEMENT_PROBS) - 1)]


def _add(basket: list[DemoProduct], product: DemoProduct) -> None:
    """Append a product unless it or another tier of its family is already in the basket."""
    for held in basket:
        if held.sku == product.sku:
            return
        if product.family is not None and held.family == product.family:
            return
    basket.append(product)


def _build_basket(
    rng: random.Random,
    mains: list[DemoProduct],
    main_weights: list[float],
    accessories: list[DemoProduct],
    by_sku: dict[str, DemoProduct],
) -> list[DemoProduct]:
    """Draw the products of one order (without quantities)."""
    basket: list[DemoProduct] = []
    if rng.random() < ACCESSORY_ONLY_SHARE:
        for _ in range(rng.randint(1, 3)):
            _add(basket, rng.choice(accessories))
        return basket
    main = rng.choices(mains, weights=main_weights, k=1)[0]
    basket.append(main)
    for position, sku in enumerate(main.complements):
        if rng.random() < complement_probability(position):
            _add(basket, by_sku[sku])
    if rng.random() < NOISE_SHARE:
        _add(basket, rng.choice(accessories))
    return basket


def _quantity(rng: random.Random, product: DemoProduct) -> int:
    """Quantity for one line: mostly 1, sometimes 2 for cheap accessories."""
    cheap = product.role == "accessory" and Decimal(product.price) < CHEAP_LIMIT
    return 2 if cheap and rng.random() < DOUBLE_QTY_SHARE else 1


def generate_orders(count: int = 2400, seed: int = 7, customers: int = 400) -> list[DemoOrder]:
    """Generate a deterministic order history over the demo catalog.

    Main items are drawn with Zipf-like popularity (catalog order = popularity rank);
    about a quarter of orders are accessory-only baskets. Each curated complement joins
    with a fixed probability (0.25-0.55 by position), plus occasional random accessories.
    An order never holds two tiers of one family.

    Args:
        count: Number of orders to generate.
        seed: Seed of the private ``random.Random`` instance.
        customers: Number of distinct customer references to draw from.

    Returns:
        Orders sorted by ``placed_at``; ``order_ref`` numbers follow that order.
    """
    rng = random.Random(seed)
    by_sku = {product.sku: product for product in PRODUCTS}
    mains = [product for product in PRODUCTS if product.role == "main"]
    accessories = [product for product in PRODUCTS if product.role == "accessory"]
    main_weights = [1.0 / (rank + 1) for rank in range(len(mains))]
    span_seconds = int(HISTORY_SPAN.total_seconds())
    drafts: list[tuple[datetime, str, tuple[tuple[str, int], ...]]] = []
    for _ in range(count):
        basket = _build_basket(rng, mains, main_weights, accessories, by_sku)
        lines = tuple((product.sku, _quantity(rng, product)) for product in basket)
        customer_ref = f"C{rng.randint(1, customers):04d}"
        placed_at = HISTORY_END - timedelta(seconds=rng.randrange(1, span_seconds))
        drafts.append((placed_at, customer_ref, lines))
    drafts.sort(key=lambda draft: (draft[0], draft[1], draft[2]))
    return [
        DemoOrder(f"D{index:06d}", customer_ref, lines, placed_at)
        for index, (placed_at, customer_ref, lines) in enumerate(drafts, start=1)
    ]
