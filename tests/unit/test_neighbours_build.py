import numpy as np
import pytest

from bot.domain.neighbours import NeighbourParams, build_neighbours

BASKETS = [[1, 2], [1, 2, 3], [1, 2], [1, 4], [2, 3], [3, 4, 5], [1, 2, 3], [5], [2, 5]]


def lines(baskets):
    keys = [order for order, basket in enumerate(baskets) for _ in basket]
    ids = [product for basket in baskets for product in basket]
    return np.array(keys), np.array(ids)


def matrix(baskets, n=5):
    x = np.zeros((len(baskets), n))
    for row, basket in enumerate(baskets):
        x[row, [p - 1 for p in basket]] = 1
    return x


def as_dict(lists):
    return {(int(a), int(b)): (int(r), int(t), e, w) for a, b, r, t, e, w in zip(
        lists.anchor, lists.neighbour, lists.rank, lists.together, lists.ease, lists.walk,
        strict=True)}  # fmt: skip


def test_partners_are_the_most_co_purchased_items_in_order() -> None:
    lists = build_neighbours(*lines(BASKETS), NeighbourParams(k=2))
    rows = as_dict(lists)

    of_one = sorted((r, b, t) for (a, b), (r, t, _, _) in rows.items() if a == 1)
    assert of_one == [(0, 2, 4), (1, 3, 2)]  # 1 with 2 in 4 orders, with 3 in 2 (4: 1, tie lost)
    assert all(r < 2 for r, _, _, _ in rows.values())


def test_with_every_item_as_partner_the_sparse_ease_is_the_full_ease() -> None:
    lam, baskets = 2.0, [*BASKETS, [1, 2, 3, 4, 5]]  # every pair bought together at least once
    lists = build_neighbours(*lines(baskets), NeighbourParams(k=10, fit_k=10, ease_lambda=lam))
    x = matrix(baskets)
    inverse = np.linalg.inv(x.T @ x + lam * np.eye(5))
    full = -inverse / np.diag(inverse)

    rows = as_dict(lists)
    assert len(rows) == 20
    for (a, b), (_, _, ease, _) in rows.items():
        assert ease == pytest.approx(full[a - 1, b - 1])


def test_walk_is_rp3beta() -> None:
    alpha, beta = 0.8, 0.3
    lists = build_neighbours(*lines(BASKETS), NeighbourParams(walk_alpha=alpha, walk_beta=beta))
    x = matrix(BASKETS)
    degree, sizes = x.sum(0), x.sum(1, keepdims=True)
    walk = ((x / degree).T ** alpha) @ ((x / sizes) ** alpha) / degree**beta

    for (a, b), (_, together, _, w) in as_dict(lists).items():
        assert w == pytest.approx(walk[a - 1, b - 1])
        assert together == int((x[:, a - 1] * x[:, b - 1]).sum())


def test_duplicate_lines_count_once_and_empty_histories_give_no_rows() -> None:
    once = as_dict(build_neighbours(*lines(BASKETS)))
    twice = as_dict(build_neighbours(*lines([b + b[:1] for b in BASKETS])))

    assert once.keys() == twice.keys()
    assert all(once[k][:2] == twice[k][:2] for k in once)
    assert len(build_neighbours(np.array([]), np.array([]))) == 0
    assert len(build_neighbours(*lines([[1], [2], [1]]))) == 0  # no order held two items
