"""Basket-kNN over a bounded index, checked against hand-computed votes."""

import math
from decimal import Decimal

import pytest

from bot.domain.basket_knn import KnnParams, build_basket_index, knn_scores
from bot.domain.blend import BlendWeights, Neighbour, blend_scores
from bot.domain.models import Product

A, B, C, D, E = 1, 2, 3, 4, 5
# order key -> items; a higher key is a more recent order
HISTORY = {10: [A, B], 20: [A, B, C], 30: [B, D], 40: [A, C, D, E]}


def index(history=HISTORY, **bounds):
    keys = [key for key, items in history.items() for _ in items]
    ids = [item for items in history.values() for item in items]
    return build_basket_index(keys, ids, KnnParams(**bounds))


def votes(cart, neighbours=700, power=1.0, idf=0.0, **bounds):
    params = KnnParams(neighbours=neighbours, power=power, idf=idf)
    return knn_scores(index(**bounds), cart, params)


R2, R3 = 1 / math.sqrt(2), 1 / math.sqrt(3)


def test_the_k_most_similar_baskets_vote_with_their_similarity() -> None:
    # cart {A}: order 10 has similarity 1/√2, order 20 1/√3, order 40 1/√4 = 0.5; K = 2
    found = votes([A], neighbours=2)

    assert found == pytest.approx({A: R2 + R3, B: R2 + R3, C: R3})  # order 40 is cut


def test_a_vote_weighs_similarity_to_the_power_q() -> None:
    found = votes([A], neighbours=3, power=2.0)

    # squares: 1/2, 1/3, 1/4
    assert found == pytest.approx(
        {A: 1 / 2 + 1 / 3 + 1 / 4, B: 1 / 2 + 1 / 3, C: 1 / 3 + 1 / 4, D: 1 / 4, E: 1 / 4}
    )


def test_a_basket_sharing_more_of_the_cart_is_more_similar() -> None:
    # cart {A, D}: order 40 shares both (2/√4 = 1.0), the others one item (≤ 1/√2)
    assert votes([A, D], neighbours=1) == pytest.approx({A: 1.0, C: 1.0, D: 1.0, E: 1.0})


def test_a_tie_at_the_kth_similarity_keeps_the_more_recent_basket() -> None:
    # cart {B}: orders 10 and 30 both 1/√2; K = 1 keeps order 30
    assert votes([B], neighbours=1) == pytest.approx({B: R2, D: R2})


def test_each_item_keeps_only_its_most_recent_baskets() -> None:
    # per_item 1: A's posting list is order 40 only
    assert votes([A], per_item=1) == pytest.approx({A: 0.5, C: 0.5, D: 0.5, E: 0.5})
    assert index(per_item=1).posts.size == 5  # A, B, C, D, E: one basket each


def test_only_the_most_recent_orders_are_indexed() -> None:
    bounded = index(window=2)

    assert bounded.baskets == 2  # orders 30 and 40
    assert knn_scores(bounded, [A], KnnParams(power=1.0, idf=0.0)) == pytest.approx(
        {A: 0.5, C: 0.5, D: 0.5, E: 0.5}
    )


def test_an_item_twice_in_an_order_counts_once_and_unknown_items_are_ignored() -> None:
    doubled = {10: [A, B, A], 20: [A, B, C], 30: [B, D], 40: [A, C, D, E]}
    built = index(doubled)

    assert built.root.tolist() == pytest.approx([math.sqrt(n) for n in (2, 3, 2, 4)])
    found = knn_scores(built, [A, 99], KnnParams(neighbours=2, power=1.0, idf=0.0))
    assert found == pytest.approx({A: R2 + R3, B: R2 + R3, C: R3})


def test_only_the_asked_candidates_votes_are_returned() -> None:
    found = knn_scores(index(), [A], KnnParams(neighbours=2, power=1.0, idf=0.0), among=[C, D, 99])

    assert found == pytest.approx({C: R3})  # D's only basket is cut by K; 99 is unknown


def test_the_index_knows_each_items_inverse_document_frequency() -> None:
    # 4 baskets: A and B in 3, C and D in 2, E in 1
    assert index().idf.tolist() == pytest.approx(
        [math.log(4 / 3), math.log(4 / 3), math.log(2), math.log(2), math.log(4)]
    )


def test_a_shared_rare_item_outweighs_a_shared_staple_with_idf() -> None:
    # cart {B, E}: plain overlap, orders 10 and 30 (B, 1/√2) beat order 40 (E, 1/√4);
    # with idf, order 40 (log 4 / 2) beats them (log(4/3) / √2)
    assert votes([B, E], neighbours=1) == pytest.approx({B: R2, D: R2})
    with_idf = votes([B, E], neighbours=1, idf=1.0)
    assert with_idf == pytest.approx(dict.fromkeys([A, C, D, E], math.log(4) / 2))


def test_idf_weighs_each_shared_item_in_the_similarity() -> None:
    # cart {A, D}, K = 1, q = 1: order 40 shares both, (log(4/3) + log 2) / √4
    found = votes([A, D], neighbours=1, idf=1.0)

    assert found == pytest.approx(dict.fromkeys([A, C, D, E], (math.log(4 / 3) + math.log(2)) / 2))


def test_an_item_in_every_basket_says_nothing_with_idf() -> None:
    # A is in 3 of 4 baskets here: order 10 is the most similar, log(4/3) / √2
    rare_enough = votes([A], neighbours=1, idf=1.0)
    assert rare_enough == pytest.approx({A: math.log(4 / 3) * R2, B: math.log(4 / 3) * R2})
    everywhere = index({1: [A, B], 2: [A, C]})

    assert knn_scores(everywhere, [A], KnnParams(power=1.0, idf=1.0)) == {}
    assert knn_scores(everywhere, [A], KnnParams(power=1.0, idf=0.0)) == pytest.approx(
        {A: 2 * R2, B: R2, C: R2}
    )


def test_empty_history_or_cart_votes_nothing() -> None:
    assert knn_scores(index({}), [A]) == {}
    assert knn_scores(index(), []) == {}
    assert knn_scores(index(), [99]) == {}


def _product(sku: str) -> Product:
    return Product(sku, sku, "misc", Decimal(0))


def test_the_knn_term_is_standardised_and_weighted_in_the_blend() -> None:
    bread, jam, soda = _product("bread"), _product("jam"), _product("soda")
    rows = [Neighbour(bread, jam, 5, 0.2, 0.1, 50), Neighbour(bread, soda, 5, 0.2, 0.1, 50)]

    plain = blend_scores(rows, BlendWeights(knn=0.5))
    voted = blend_scores(rows, BlendWeights(knn=0.5), knn={"jam": 3.0, "soda": 1.0})

    # equal on every list term (z = 0); the knn z-scores are +1 / -1, weighted 0.5
    assert plain == pytest.approx({"jam": 0.0, "soda": 0.0})
    assert voted == pytest.approx({"jam": 0.5, "soda": -0.5})
