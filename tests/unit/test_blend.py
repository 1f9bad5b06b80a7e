from dataclasses import replace
from decimal import Decimal

import pytest

from bot.domain.blend import BlendWeights, Neighbour, blend_scores, true_reason
from bot.domain.models import CartLine, Product, Role
from bot.domain.ranking import OrderCounts, RankingRules
from bot.domain.suggest import explain, rank_by_neighbours


def item(sku: str, price: str = "0", stock: int = 0, role: Role = Role.ACCESSORY) -> Product:
    return Product(sku, f"Item {sku}", "misc", Decimal(price), stock=stock, role=role)


BREAD, BUTTER, MILK, JAM, SODA = (item(s) for s in ("bread", "butter", "milk", "jam", "soda"))
CART = [CartLine(BREAD, 1), CartLine(BUTTER, 1)]
ORDERS = {"bread": 200, "butter": 100, "milk": 400, "jam": 50, "soda": 300}
COUNTS = OrderCounts(total=1000, by_sku=ORDERS, best_sellers=[MILK, SODA, BREAD])
BASKET = RankingRules(
    max_price_ratio=None, min_price_ratio=None, require_stock=False, min_together=1,
    min_share=Decimal(0),
)  # fmt: skip


def row(anchor: Product, candidate: Product, together: int, ease: float, walk: float):
    return Neighbour(anchor, candidate, together, ease, walk, ORDERS[candidate.sku])


def test_terms_are_standardised_over_the_carts_candidates() -> None:
    rows = [row(BREAD, JAM, 30, 0.2, 0.01), row(BUTTER, JAM, 25, 0.1, 0.02),
            row(BREAD, MILK, 90, 0.1, 0.01)]  # fmt: skip

    only_ease = blend_scores(rows, BlendWeights(1.0, 0.0, 0.0))
    only_pop = blend_scores(rows, BlendWeights(0.0, 0.0, 1.0))

    # ease sums: jam 0.3, milk 0.1 -> z = +1 / -1 whatever their scale
    assert only_ease == pytest.approx({"jam": 1.0, "milk": -1.0})
    assert only_pop == pytest.approx({"jam": -1.0, "milk": 1.0})  # milk is in more orders


def test_compress_takes_signed_roots_of_the_sums_before_standardising() -> None:
    rows = [row(BREAD, JAM, 30, 0.25, 0.0), row(BREAD, MILK, 90, 0.04, 0.0),
            row(BREAD, SODA, 20, -0.01, 0.0)]  # fmt: skip

    raw = blend_scores(rows, BlendWeights(1.0, 0.0, 0.0, 0.0, compress=1.0))
    rooted = blend_scores(rows, BlendWeights(1.0, 0.0, 0.0, 0.0, compress=0.5))

    # roots 0.5, 0.2, -0.1: evenly spaced, so milk sits at the mean
    assert rooted == pytest.approx({"jam": 1.5**0.5, "milk": 0.0, "soda": -(1.5**0.5)})
    assert raw["milk"] < -0.4  # without roots jam's large sum pulls the mean above milk


def test_the_default_blend_takes_cube_roots_of_the_sums() -> None:
    rows = [row(BREAD, JAM, 30, 0.125, 0.0), row(BREAD, MILK, 90, 0.008, 0.0),
            row(BREAD, SODA, 20, -0.001, 0.0)]  # fmt: skip
    ease_only = replace(BlendWeights(), walk=0.0, popularity=0.0, knn=0.0)

    scores = blend_scores(rows, ease_only)

    # cube roots 0.5, 0.2, -0.1: evenly spaced, so milk sits at the mean
    assert scores == pytest.approx({"jam": 1.5**0.5, "milk": 0.0, "soda": -(1.5**0.5)})
    squared = blend_scores(rows, replace(ease_only, compress=0.5))
    assert squared["milk"] < -0.1  # square roots 0.35, 0.09, -0.03 leave milk below the mean


