"""Money helpers: the one place where amounts are parsed, rounded and formatted.

Amounts are ``Decimal`` in the domain and integer minor units (cents) in the store.
Floats are rejected everywhere.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def to_money(value: Decimal | int | str) -> Decimal:
    """Parse and round an amount to cents (half up).

    Args:
        value: A ``Decimal``, an ``int`` or a decimal string such as ``"12.50"``.

    Returns:
        The amount quantized to two decimal places.

    Raises:
        TypeError: If ``value`` is a float (or any other non-exact type).
        ValueError: If the string is not a finite decimal number.
    """
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, str)):
        raise TypeError(f"money must be Decimal, int or str, not {type(value).__name__}")
    try:
        amount = Decimal(value)
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {value!r}") from exc
    if not amount.is_finite():
        raise ValueError(f"not an amount: {value!r}")
    try:
        return amount.quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation as exc:  # too many digits to hold in cents, e.g. "1e30"
        raise ValueError(f"not an amount: {value!r}") from exc


def to_minor(amount: Decimal) -> int:
    """Convert an amount to integer minor units (cents) for storage."""
    return int(to_money(amount) * 100)


def from_minor(minor: int) -> Decimal:
    """Convert stored integer minor units (cents) back to a ``Decimal`` amount."""
    return to_money(Decimal(minor) / 100)


def money_str(amount: Decimal) -> str:
    """Render an amount as a plain decimal string for JSON, e.g. ``"12.50"``."""
    return f"{to_money(amount):.2f}"


def format_money(amount: Decimal, currency: str = "USD") -> str:
    """Render an amount for people, e.g. ``"$12.50"`` or ``"12.50 CHF"``."""
    symbol = _SYMBOLS.get(currency)
    text = f"{to_money(amount):,.2f}"
    return f"{symbol}{text}" if symbol else f"{text} {currency}"


def percent(share: Decimal) -> str:
    """Render a share in [0, 1] as a whole percentage, e.g. ``Decimal("0.343")`` → ``"34%"``."""
    return f"{(share * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)}%"
