"""Validation of imported catalog and order rows (pure: rows in, values or problems out).

Catalog rows need ``sku``, ``name`` and ``category``; ``price`` (a decimal amount), ``stock``
(a whole number), ``role`` (``main`` / ``accessory``) and ``currency`` (only the shop's own)
are optional, and any other column (such as ``department``) is ignored. Order rows need
``order_id`` and ``sku``; ``quantity`` is optional (default 1). An order is the run of
consecutive rows that share an ``order_id``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypedDict

from bot.domain.errors import InvalidInput
from bot.domain.models import Role
from bot.money import check_precision, currency_digits, to_minor

PRODUCT_COLUMNS = ("sku", "name", "category")
ORDER_COLUMNS = ("order_id", "sku")
MAX_QUANTITY = 10_000
_LIMITS = {"sku": 64, "name": 200, "category": 100, "order_id": 64}


class MissingColumns(InvalidInput):
    """A CSV header lacks required columns; nothing is imported."""

    def __init__(self, missing: Iterable[str]) -> None:
        self.missing = tuple(missing)
        super().__init__(f"missing column(s): {', '.join(self.missing)}")


class ProductValues(TypedDict, total=False):
    """Columns of a catalog row to store (``price_minor`` and ``stock`` only when given)."""

    sku: str
    name: str
    category: str
    role: str
    currency: str
    price_minor: int
    stock: int


@dataclass(frozen=True)
class RowProblem:
    """A row that was skipped, with its line number in the file (the header is line 1)."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class OrderRowValues:
    """One valid order row."""

    line: int
    order_ref: str
    sku: str
    quantity: int


@dataclass
class ParsedOrder:
    """Consecutive rows with the same ``order_id``: SKUs with summed quantities."""

    order_ref: str
    first_line: int
    quantities: dict[str, int] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # SKU -> line it was first seen on


def check_header(columns: Iterable[str] | None, required: Iterable[str]) -> None:
    """Raise :class:`MissingColumns` unless every required column is in the header."""
    present = set(columns or ())
    missing = [name for name in required if name not in present]
    if missing:
        raise MissingColumns(missing)


def _text(row: Mapping[str, str | None], name: str) -> str:
    value = (row.get(name) or "").strip()
    if not value:
        raise ValueError(f"{name} is empty")
    if len(value) > _LIMITS.get(name, 200):
        raise ValueError(f"{name} is longer than {_LIMITS.get(name, 200)} characters")
    return value


def _whole(value: str, name: str, minimum: int) -> int:
    if not value.strip().isdigit() or int(value) < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}, not {value!r}")
    return int(value)


def _role(text: str) -> str:
    roles = ", ".join(r.value for r in Role)
    try:
        return Role(text.lower()).value
    except ValueError:
        raise ValueError(f"role must be one of {roles}, not {text!r}") from None


def parse_product_row(
    line: int, row: Mapping[str, str | None], shop_currency: str | None = None
) -> ProductValues | RowProblem:
    """Validate one catalog row.

    Args:
        line: The row's line in the file.
        row: Column → value.
        shop_currency: The shop's currency: a row priced in another is refused (carts
            would sum two currencies). None: any currency.

    Returns:
        The values to store, or the problem that makes the row unusable.
    """
    try:
        values = ProductValues(
            sku=_text(row, "sku"), name=_text(row, "name"), category=_text(row, "category")
        )
        currency = (row.get("currency") or "").strip().upper()
        if currency and shop_currency and currency != shop_currency:
            raise ValueError(
                f"currency {currency} is not the shop's currency ({shop_currency}); a shop "
                f"has one: set it with `import-products FILE --currency {currency}`"
            )
        if currency:
            currency_digits(currency)  # an ISO 4217 code the store can hold
        if currency or shop_currency:  # a new product is in the shop's currency
            values["currency"] = (currency or shop_currency or "")[:3]
        price = (row.get("price") or "").strip()
        if price:  # no silent rounding: 12.345 USD or 1200.5 JPY is refused
            amount = check_precision(price, currency or shop_currency or "USD")
            if amount < 0:
                raise ValueError(f"price must not be negative, not {price!r}")
            values["price_minor"] = to_minor(amount)
        stock = (row.get("stock") or "").strip()
        if stock:
            values["stock"] = _whole(stock, "stock", 0)
        role = (row.get("role") or "").strip()
        if role:  # missing: an existing product keeps its role (a new one is an accessory)
            values["role"] = _role(role)
    except ValueError as error:  # also bad roles and amounts
        return RowProblem(line, str(error))
    return values


def parse_order_row(line: int, row: Mapping[str, str | None]) -> OrderRowValues | RowProblem:
    """Validate one order row."""
    try:
        quantity_text = (row.get("quantity") or "").strip()
        quantity = _whole(quantity_text, "quantity", 1) if quantity_text else 1
        if quantity > MAX_QUANTITY:
            raise ValueError(f"quantity must be at most {MAX_QUANTITY}")
        return OrderRowValues(line, _text(row, "order_id"), _text(row, "sku"), quantity)
    except ValueError as error:
        return RowProblem(line, str(error))


def group_orders(
    rows: Iterable[OrderRowValues | RowProblem],
) -> Iterator[ParsedOrder | RowProblem]:
    """Group consecutive rows of one order; problems pass through in file order.

    An order whose rows are not consecutive is a problem: its later rows are reported.
    """
    current: ParsedOrder | None = None
    finished: set[str] = set()
    for row in rows:
        if isinstance(row, RowProblem):
            yield row
            continue
        if current is not None and row.order_ref == current.order_ref:
            current.quantities[row.sku] = current.quantities.get(row.sku, 0) + row.quantity
            current.lines.setdefault(row.sku, row.line)
            continue
        if current is not None:
            finished.add(current.order_ref)
            yield current
        if row.order_ref in finished:
            current = None
            yield RowProblem(row.line, f"order {row.order_ref} was already closed above")
            continue
        current = ParsedOrder(row.order_ref, row.line, {row.sku: row.quantity}, {row.sku: row.line})
    if current is not None:
        yield current
