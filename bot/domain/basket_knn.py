"""Basket-kNN over a bounded inverted index: the past baskets most like the cart vote.

Pure computation (numpy), no I/O. The index is built once from order lines
(:func:`build_basket_index`) and then answers any number of carts
(:func:`knn_scores`) without growing with the history:

- only the ``window`` most recent orders are indexed (orders sorted by their key);
- each item keeps only its ``per_item`` most recent baskets in its posting list.

So a cart of ``n`` items touches at most ``n × per_item`` postings, whatever the number of
orders. For a cart ``C`` and an indexed basket ``b`` sharing an item with it:

    similarity(b) = Σ_{i ∈ b ∩ C} idf(i)^p / √|b|        idf(i) = log(baskets / baskets holding i)
    knn(c) = Σ_{b in the K most similar} similarity(b)^q · [c ∈ b]

(K = ``neighbours``, q = ``power``, p = ``idf``, both counts over the indexed window; p = 0
is the plain overlap ``|b ∩ C|``; ties at the K-th similarity: the more recent basket). A
shared rare item says more about a basket than a shared staple (whole milk is in a quarter of
the Groceries orders); an item in every indexed basket says nothing (idf 0).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class KnnParams:
    """Size bounds and scoring of basket-kNN (chosen on a validation split of training orders).

    K and q: ``bench/tune_blend.py --search``; p: five validation carves
    (docs/recommendations.md).

    Attributes:
        neighbours: K, the most similar baskets that vote.
        power: q, a vote weighs similarity**q.
        idf: p, a shared cart item weighs idf**p in the similarity (0: plain overlap).
        per_item: Most recent baskets kept per item (bounds the work per cart).
        window: Most recent orders indexed at all (bounds the memory).
    """

    neighbours: int = 500
    power: float = 5.0
    idf: float = 1.0
    per_item: int = 2000
    window: int = 100_000


@dataclass(frozen=True)
class BasketIndex:
    """Indexed baskets and, per item, the baskets holding it (both as CSR arrays).

    Attributes:
        ids: Product id of each item column, sorted.
        column_of: Item column of each product id (a dense lookup; -1: not indexed).
        basket_ptr: Basket ``b``'s item columns are ``items[basket_ptr[b]:basket_ptr[b+1]]``.
        items: Item columns of every indexed basket.
        root: √(distinct items) of each basket.
        idf: ``log(baskets / baskets holding the item)`` of each item column (before the
            ``per_item`` cut).
        post_ptr: Item column ``i``'s baskets are ``posts[post_ptr[i]:post_ptr[i+1]]``.
        posts: Basket numbers (higher is more recent), ascending within each item.
    """

    ids: np.ndarray
    column_of: np.ndarray
    basket_ptr: np.ndarray
    items: np.ndarray
    root: np.ndarray
    idf: np.ndarray
    post_ptr: np.ndarray
    posts: np.ndarray

    @property
    def baskets(self) -> int:
        """How many baskets are indexed."""
        return int(self.basket_ptr.shape[0]) - 1


def _ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The positions ``starts[0]..ends[0]-1, starts[1]..ends[1]-1, ...`` concatenated."""
    import numpy as np

    lengths = ends - starts
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    return offsets + np.arange(int(lengths.sum()))


