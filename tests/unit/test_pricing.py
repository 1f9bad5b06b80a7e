from decimal import Decimal

import pytest

from bot.domain.models import CartLine, Product, ShippingPolicy
from bot.domain.pricing import (
    price_cart,
    remaining_for_free_shipping,
    shipping_for,
    subtotal_of,
)

POLICY = ShippingPolicy(threshold=Decimal("50.00"), flat_rate=Decimal("4.99"))


def line(price: str, quantity: int = 1, sku: str = "SKU") -> CartLine:
    product = Product(sku=sku, name=sku, category="misc", price=Decimal(price), stock=99)
    return CartLine(product, quantity)


def test_line_total_is_unit_price_times_quantity() -> None:
    assert line("19.99", 3).line_total == Decimal("59.97")


def test_subtotal_sums_line_totals() -> None:
    lines = [line("19.00", 2, "A"), line("12.00", 1, "B"), line("0.99", 3, "C")]

    assert subtotal_of(lines) == Decimal("52.97")


def test_subtotal_of_empty_cart_is_zero_cents() -> None:
    subtotal = subtotal_of([])

    assert subtotal == Decimal("0.00")
    assert str(subtotal) == "0.00"


@pytest.mark.parametrize(
    ("subtotal", "shipping", "remaining"),
    [
        ("49.99", "4.99", "0.01"),
        ("50.00", "0.00", "0.00"),
        ("50.01", "0.00", "0.00"),
        ("0.01", "4.99", "49.99"),
        ("120.00", "0.00", "0.00"),
    ],
)
def test_free_shipping_from_the_threshold_inclusive(
    subtotal: str, shipping: str, remaining: str
) -> None:
    totals = price_cart([line(subtotal)], POLICY)

    assert totals.subtotal == Decimal(subtotal)
    assert totals.shipping == Decimal(shipping)
    assert totals.remaining_for_free_shipping == Decimal(remaining)
    assert totals.total == Decimal(subtotal) + Decimal(shipping)
    assert totals.ships_free is (Decimal(subtotal) >= POLICY.threshold)


def test_shipping_for_threshold_edges() -> None:
    assert shipping_for(Decimal("49.99"), POLICY) == Decimal("4.99")
    assert shipping_for(Decimal("50.00"), POLICY) == Decimal("0.00")
    assert shipping_for(Decimal("50.01"), POLICY) == Decimal("0.00")


def test_remaining_never_negative() -> None:
    assert remaining_for_free_shipping(Decimal("80.00"), POLICY) == Decimal("0.00")
    assert remaining_for_free_shipping(Decimal("12.34"), POLICY) == Decimal("37.66")


def test_empty_cart_ships_free_of_charge_but_the_whole_threshold_remains() -> None:
    totals = price_cart([], POLICY)

    assert totals.subtotal == Decimal("0.00")
    assert totals.shipping == Decimal("0.00")
    assert totals.total == Decimal("0.00")
    assert totals.remaining_for_free_shipping == Decimal("50.00")
    assert totals.free_shipping_threshold == Decimal("50.00")
    assert totals.ships_free is False


def test_total_is_subtotal_plus_shipping_and_every_figure_is_a_decimal() -> None:
    totals = price_cart([line("12.00", 2, "A"), line("6.00", 1, "B")], POLICY)

    assert totals.subtotal == Decimal("30.00")
    assert totals.shipping == Decimal("4.99")
    assert totals.total == Decimal("34.99")
    assert totals.remaining_for_free_shipping == Decimal("20.00")
    figures = [
        totals.subtotal,
        totals.shipping,
        totals.total,
        totals.free_shipping_threshold,
        totals.remaining_for_free_shipping,
    ]
    assert all(type(value) is Decimal for value in figures)
    assert all(value.as_tuple().exponent == -2 for value in figures)


def test_flat_rate_and_threshold_come_from_the_policy() -> None:
    policy = ShippingPolicy(threshold=Decimal("25.00"), flat_rate=Decimal("2.5"))

    below = price_cart([line("24.99")], policy)
    at = price_cart([line("25.00")], policy)

    assert below.shipping == Decimal("2.50")
    assert below.total == Decimal("27.49")
    assert at.shipping == Decimal("0.00")
    assert at.total == Decimal("25.00")
