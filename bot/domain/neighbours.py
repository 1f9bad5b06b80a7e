"""Top-k neighbour lists from order baskets: a sparse EASE and RP3beta, computed offline.

Pure computation (numpy + scipy), no I/O. The store rebuilds the lists from its order lines
(``bot/services/neighbours.py``) and the ranking sums them over a cart
(``bot/domain/blend.py``). Nothing here inverts an items × items matrix: every item gets a
ridge regression over its ``k`` strongest co-purchase partners only, so the work grows with
``items × k³`` and the memory with the number of co-purchased pairs.

Definitions (``X`` is the orders × items 0/1 matrix, ``G = XᵀX`` the co-purchase counts,
``|u|`` the number of distinct items of order ``u``, ``deg(i)`` the orders holding ``i``):

- **partners** of ``i``: the ``k`` items most often bought with ``i`` (ties: lower index).
- **sparse EASE** (Steck 2019, restricted to partners): column ``j`` solves
  ``(G[N,N] + λI) b = G[N,j]`` over ``N`` = the ``fit_k`` strongest partners of ``j``;
  ``ease(i, j) = b[i]``.
- **RP3beta** (Paudel et al. 2017): ``walk(i, j) = Σ_u X_ui X_uj |u|^-α · deg(i)^-α ·
  deg(j)^-β``: a three-step random walk item → order → item, its popularity damped by β.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class NeighbourParams:
    """Hyper-parameters of the lists (chosen on a validation split of training orders).

    Attributes:
        k: Partners kept per item (rows per anchor in the table).
        fit_k: Partners each item's EASE column is regressed on (``>= k`` is best).
        ease_lambda: Ridge penalty λ of the sparse EASE.
        walk_alpha: RP3beta's α (1: plain transition probabilities).
        walk_beta: RP3beta's β (popularity damping of the target item).
    """

    k: int = 50
    fit_k: int = 100
    ease_lambda: float = 200.0
    walk_alpha: float = 1.0
    walk_beta: float = 0.5


@dataclass(frozen=True)
class NeighbourLists:
    """Parallel arrays, one entry per (anchor, neighbour) row, anchors' partners in order.

    Attributes:
        anchor: Product id of the cart item the row is read for.
        neighbour: Product id of the candidate.
        rank: 0 for the anchor's strongest partner, then 1, 2, ...
        together: Orders that held both (when the lists were built).
        ease: Sparse EASE weight of the anchor for the candidate (may be negative).
        walk: RP3beta weight (≥ 0).
    """

    anchor: np.ndarray
    neighbour: np.ndarray
    rank: np.ndarray
    together: np.ndarray
    ease: np.ndarray
    walk: np.ndarray

    def __len__(self) -> int:
        return int(self.anchor.shape[0])


def _basket_matrix(order_keys: np.ndarray, product_ids: np.ndarray):
    """``(X, product ids)``: the orders × items 0/1 CSR matrix and its column's product ids."""
    import numpy as np
    from scipy import sparse

    ids, column = np.unique(product_ids, return_inverse=True)
    _, row = np.unique(order_keys, return_inverse=True)
    ones = np.ones(len(column), dtype=np.float64)
    x = sparse.csr_matrix((ones, (row, column)), shape=(int(row.max()) + 1, len(ids)))
    x.data[:] = 1.0  # an item twice in one order counts once
    return x, ids


def _partners(gram, k: int) -> list[np.ndarray]:
    """For every item, the column indexes of its ``k`` most co-purchased partners."""
    import numpy as np

    found = []
    for i in range(gram.shape[0]):
        start, end = gram.indptr[i], gram.indptr[i + 1]
        cols, counts = gram.indices[start:end], gram.data[start:end]
        keep = cols != i
        cols, counts = cols[keep], counts[keep]
        order = np.lexsort((cols, -counts))[:k]
        found.append(cols[order])
    return found


