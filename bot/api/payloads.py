"""JSON shapes of the shop API, and the parsing of request bodies."""

from __future__ import annotations

from typing import Any, TypedDict

from bot.domain.errors import InvalidInput, InvalidQuantity
from bot.domain.matching import MAX_QUANTITY
from bot.domain.models import Plan, Product, Suggestion
from bot.money import money_str
from bot.services.cart import CartView
from bot.services.subscriptions import SubscriptionView


class ProductJSON(TypedDict):
    """A product in ``GET /api/products``."""

    sku: str
    name: str
    category: str
    price: str
    currency: str
    stock: int
    role: str
    family: str | None
    tier: int | None


class LineJSON(TypedDict):
    """A cart line."""

    sku: str
    name: str
    quantity: int
    unit_price: str
    line_total: str
    family: str | None
    tier: int | None


class CartJSON(TypedDict):
    """A priced cart."""

    cart_id: int
    currency: str
    lines: list[LineJSON]
    subtotal: str
    shipping: str
    total: str
    free_shipping_threshold: str
    remaining_for_free_shipping: str


class SuggestionJSON(TypedDict):
    """A recommendation."""

    sku: str
    name: str
    price: str
    kind: str
    reason: str


class SubscriptionJSON(TypedDict):
    """A subscription."""

    subscription_id: int
    customer_id: str
    plan: str
    status: str
    price: str
    next_price: str
    discount_percent: int | None
    discount_renewals: int


def product_json(p: Product) -> ProductJSON:
    """Serialize a product."""
    return ProductJSON(
        sku=p.sku, name=p.name, category=p.category, price=money_str(p.price),
        currency=p.currency, stock=p.stock, role=p.role.value, family=p.family, tier=p.tier,
    )  # fmt: skip


def cart_json(view: CartView) -> CartJSON:
    """Serialize a priced cart."""
    t = view.totals
    return CartJSON(
        cart_id=view.cart_id,
        currency=view.currency,
        lines=[
            LineJSON(
                sku=line.product.sku,
                name=line.product.name,
                quantity=line.quantity,
                unit_price=money_str(line.product.price),
                line_total=money_str(line.line_total),
                family=line.product.family,
                tier=line.product.tier,
            )  # fmt: skip
            for line in view.lines
        ],
        subtotal=money_str(t.subtotal),
        shipping=money_str(t.shipping),
        total=money_str(t.total),
        free_shipping_threshold=money_str(t.free_shipping_threshold),
        remaining_for_free_shipping=money_str(t.remaining_for_free_shipping),
    )


def suggestion_json(s: Suggestion) -> SuggestionJSON:
    """Serialize a recommendation."""
    return SuggestionJSON(
        sku=s.product.sku, name=s.product.name, price=money_str(s.product.price),
        kind=s.kind.value, reason=s.reason,
    )  # fmt: skip


def plan_json(plan: Plan) -> dict[str, str]:
    """Serialize a plan."""
    return {"code": plan.code, "name": plan.name, "price": money_str(plan.price),
            "interval": plan.interval}  # fmt: skip


def subscription_json(view: SubscriptionView) -> SubscriptionJSON:
    """Serialize a subscription."""
    return SubscriptionJSON(
        subscription_id=view.subscription_id, customer_id=view.customer_ref,
        plan=view.plan.code, status=view.status, price=money_str(view.price),
        next_price=money_str(view.next_price), discount_percent=view.discount_percent,
        discount_renewals=view.discount_renewals,
    )  # fmt: skip


def require_object(body: Any) -> dict[str, Any]:
    """The request body must be a JSON object."""
    if not isinstance(body, dict):
        raise InvalidInput("the request body must be a JSON object")
    return body


MAX_FIELD_LENGTH = 64
"""The longest SKU, customer id or plan code the API accepts (the store's column width)."""


def text_field(body: dict[str, Any], name: str, required: bool = True) -> str | None:
    """A non-empty string field (numbers are accepted for ids and turned into text).

    Raises:
        InvalidInput: Missing (when required), empty, not text, or longer than
            :data:`MAX_FIELD_LENGTH` characters: refused with the limit, never cut short
            (a cut SKU or customer id could name another one).
    """
    value = body.get(name)
    if value is None:
        if required:
            raise InvalidInput(f"'{name}' is required")
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
        raise InvalidInput(f"'{name}' must be a non-empty string")
    return limited(str(value).strip(), name)


def limited(value: str, name: str) -> str:
    """``value`` when it is at most :data:`MAX_FIELD_LENGTH` characters long.

    Raises:
        InvalidInput: It is longer; the message names the field and the limit.
    """
    if len(value) > MAX_FIELD_LENGTH:
        raise InvalidInput(
            f"'{name}' must be at most {MAX_FIELD_LENGTH} characters (got {len(value)})"
        )
    return value


def quantity_field(body: dict[str, Any], default: int = 1) -> int:
    """A whole quantity from 1 to ``MAX_QUANTITY``."""
    value = body.get("quantity", default)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_QUANTITY:
        raise InvalidQuantity(MAX_QUANTITY)
    return value
