"""Currency precision (ISO 4217 via Babel): amounts that do not fit are refused, not rounded."""

from decimal import Decimal

import pytest

from bot.money import check_precision, currency_digits, format_money


def test_digits_come_from_the_currency() -> None:
    assert (currency_digits("USD"), currency_digits("jpy"), currency_digits("EUR")) == (2, 0, 2)
    with pytest.raises(ValueError, match="3 decimals; amounts are stored in hundredths"):
        currency_digits("BHD")
    with pytest.raises(ValueError, match="not an ISO 4217 currency code"):
        currency_digits("XXQ")


@pytest.mark.parametrize(
    ("text", "currency", "amount"),
    [("12.34", "USD", "12.34"), ("12.340", "USD", "12.34"), ("1200", "JPY", "1200.00"),
     ("1200.00", "JPY", "1200.00")],
)  # fmt: skip
def test_amounts_that_fit_are_kept_exactly(text: str, currency: str, amount: str) -> None:
    assert check_precision(text, currency) == Decimal(amount)


@pytest.mark.parametrize(
    ("text", "currency", "message"),
    [("12.345", "USD", "price 12.345 does not fit USD: it has 2 decimals"),
     ("1200.5", "JPY", "price 1200.5 does not fit JPY: it has no decimals"),
     ("ten", "USD", "price is not an amount: 'ten'")],
)  # fmt: skip
def test_amounts_finer_than_the_currency_are_refused(text, currency, message) -> None:
    with pytest.raises(ValueError, match=message):
        check_precision(text, currency)


def test_money_is_shown_with_the_currency_digits() -> None:
    assert format_money(Decimal("5000"), "JPY") == "5,000 JPY"
    assert format_money(Decimal("12.5"), "USD") == "$12.50"
    assert format_money(Decimal("3"), "ZZZ") == "3.00 ZZZ"  # unknown code: hundredths as before
