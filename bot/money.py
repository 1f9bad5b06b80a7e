"""Money helpers: the one place where amounts are parsed, rounded and formatted.

Amounts are ``Decimal`` in the domain and integer minor units (cents) in the store.
Floats are rejected everywhere.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from babel.numbers import get_currency_precision, is_currency

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


STORED_DIGITS = 2
"""Amounts are stored in hundredths: a currency may have at most this many decimals."""


@lru_cache(maxsize=64)
def currency_digits(currency: str) -> int:
    """Decimals of a currency's minor unit (ISO 4217 via Babel): USD 2, JPY 0, BHD 3.

    Raises:
        ValueError: Not an ISO 4217 code, or more decimals than the store keeps (BHD, KWD).
    """
    code = currency.strip().upper()
    if len(code) != 3 or not is_currency(code):
        raise ValueError(f"{currency!r} is not an ISO 4217 currency code (e.g. USD, EUR, JPY)")
    digits = get_currency_precision(code)
    if digits > STORED_DIGITS:
        raise ValueError(f"{code} has {digits} decimals; amounts are stored in hundredths")
    return digits


def check_precision(text: str, currency: str, what: str = "price") -> Decimal:
    """Parse an amount that must fit the currency's precision exactly (no silent rounding).

    Raises:
        ValueError: Not an amount, or more decimals than the currency has, naming both
            ("price 12.345 has more decimals than USD allows (2)").
    """
    try:
        amount = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(f"{what} is not an amount: {text!r}") from None
    if not amount.is_finite():
        raise ValueError(f"{what} is not an amount: {text!r}")
    digits = currency_digits(currency)
    if amount != amount.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP):
        places = "no decimals" if digits == 0 else f"{digits} decimals"
        raise ValueError(f"{what} {text.strip()} does not fit {currency}: it has {places}")
    return to_money(amount)


def format_money(amount: Decimal, currency: str = "USD") -> str:
    """Render an amount for people, e.g. ``"$12.50"``, ``"12.50 CHF"`` or ``"5,000 JPY"``."""
    symbol = _SYMBOLS.get(currency)
    try:
        digits = currency_digits(currency)
    except ValueError:  # an unknown code stored by an old import: cents, as before
        digits = STORED_DIGITS
    text = f"{to_money(amount):,.{digits}f}"
    return f"{symbol}{text}" if symbol else f"{text} {currency}"


def percent(share: Decimal) -> str:
    """Render a share in [0, 1] as a whole percentage, e.g. ``Decimal("0.343")`` → ``"34%"``."""
    return f"{(share * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)}%"
