"""Plain domain objects shared by the rules, the store and the adapters."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from bot.money import to_money


class Role(str, Enum):
    """What part a product plays in a basket."""

    MAIN = "main"
    ACCESSORY = "accessory"


class OfferKind(str, Enum):
    """Kinds of offers the assistant can make."""

    ADDON = "addon"
    GAP_CLOSER = "gap_closer"
    UPSELL = "upsell"
    DOWNSELL = "downsell"
    RETENTION_PLAN = "retention_plan"
    RETENTION_PAUSE = "retention_pause"
    RETENTION_DISCOUNT = "retention_discount"

    @property
    def adds_to_cart(self) -> bool:
        """Whether accepting the offer adds a new cart line."""
        return self in (OfferKind.ADDON, OfferKind.GAP_CLOSER)

    @property
    def swaps_line(self) -> bool:
        """Whether accepting the offer replaces an existing cart line."""
        return self in (OfferKind.UPSELL, OfferKind.DOWNSELL)

    @property
    def is_retention(self) -> bool:
        """Whether the offer is made to keep a subscription."""
        return self in (
            OfferKind.RETENTION_PLAN,
            OfferKind.RETENTION_PAUSE,
            OfferKind.RETENTION_DISCOUNT,
        )


@dataclass(frozen=True)
class Product:
    """A sellable product."""

    sku: str
    name: str
    category: str
    price: Decimal
    currency: str = "USD"
    stock: int = 0
    role: Role = Role.ACCESSORY
    family: str | None = None
    tier: int | None = None
    tier_label: str | None = None
    active: bool = True

    @property
    def available(self) -> bool:
        """Whether the product can be sold now."""
        return self.active and self.stock > 0


@dataclass(frozen=True)
class CartLine:
    """One product in a cart with its quantity."""

    product: Product
    quantity: int

    @property
    def line_total(self) -> Decimal:
        """Unit price times quantity, rounded to cents."""
        return to_money(self.product.price * self.quantity)


@dataclass(frozen=True)
class ShippingPolicy:
    """Flat-rate shipping that becomes free from a threshold (inclusive)."""

    threshold: Decimal
    flat_rate: Decimal
    currency: str = "USD"


@dataclass(frozen=True)
class CartTotals:
    """What a cart costs, and what each figure includes."""

    subtotal: Decimal
    shipping: Decimal
    total: Decimal
    free_shipping_threshold: Decimal
    remaining_for_free_shipping: Decimal

    @property
    def ships_free(self) -> bool:
        """Whether the subtotal reached the free-shipping threshold."""
        return self.remaining_for_free_shipping == 0 and self.subtotal > 0


@dataclass(frozen=True)
class Plan:
    """A subscription plan."""

    code: str
    name: str
    price: Decimal
    interval: str
    tier: int


@dataclass(frozen=True)
class Suggestion:
    """A ranked offer candidate with the true reason to show the shopper."""

    product: Product
    kind: OfferKind
    reason: str
    score: float = 0.0
    replaces: Product | None = None
    quantity: int = 1
    """Units of the replaced line a swap offer changes (upgrade, downsell)."""