def _block(gram, near: np.ndarray, j: int, position: np.ndarray) -> tuple:
    """``(G[N, N], G[N, j])`` as dense arrays, read from the CSR rows of ``N`` directly.

    ``position`` maps a column to its place in ``near`` (-1 elsewhere); it is set on entry.
    """
    import numpy as np

    starts, ends = gram.indptr[near], gram.indptr[near + 1]
    spans = list(zip(starts.tolist(), ends.tolist(), strict=True))
    columns = np.concatenate([gram.indices[a:b] for a, b in spans])
    data = np.concatenate([gram.data[a:b] for a, b in spans])
    row = np.repeat(np.arange(len(near)), ends - starts)
    col = position[columns]
    block = np.zeros((len(near), len(near)))
    keep = col >= 0
    block[row[keep], col[keep]] = data[keep]
    target = np.zeros(len(near))
    at_j = columns == j
    target[row[at_j]] = data[at_j]
    return block, target


def _sparse_ease(gram, partners: list[np.ndarray], penalty: float):
    """A CSR matrix ``E[i, j]``: column ``j`` regressed on its partners only.

    Each block ``G[N, N]`` is read from the CSR rows of ``N`` through a column map (no scipy
    fancy-indexing per item) and solved on one BLAS thread (many small solves).
    """
    import numpy as np
    from scipy import sparse
    from threadpoolctl import threadpool_limits

    size = gram.shape[0]
    position = np.full(size, -1, dtype=np.int64)
    rows, cols, values = [], [], []
    with threadpool_limits(1):
        for j, near in enumerate(partners):
            if not len(near):
                continue
            position[near] = np.arange(len(near))
            block, target = _block(gram, near, j, position)
            position[near] = -1
            block[np.diag_indices_from(block)] += penalty
            rows.append(near)
            cols.append(np.full(len(near), j))
            values.append(np.linalg.solve(block, target))
    if not rows:
        return sparse.csr_matrix((size, size))
    flat = np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))
    return sparse.csr_matrix(flat, shape=(size, size))


def build_neighbours(
    order_keys: np.ndarray, product_ids: np.ndarray, params: NeighbourParams | None = None
) -> NeighbourLists:
    """Build every item's top-k neighbour list from order lines.

    Args:
        order_keys: One entry per order line: any integer that identifies its order.
        product_ids: The line's product id, same length.
        params: Hyper-parameters; defaults to :class:`NeighbourParams`.

    Returns:
        The rows to store: for each product, its ``k`` most co-purchased partners with their
        sparse-EASE and RP3beta weights. Empty for a history without any order.
    """
    import numpy as np
    from scipy import sparse

    params = params or NeighbourParams()
    empty = np.zeros(0, dtype=np.int64)
    nothing = NeighbourLists(empty, empty, empty, empty, empty.astype(float), empty.astype(float))
    if len(product_ids) == 0:
        return nothing
    x, ids = _basket_matrix(np.asarray(order_keys), np.asarray(product_ids))
    gram = (x.T @ x).tocsr()
    sizes = np.asarray(x.sum(axis=1)).ravel()
    degree = np.asarray(x.sum(axis=0)).ravel()
    walked = (x.T @ sparse.diags(sizes**-params.walk_alpha) @ x).tocsr()
    fitted = _partners(gram, max(params.fit_k, params.k))
    ease = _sparse_ease(gram, fitted, params.ease_lambda)
    partners = [near[: params.k] for near in fitted]
    if not any(len(near) for near in partners):  # no order held two items
        return nothing
    anchor = np.concatenate([np.full(len(p), i, dtype=np.int64) for i, p in enumerate(partners)])
    near = np.concatenate(partners).astype(np.int64) if partners else anchor
    rank = np.concatenate([np.arange(len(p)) for p in partners])
    together = np.asarray(gram[anchor, near]).ravel()
    walk = (
        np.asarray(walked[anchor, near]).ravel()
        * degree[anchor] ** -params.walk_alpha
        * degree[near] ** -params.walk_beta
    )
    eases = np.asarray(ease[anchor, near]).ravel()
    return NeighbourLists(
        anchor=ids[anchor],
        neighbour=ids[near],
        rank=rank,
        together=together.astype(np.int64),
        ease=eases,
        walk=walk,
    )