def _most_similar(similarity: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` largest values, in linear time; at a tie, the later positions.

    Baskets are numbered oldest first, so a tie at the K-th similarity keeps the most recent.
    """
    import numpy as np

    kth = np.partition(similarity, len(similarity) - k)[len(similarity) - k]
    above = np.flatnonzero(similarity > kth)
    tied = np.flatnonzero(similarity == kth)
    return np.concatenate([above, tied[len(tied) - (k - len(above)) :]])


def build_basket_index(
    order_keys: Iterable[int] | np.ndarray,
    product_ids: Iterable[int] | np.ndarray,
    params: KnnParams | None = None,
) -> BasketIndex:
    """Index the most recent baskets of a history.

    Args:
        order_keys: One entry per order line: an integer identifying its order; a higher key
            is a more recent order.
        product_ids: The line's product id, same length.
        params: ``per_item`` and ``window`` bound the index; defaults to :class:`KnnParams`.

    Returns:
        The index (empty for an empty history). An item twice in one order counts once.
    """
    import numpy as np

    params = params or KnnParams()
    keys = np.asarray(order_keys, dtype=np.int64)
    products = np.asarray(product_ids, dtype=np.int64)
    if keys.size:
        recent = np.unique(keys)[-params.window :]
        keep = np.isin(keys, recent)
        keys, products = keys[keep], products[keep]
    lines = np.unique(np.stack([keys, products], axis=1), axis=0).reshape(-1, 2)
    ids, columns = np.unique(lines[:, 1], return_inverse=True)
    _, basket, sizes = np.unique(lines[:, 0], return_inverse=True, return_counts=True)
    basket_ptr = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    # postings: by item, most recent basket first, cut to per_item, then ascending again
    order = np.lexsort((-basket, columns))
    by_item, newest_first = columns[order], basket[order]
    counts = np.bincount(by_item, minlength=len(ids))
    first = np.concatenate([[0], np.cumsum(counts)])[:-1]
    rank = np.arange(len(by_item)) - np.repeat(first, counts)
    kept = rank < params.per_item
    post_counts = np.minimum(counts, params.per_item)
    ascending = np.lexsort((newest_first[kept], by_item[kept]))
    column_of = np.full(int(ids.max()) + 1 if ids.size else 0, -1, dtype=np.int32)
    column_of[ids] = np.arange(len(ids), dtype=np.int32)
    return BasketIndex(
        ids=ids.astype(np.int64),
        column_of=column_of,
        basket_ptr=basket_ptr,
        items=columns.astype(np.int32).ravel(),
        root=np.sqrt(sizes.astype(np.float64)),
        idf=np.log(max(len(sizes), 1) / np.maximum(counts, 1)),
        post_ptr=np.concatenate([[0], np.cumsum(post_counts)]).astype(np.int64),
        posts=newest_first[kept][ascending].astype(np.int32),
    )


def _columns(index: BasketIndex, product_ids: Iterable[int]) -> tuple[np.ndarray, np.ndarray]:
    """``(columns, product ids)`` of the given products that the index knows (no sort)."""
    import numpy as np

    wanted = np.fromiter(product_ids, dtype=np.int64)
    wanted = wanted[(wanted >= 0) & (wanted < len(index.column_of))]
    columns = index.column_of[wanted]
    known = columns >= 0
    return columns[known], wanted[known]


def _overlaps(
    postings: np.ndarray, weights: np.ndarray, runs: int
) -> tuple[np.ndarray, np.ndarray]:
    """``(baskets, summed weight of the runs holding each)`` from ``runs`` ascending lists.

    ``weights`` has one entry per posting (the weight of the run, i.e. cart item, it is in).
    """
    import numpy as np

    if runs == 1:  # one cart item: its baskets are distinct already
        return postings, weights
    order = np.argsort(postings, kind="stable")  # timsort: merges the sorted runs
    postings, weights = postings[order], weights[order]
    starts = np.flatnonzero(np.concatenate([[True], postings[1:] != postings[:-1]]))
    return postings[starts], np.add.reduceat(weights, starts)


def knn_scores(
    index: BasketIndex,
    cart_ids: Iterable[int],
    params: KnnParams | None = None,
    among: Iterable[int] | None = None,
) -> dict[int, float]:
    """Basket-kNN votes for the items of the most similar baskets (see the module).

    Args:
        index: Built by :func:`build_basket_index`.
        cart_ids: Product ids of the cart (unknown ones are ignored).
        params: ``neighbours`` and ``power``; defaults to :class:`KnnParams`.
        among: Only these product ids' votes are wanted (``None``: every item's).

    Returns:
        ``{product id: vote}`` for items with a positive vote, the cart's items included.
    """
    import numpy as np

    params = params or KnnParams()
    columns, _ = _columns(index, cart_ids)
    columns = np.unique(columns)
    if not columns.size:
        return {}
    starts, ends = index.post_ptr[columns], index.post_ptr[columns + 1]
    postings = index.posts[_ranges(starts, ends)]
    weights = np.repeat(index.idf[columns] ** params.idf, ends - starts)
    baskets, overlap = _overlaps(postings, weights, len(columns))
    similarity = overlap / index.root[baskets]
    if len(baskets) > params.neighbours:
        best = _most_similar(similarity, params.neighbours)
        baskets, similarity = baskets[best], similarity[best]
    starts, ends = index.basket_ptr[baskets], index.basket_ptr[baskets + 1]
    spans = _ranges(starts, ends)
    weights = np.repeat(similarity**params.power, ends - starts)
    votes = np.bincount(index.items[spans], weights=weights, minlength=len(index.ids))
    if among is None:
        voted = np.flatnonzero(votes > 0)
        return dict(zip(index.ids[voted].tolist(), votes[voted].tolist(), strict=True))
    asked, ids = _columns(index, among)
    positive = votes[asked] > 0
    return dict(zip(ids[positive].tolist(), votes[asked][positive].tolist(), strict=True))
