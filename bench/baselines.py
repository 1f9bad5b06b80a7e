"""Baseline rankers for the quality benchmark, built from the training baskets only."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import combinations
from math import comb

import numpy as np
import pandas as pd
from mlxtend.frequent_patterns import association_rules, fpgrowth

Basket = list[str]
Ranker = Callable[[Basket], list[str]]
DEPTH = 10


def matrix(history: Sequence[Basket], skus: Sequence[str]) -> np.ndarray:
    index = {sku: i for i, sku in enumerate(skus)}
    x = np.zeros((len(history), len(skus)), dtype=np.float64)
    for row, basket in enumerate(history):
        x[row, [index[s] for s in basket]] = 1.0
    return x


def top(scores: np.ndarray, skus: Sequence[str], cart: Basket, index: dict[str, int]) -> list[str]:
    scores = scores.copy()
    scores[[index[s] for s in cart if s in index]] = -np.inf
    order = np.lexsort((np.arange(len(skus)), -scores))[:DEPTH]
    return [skus[i] for i in order if np.isfinite(scores[i])]


def popularity_and_confidence(history: Sequence[Basket]) -> tuple[Ranker, Ranker, np.ndarray]:
    skus = sorted({s for b in history for s in b})
    index = {s: i for i, s in enumerate(skus)}
    x = matrix(history, skus)
    co = x.T @ x
    counts = np.diag(co).copy()
    np.fill_diagonal(co, 0)
    confidence = co / np.maximum(counts, 1)[:, None]

    def popularity(cart: Basket) -> list[str]:
        return top(counts, skus, cart, index)

    def confidence_sum(cart: Basket) -> list[str]:
        rows = [index[s] for s in cart if s in index]
        return top(confidence[rows].sum(0) + 1e-9 * counts, skus, cart, index)

    return popularity, confidence_sum, x


def mlxtend_rules(history: Sequence[Basket], popularity: Ranker, min_support: float) -> Ranker:
    """Best matching rule's confidence (antecedent within the cart), popularity as fallback."""
    skus = sorted({s for b in history for s in b})
    onehot = pd.DataFrame(matrix(history, skus).astype(bool), columns=skus)
    itemsets = fpgrowth(onehot, min_support=min_support, use_colnames=True)
    rules = association_rules(itemsets, metric="confidence", min_threshold=0.0)
    rules = rules[rules["consequents"].apply(len) == 1]
    by_antecedent: dict[frozenset[str], list[tuple[str, float]]] = {}
    for antecedent, consequent, confidence in zip(
        rules["antecedents"], rules["consequents"], rules["confidence"], strict=True
    ):
        by_antecedent.setdefault(frozenset(antecedent), []).append(
            (next(iter(consequent)), float(confidence))
        )
    longest = max((len(a) for a in by_antecedent), default=0)

    def matching(cart: Basket) -> list[tuple[str, float]]:
        items = set(cart)
        subsets = sum(comb(len(items), n) for n in range(1, longest + 1))
        if subsets > len(by_antecedent):  # a big cart: test every rule instead
            return [m for a, ms in by_antecedent.items() if a <= items for m in ms]
        found = []
        for size in range(1, min(longest, len(items)) + 1):
            for subset in combinations(sorted(items), size):
                found += by_antecedent.get(frozenset(subset), [])
        return found

    def rank(cart: Basket) -> list[str]:
        best: dict[str, float] = {}
        for consequent, confidence in matching(cart):
            if consequent not in cart and confidence > best.get(consequent, -1.0):
                best[consequent] = confidence
        ranked = sorted(best, key=lambda s: (-best[s], s))[:DEPTH]
        return ranked + [s for s in popularity(cart) if s not in best][: DEPTH - len(ranked)]

    rank.rule_count = len(rules)  # type: ignore[attr-defined]
    return rank


def ease_weights(x: np.ndarray, weight: float = 500.0) -> np.ndarray:
    """The closed-form item-item linear model EASE (Steck, 2019): needs an items² inverse."""
    gram = x.T @ x + weight * np.eye(x.shape[1])
    inverse = np.linalg.inv(gram)
    b = -inverse / np.diag(inverse)
    np.fill_diagonal(b, 0.0)
    return b


def rp3beta_weights(x: np.ndarray, alpha: float = 0.75, beta: float = 0.4) -> np.ndarray:
    """RP3beta (Paudel et al., 2017): item → basket → item walk, popularity damped by β."""
    sizes = np.maximum(x.sum(1, keepdims=True), 1)
    degree = np.maximum(x.sum(0), 1)
    walk = ((x / degree).T ** alpha) @ ((x / sizes) ** alpha) / degree**beta
    np.fill_diagonal(walk, 0.0)
    return walk


def basket_knn_scores(x: np.ndarray, neighbours: int = 700, power: float = 3.0):
    """Basket-kNN: the ``neighbours`` training baskets most like the cart vote, sim^power.

    Similarity is the overlap with the cart over √(basket size).
    """
    root = np.sqrt(np.maximum(x.sum(1), 1))
    k = min(neighbours, x.shape[0] - 1)

    def scores(rows: list[int]) -> np.ndarray:
        similarity = x[:, rows].sum(1) / root
        nearest = np.argpartition(-similarity, k)[:k]
        return (similarity[nearest] ** power) @ x[nearest]

    return scores


def standardised(scores: np.ndarray) -> np.ndarray:
    spread = scores.std()
    return (scores - scores.mean()) / (spread if spread > 0 else 1.0)


def matrix_rankers(x: np.ndarray, skus: Sequence[str]) -> dict[str, Ranker]:
    """EASE, RP3beta, basket-kNN and the issue's per-cart standardised blend of them."""
    index = {s: i for i, s in enumerate(skus)}
    ease_b, walk = ease_weights(x), rp3beta_weights(x)
    knn = basket_knn_scores(x)
    log_pop = np.log1p(x.sum(0))

    def ranker(score) -> Ranker:
        def rank(cart: Basket) -> list[str]:
            return top(score([index[s] for s in cart if s in index]), skus, cart, index)

        return rank

    def blend(rows: list[int]) -> np.ndarray:
        return (
            standardised(ease_b[rows].sum(0)) + 0.5 * standardised(walk[rows].sum(0))
            + standardised(knn(rows)) + 0.1 * standardised(log_pop)
        )  # fmt: skip

    return {
        "EASE λ=500": ranker(lambda rows: ease_b[rows].sum(0)),
        "RP3beta α=0.75 β=0.4": ranker(lambda rows: walk[rows].sum(0)),
        "basket-kNN K=700 q=3": ranker(knn),
        "blend EASE+0.5·RP3beta+kNN+0.1·pop": ranker(blend),
    }


def baselines(history: Sequence[Basket], min_support: float = 0.001) -> dict[str, Ranker]:
    """The issue's baselines: popularity, confidence sum, mlxtend rules, EASE, RP3beta,
    basket-kNN and their blend (the last four need the items × items matrix or every basket:
    fine for 169 items, not for a 50k catalog).
    """
    popularity, confidence_sum, x = popularity_and_confidence(history)
    skus = sorted({s for b in history for s in b})
    return {
        "popularity": popularity,
        "confidence sum": confidence_sum,
        "mlxtend rules": mlxtend_rules(history, popularity, min_support),
        **matrix_rankers(x, skus),
    }
