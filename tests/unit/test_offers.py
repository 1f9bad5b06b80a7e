from decimal import Decimal

import pytest

from bot.domain.models import Plan, Product, Role
from bot.domain.offers import (
    ConversationState,
    Moment,
    OfferPolicy,
    cheaper_plan,
    is_offer_moment_after_add,
    lower_tier,
    may_offer,
    may_offer_on_exit,
    next_tier,
)

ONE = OfferPolicy()
TWO = OfferPolicy(max_unsolicited=2)


def tier(n: int, price: str, stock: int = 5, active: bool = True) -> Product:
    return Product(
        sku=f"PH-{n}",
        name=f"Phone tier {n}",
        category="phones",
        price=Decimal(price),
        stock=stock,
        role=Role.MAIN,
        family="Phone",
        tier=n,
        tier_label=f"T{n}",
        active=active,
    )


def test_default_policy_allows_one_unsolicited_offer() -> None:
    assert ONE.max_unsolicited == 1


@pytest.mark.parametrize("shown", [0, 1, 5])
def test_asked_for_suggestions_are_always_answered(shown: int) -> None:
    state = ConversationState(unsolicited_shown=shown)

    assert may_offer(Moment.ASKED, state, ONE) is True


def test_asked_for_suggestions_are_answered_even_when_upset() -> None:
    assert may_offer(Moment.ASKED, ConversationState(upset=True), ONE) is True


@pytest.mark.parametrize("moment", [Moment.MAIN_ITEM_ADDED, Moment.CHECKOUT])
def test_unsolicited_offers_are_limited_to_one_by_default(moment: Moment) -> None:
    assert may_offer(moment, ConversationState(unsolicited_shown=0), ONE) is True
    assert may_offer(moment, ConversationState(unsolicited_shown=1), ONE) is False


@pytest.mark.parametrize("moment", [Moment.MAIN_ITEM_ADDED, Moment.CHECKOUT])
def test_unsolicited_limit_is_configurable(moment: Moment) -> None:
    assert may_offer(moment, ConversationState(unsolicited_shown=1), TWO) is True
    assert may_offer(moment, ConversationState(unsolicited_shown=2), TWO) is False


def test_zero_limit_means_no_unsolicited_offers() -> None:
    assert may_offer(Moment.CHECKOUT, ConversationState(), OfferPolicy(0)) is False


@pytest.mark.parametrize("moment", [Moment.MAIN_ITEM_ADDED, Moment.CHECKOUT])
def test_never_an_unsolicited_offer_to_an_upset_shopper(moment: Moment) -> None:
    upset = ConversationState(unsolicited_shown=0, upset=True)

    assert may_offer(moment, upset, TWO) is False


def test_exit_offers_only_when_not_upset() -> None:
    assert may_offer_on_exit(ConversationState()) is True
    assert may_offer_on_exit(ConversationState(upset=True)) is False


def test_adding_a_main_item_is_an_offer_moment_but_an_accessory_is_not() -> None:
    accessory = Product("AC", "Case", "acc", Decimal("9.00"), stock=3)

    assert is_offer_moment_after_add(tier(1, "100.00")) is True
    assert is_offer_moment_after_add(accessory) is False


def test_next_tier_is_the_closest_better_tier() -> None:
    family = [tier(1, "100.00"), tier(2, "200.00"), tier(3, "300.00")]

    assert next_tier(family[0], family) == family[1]
    assert next_tier(family[1], family) == family[2]


def test_next_tier_skips_out_of_stock_and_inactive_tiers() -> None:
    family = [tier(1, "100.00"), tier(2, "200.00", stock=0), tier(3, "300.00")]

    assert next_tier(family[0], family) == family[2]
    inactive = [tier(1, "100.00"), tier(2, "200.00", active=False)]
    assert next_tier(inactive[0], inactive) is None


def test_no_next_tier_at_the_top_or_without_a_tier() -> None:
    family = [tier(1, "100.00"), tier(2, "200.00")]
    untiered = Product("X", "X", "misc", Decimal("5.00"), stock=1)

    assert next_tier(family[1], family) is None
    assert next_tier(untiered, family) is None


def test_lower_tier_is_the_closest_cheaper_tier() -> None:
    family = [tier(1, "100.00"), tier(2, "200.00"), tier(3, "300.00")]

    assert lower_tier(family[2], family) == family[1]
    assert lower_tier(family[1], family) == family[0]


def test_lower_tier_skips_out_of_stock_tiers() -> None:
    family = [tier(1, "100.00"), tier(2, "200.00", stock=0), tier(3, "300.00")]

    assert lower_tier(family[2], family) == family[0]


def test_lower_tier_must_actually_be_cheaper() -> None:
    family = [tier(1, "300.00"), tier(2, "300.00")]

    assert lower_tier(family[1], family) is None


def test_no_lower_tier_at_the_bottom_or_when_all_below_are_sold_out() -> None:
    family = [tier(1, "100.00", stock=0), tier(2, "200.00")]

    assert lower_tier(family[0], family) is None
    assert lower_tier(family[1], family) is None


PLANS = [
    Plan("basic", "Basic", Decimal("4.99"), "month", 1),
    Plan("plus", "Plus", Decimal("9.99"), "month", 2),
    Plan("premium", "Premium", Decimal("14.99"), "month", 3),
]


def test_cheaper_plan_is_the_closest_cheaper_tier() -> None:
    assert cheaper_plan(PLANS[2], PLANS) == PLANS[1]
    assert cheaper_plan(PLANS[1], PLANS) == PLANS[0]


def test_cheapest_plan_has_no_cheaper_plan_so_a_pause_is_offered() -> None:
    assert cheaper_plan(PLANS[0], PLANS) is None


def test_cheaper_plan_ignores_lower_tiers_that_are_not_cheaper() -> None:
    odd = [Plan("old", "Old", Decimal("20.00"), "month", 1), PLANS[1]]

    assert cheaper_plan(PLANS[1], odd) is None