def test_compress_applies_to_the_knn_votes_too() -> None:
    rows = [row(BREAD, JAM, 30, 0.1, 0.0), row(BREAD, MILK, 90, 0.1, 0.0),
            row(BREAD, SODA, 20, 0.1, 0.0)]  # fmt: skip
    votes = {"jam": 0.25, "milk": 0.04}  # soda: no vote (0)

    rooted = blend_scores(rows, BlendWeights(0.0, 0.0, 0.0, 1.0, compress=0.5), knn=votes)

    # roots 0.5, 0.2, 0.0: mean 0.7 / 3, population spread √(0.29 / 3 − (0.7 / 3)²)
    mean, spread = 0.7 / 3, (0.29 / 3 - (0.7 / 3) ** 2) ** 0.5
    assert rooted == pytest.approx(
        {sku: (root - mean) / spread for sku, root in (("jam", 0.5), ("milk", 0.2), ("soda", 0))}
    )


def test_extra_candidates_join_with_zero_list_weights() -> None:
    scores = blend_scores([row(BREAD, JAM, 30, 0.3, 0.01)], BlendWeights(), extra={"soda": 300})

    assert set(scores) == {"jam", "soda"}
    assert scores["jam"] > scores["soda"] - 0.2  # soda only gains through popularity (w 0.1)


def test_reason_is_the_strongest_share_backed_by_enough_orders() -> None:
    cart = CART
    reason = true_reason(JAM, cart, {"bread": 30, "butter": 25}, ORDERS, 1000, 20)

    assert reason == "bought together in 25% of orders with your Item butter"  # 25/100 > 30/200


def test_a_share_with_fewer_orders_than_the_minimum_is_not_a_reason() -> None:
    assert true_reason(JAM, CART, {"bread": 30, "butter": 19}, ORDERS, 1000, 20) == (
        "bought together in 15% of orders with your Item bread"
    )
    assert true_reason(JAM, CART, {"bread": 19, "butter": 19}, ORDERS, 1000, 20) == (
        "in 5% of all orders"
    )


def test_a_curated_pairing_comes_before_the_popularity_fact() -> None:
    assert true_reason(JAM, CART, {}, ORDERS, 1000, 20, curated_with=BREAD) == (
        "made to go with your Item bread"
    )


def test_ranking_uses_the_score_and_reasons_use_the_counts() -> None:
    rows = [row(BREAD, JAM, 30, 0.5, 0.05), row(BUTTER, JAM, 25, 0.4, 0.05),
            row(BREAD, MILK, 5, 0.01, 0.001), row(BUTTER, SODA, 2, -0.1, 0.0)]  # fmt: skip

    ranked = rank_by_neighbours(CART, rows, {}, (), BASKET, 5, COUNTS)
    suggestions = explain(ranked, CART, {"jam": {"bread": 30, "butter": 25},
                                         "milk": {"bread": 5}}, COUNTS, BASKET)  # fmt: skip

    assert [s.product.sku for s in suggestions] == ["jam", "milk", "soda"]
    assert suggestions[0].reason == "bought together in 25% of orders with your Item butter"
    assert suggestions[1].reason == "in 40% of all orders"  # 5 orders together is too few
    assert suggestions[0].score > suggestions[1].score > suggestions[2].score


def test_relevance_filters_declines_cart_items_and_limit() -> None:
    rows = [row(BREAD, JAM, 30, 0.5, 0.05), row(BREAD, MILK, 2, 0.4, 0.05),
            row(BREAD, BUTTER, 50, 0.9, 0.1), row(BUTTER, SODA, 20, 0.1, 0.01)]  # fmt: skip
    chat_like = RankingRules(
        max_price_ratio=None, min_price_ratio=None, require_stock=False, min_together=3,
        min_share=Decimal("0.05"),
    )  # fmt: skip

    ranked = rank_by_neighbours(CART, rows, {}, {"soda"}, chat_like, 5, COUNTS)
    one = rank_by_neighbours(CART, rows, {}, (), BASKET, 1, COUNTS)

    assert [r.product.sku for r in ranked] == ["jam"]  # milk: 2 orders; butter in cart; soda no
    assert [r.product.sku for r in one] == ["jam"]


