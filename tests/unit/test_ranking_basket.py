from decimal import Decimal

import pytest

from bot.domain.models import CartLine, Product, Role
from bot.domain.ranking import (
    CoPurchase,
    OrderCounts,
    RankingRules,
    Scoring,
    basket_score,
    rank_addons,
)


def item(sku: str, role: Role = Role.ACCESSORY) -> Product:
    return Product(sku, f"Item {sku}", "misc", Decimal("0"), stock=0, role=role)


BREAD, BUTTER, MILK, JAM, SODA = (item(s) for s in ("bread", "butter", "milk", "jam", "soda"))
CART = [CartLine(BREAD, 1), CartLine(BUTTER, 1)]
# 1000 orders: bread in 200, butter in 100; milk in 400, jam in 50, soda in 300
COUNTS = OrderCounts(
    total=1000,
    by_sku={"bread": 200, "butter": 100, "milk": 400, "jam": 50, "soda": 300},
    best_sellers=[MILK, SODA, BREAD],
)
PRICE_LESS = RankingRules(
    max_price_ratio=None, require_stock=False, min_together=1, min_share=Decimal(0)
)
RAW = RankingRules(
    max_price_ratio=None, require_stock=False, min_together=1, min_share=Decimal(0),
    prior_orders=0, popularity_damping=0.0,
)  # fmt: skip


def pairs(candidate: Product, with_bread: int, with_butter: int) -> list[CoPurchase]:
    found = []
    if with_bread:
        found.append(CoPurchase(BREAD, candidate, with_bread, 200))
    if with_butter:
        found.append(CoPurchase(BUTTER, candidate, with_butter, 100))
    return found


def test_without_prior_or_damping_the_score_is_the_sum_of_shares() -> None:
    score = basket_score(CART, JAM, {"bread": 20, "butter": 30}, COUNTS, RAW)

    assert score == pytest.approx(20 / 200 + 30 / 100)


def test_prior_pulls_shares_towards_overall_popularity() -> None:
    rules = RankingRules(prior_orders=100, popularity_damping=0.0)

    score = basket_score(CART, MILK, {"bread": 0, "butter": 0}, COUNTS, rules)

    # no co-purchase: each cart item votes 100 * 0.4 / (orders with it + 100)
    assert score == pytest.approx(40 / 300 + 40 / 200)


def test_damping_divides_by_the_candidates_order_count() -> None:
    rules = RankingRules(prior_orders=0, popularity_damping=0.5)

    score = basket_score(CART, MILK, {"bread": 100}, COUNTS, rules)

    assert score == pytest.approx((100 / 200) / 400**0.5)


def test_evidence_from_every_cart_item_adds_up() -> None:
    evidence = pairs(JAM, 60, 40) + pairs(MILK, 90, 0)

    ranked = rank_addons(CART, evidence, {}, rules=RAW, limit=5, counts=COUNTS)

    # jam: 0.3 + 0.4 = 0.7 beats milk: 0.45, although milk has the single strongest share
    assert [s.product.sku for s in ranked] == ["jam", "milk"]
    assert ranked[0].reason == "bought together in 40% of orders with your Item butter"
    assert ranked[1].reason == "bought together in 45% of orders with your Item bread"


def test_share_scoring_keeps_the_strongest_share() -> None:
    evidence = pairs(JAM, 60, 40) + pairs(MILK, 90, 0)
    share = RankingRules(max_price_ratio=None, require_stock=False, min_together=1,
                         min_share=Decimal(0), scoring=Scoring.SHARE)  # fmt: skip

    ranked = rank_addons(CART, evidence, {}, rules=share, limit=5, counts=COUNTS)

    assert [s.product.sku for s in ranked] == ["milk", "jam"]


def test_best_sellers_fill_in_with_a_true_reason_and_never_a_cart_item() -> None:
    rules = RankingRules(
        max_price_ratio=None, require_stock=False, min_together=1, min_share=Decimal(0),
        best_sellers=3,
    )  # fmt: skip

    ranked = rank_addons(CART, pairs(JAM, 60, 40), {}, rules=rules, limit=5, counts=COUNTS)

    assert [s.product.sku for s in ranked][0] == "jam"
    assert {s.product.sku for s in ranked} == {"jam", "milk", "soda"}
    reasons = {s.product.sku: s.reason for s in ranked}
    assert reasons["milk"] == "in 40% of all orders"
    assert reasons["soda"] == "in 30% of all orders"


def test_chat_rules_offer_no_best_sellers_without_evidence() -> None:
    assert RankingRules().best_sellers == 0
    assert rank_addons(CART, [], {}, rules=PRICE_LESS, limit=5, counts=COUNTS) == []


def test_an_empty_cart_gets_no_add_ons_even_with_best_sellers() -> None:
    rules = RankingRules(best_sellers=3, require_stock=False)

    assert rank_addons([], [], {}, rules=rules, counts=COUNTS) == []


def test_basket_scoring_without_counts_falls_back_to_the_strongest_share() -> None:
    evidence = pairs(JAM, 60, 40) + pairs(MILK, 90, 0)

    ranked = rank_addons(CART, evidence, {}, rules=RAW, limit=5)

    assert [s.product.sku for s in ranked] == ["milk", "jam"]
    assert ranked[0].score == pytest.approx(0.45 + 0.02)
