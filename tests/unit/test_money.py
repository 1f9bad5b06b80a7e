from decimal import Decimal

import pytest

from bot.money import format_money, from_minor, money_str, percent, to_minor, to_money


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.005", "1.01"),
        ("1.004", "1.00"),
        ("2.675", "2.68"),
        ("0.125", "0.13"),
        ("-1.005", "-1.01"),
        (Decimal("19.995"), "20.00"),
        (7, "7.00"),
        ("12.5", "12.50"),
        (" 3.10 ", "3.10"),
    ],
)
def test_to_money_rounds_half_up_to_cents(raw: object, expected: str) -> None:
    amount = to_money(raw)  # type: ignore[arg-type]

    assert isinstance(amount, Decimal)
    assert amount == Decimal(expected)
    assert amount.as_tuple().exponent == -2


@pytest.mark.parametrize("value", [1.5, 0.1, float("nan"), True, None, [1]])
def test_to_money_rejects_floats_and_other_inexact_types(value: object) -> None:
    with pytest.raises(TypeError):
        to_money(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "abc", "12,50", "1,000", "$5", "NaN", "Infinity", "-inf"])
def test_to_money_rejects_strings_that_are_not_finite_amounts(text: str) -> None:
    with pytest.raises(ValueError, match="not an amount"):
        to_money(text)


def test_to_money_rejects_amounts_too_large_to_hold_in_cents_with_value_error() -> None:
    with pytest.raises(ValueError, match="not an amount"):
        to_money("1e30")


@pytest.mark.parametrize(
    ("amount", "minor"),
    [("0.00", 0), ("0.01", 1), ("12.50", 1250), ("699.00", 69900), ("-4.99", -499)],
)
def test_minor_units_round_trip(amount: str, minor: int) -> None:
    assert to_minor(Decimal(amount)) == minor
    assert from_minor(minor) == Decimal(amount)
    assert from_minor(to_minor(Decimal(amount))) == Decimal(amount)


def test_to_minor_rounds_half_up_before_converting() -> None:
    assert to_minor(Decimal("0.005")) == 1
    assert to_minor(Decimal("0.0049")) == 0
    assert isinstance(to_minor(Decimal("1.23")), int)


def test_from_minor_returns_two_place_decimal() -> None:
    amount = from_minor(5)

    assert amount == Decimal("0.05")
    assert str(amount) == "0.05"


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (Decimal("1234.5"), "USD", "$1,234.50"),
        (Decimal("0"), "USD", "$0.00"),
        (Decimal("1234567.891"), "USD", "$1,234,567.89"),
        (Decimal("12.5"), "EUR", "€12.50"),
        (Decimal("4.99"), "GBP", "£4.99"),
        (Decimal("1234.5"), "CHF", "1,234.50 CHF"),
    ],
)
def test_format_money_for_people(amount: Decimal, currency: str, text: str) -> None:
    assert format_money(amount, currency) == text


def test_format_money_defaults_to_dollars() -> None:
    assert format_money(Decimal("9.999")) == "$10.00"


def test_money_str_is_plain_two_place_decimal() -> None:
    assert money_str(Decimal("1234.5")) == "1234.50"
    assert money_str(Decimal("0.005")) == "0.01"


@pytest.mark.parametrize(
    ("share", "text"),
    [
        (Decimal("0.343"), "34%"),
        (Decimal("0.345"), "35%"),
        (Decimal("0.5"), "50%"),
        (Decimal(0), "0%"),
        (Decimal(1), "100%"),
        (Decimal(2) / Decimal(3), "67%"),
    ],
)
def test_percent_renders_whole_percentage_half_up(share: Decimal, text: str) -> None:
    assert percent(share) == text