def test_curated_complements_and_best_sellers_are_candidates_and_stock_is_checked() -> None:
    phone = item("phone", "100.00", stock=5, role=Role.MAIN)
    case, glass = item("case", "19.00", stock=5), item("glass", "12.00", stock=0)
    counts = OrderCounts(1000, {"phone": 100, "case": 60, "milk": 400}, [MILK])
    rules = RankingRules(best_sellers=1)

    ranked = rank_by_neighbours([CartLine(phone, 1)], [], {"phone": [case, glass]}, (), rules, 5,
                                counts)  # fmt: skip

    assert [(r.product.sku, r.curated_with) for r in ranked] == [("case", phone)]  # milk: stock 0
    assert rank_by_neighbours([], [], {}, (), rules, 5, counts) == []


def test_relevance_keeps_a_share_at_the_threshold_and_drops_one_below() -> None:
    from bot.domain.suggest import _relevant_rows

    rules = RankingRules(min_together=1, min_share=Decimal("0.05"))
    # butter is in 100 orders: 5 together is exactly 5 %, 4 is 4 %; jam's 1 row is 0.5 %
    rows = [row(BUTTER, MILK, 5, 0.1, 0.1), row(BUTTER, SODA, 4, 0.1, 0.1),
            row(BREAD, JAM, 1, 0.1, 0.1)]  # fmt: skip

    kept = _relevant_rows(rows, COUNTS, rules)

    assert [(r.anchor.sku, r.candidate.sku) for r in kept] == [("butter", "milk")]


def test_best_sellers_fill_a_short_list_after_the_scored_candidates() -> None:
    rows = [row(BREAD, JAM, 30, 0.5, 0.05), row(BUTTER, MILK, 5, -0.2, 0.001)]
    fill = replace(BASKET, best_sellers=3)

    plain = rank_by_neighbours(CART, rows, {}, (), BASKET, 5, COUNTS)
    filled = rank_by_neighbours(CART, rows, {}, (), fill, 5, COUNTS)
    short = rank_by_neighbours(CART, rows, {}, (), fill, 2, COUNTS)

    # milk is a best seller and a candidate: ranked by its score, once; bread is in the cart
    assert [r.product.sku for r in plain] == ["jam", "milk"]
    assert [r.product.sku for r in filled] == ["jam", "milk", "soda"]
    assert [(r.product.sku, r.score) for r in filled[:2]] == [(r.product.sku, r.score)
                                                               for r in plain]  # fmt: skip
    assert filled[2].score < filled[1].score
    assert [r.product.sku for r in short] == ["jam", "milk"]  # a full list gets no filler


def test_best_sellers_do_not_shift_the_blend_of_the_listed_candidates() -> None:
    rows = [row(BREAD, JAM, 30, 0.5, 0.05), row(BREAD, MILK, 5, 0.01, 0.001),
            row(BUTTER, SODA, 2, -0.1, 0.0)]  # fmt: skip
    fill = replace(BASKET, best_sellers=3)
    counts = replace(COUNTS, best_sellers=[item("tea"), MILK, SODA])

    plain = rank_by_neighbours(CART, rows, {}, (), BASKET, 2, COUNTS)
    filled = rank_by_neighbours(CART, rows, {}, (), fill, 2, counts)
    suggestions = explain(rank_by_neighbours(CART, rows, {}, (), fill, 5, counts), CART,
                          {"jam": {"bread": 30}}, replace(counts, by_sku={**ORDERS, "tea": 10}),
                          fill)  # fmt: skip

    assert filled == plain  # tea, the top seller without a list row, does not displace one
    assert [s.product.sku for s in suggestions] == ["jam", "milk", "soda", "tea"]
    assert suggestions[-1].reason == "in 1% of all orders"  # a filler's reason is a true count
