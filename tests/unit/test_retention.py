"""Retention options: shop policy, experiment preference, discount arithmetic."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.domain.models import OfferKind, Plan
from bot.domain.retention import (
    CHEAPER_PLAN,
    DISCOUNT,
    PAUSE,
    RetentionConfigError,
    RetentionPolicy,
    choose_option,
    discounted_price,
    option_for,
    parse_allowed,
)

BASIC = Plan("care-basic", "Care Basic", Decimal("4.99"), "month", 1)
PLUS = Plan("care-plus", "Care Plus", Decimal("9.99"), "month", 2)
PLANS = [BASIC, PLUS]
ALL = RetentionPolicy()


@pytest.mark.parametrize(
    ("price", "percent", "expected"),
    [("9.99", 20, "7.99"), ("9.99", 25, "7.49"), ("4.99", 50, "2.50"), ("10.00", 1, "9.90")],
)
def test_discounted_price_rounds_half_up_to_cents(price, percent, expected) -> None:
    # 9.99 * 0.75 = 7.4925 -> 7.49; 4.99 * 0.5 = 2.495 -> 2.50
    assert discounted_price(Decimal(price), percent) == Decimal(expected)


def test_auto_offers_the_cheaper_plan_then_pause_then_discount() -> None:
    assert choose_option("auto", PLUS, PLANS, ALL).plan == BASIC
    assert choose_option("auto", BASIC, PLANS, ALL).option == PAUSE
    only_discount = RetentionPolicy(allowed=frozenset({DISCOUNT}))
    assert choose_option("auto", BASIC, PLANS, only_discount).kind is OfferKind.RETENTION_DISCOUNT


def test_an_experiment_may_put_the_discount_first() -> None:
    assert choose_option("discount", PLUS, PLANS, ALL).option == DISCOUNT
    no_discount = RetentionPolicy(allowed=frozenset({CHEAPER_PLAN, PAUSE}))
    assert choose_option("discount", PLUS, PLANS, no_discount).plan == BASIC


def test_nothing_allowed_means_no_offer() -> None:
    assert choose_option("auto", PLUS, PLANS, RetentionPolicy(allowed=frozenset())) is None


def test_an_asked_for_option_needs_the_shop_and_a_plan() -> None:
    no_pause = RetentionPolicy(allowed=frozenset({CHEAPER_PLAN}))
    assert option_for(PAUSE, PLUS, PLANS, no_pause) is None
    assert option_for(CHEAPER_PLAN, BASIC, PLANS, ALL) is None  # nothing cheaper
    assert option_for(PAUSE, PLUS, PLANS, ALL).kind is OfferKind.RETENTION_PAUSE


def test_policy_and_config_are_checked() -> None:
    assert parse_allowed("pause, discount") == frozenset({PAUSE, DISCOUNT})
    with pytest.raises(RetentionConfigError):
        parse_allowed("pause,free-beer")
    with pytest.raises(RetentionConfigError):
        RetentionPolicy(discount_percent=95)
    with pytest.raises(RetentionConfigError):
        RetentionPolicy(discount_renewals=0)


def test_experiments_may_choose_the_discount_kind() -> None:
    from bot.domain.experiments import parse_experiments

    (experiment,) = parse_experiments(
        {
            "experiments": [
                {
                    "key": "retention-kind",
                    "start": "2026-01-01",
                    "stop": "2027-01-01",
                    "variants": [
                        {"name": "plan", "weight": 1},
                        {"name": "discount", "weight": 1, "settings": {"retention": "discount"}},
                    ],
                }
            ]
        }
    )
    assert experiment.variant("discount").settings.retention == "discount"
