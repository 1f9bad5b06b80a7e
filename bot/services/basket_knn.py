"""Use case: basket-kNN votes for a cart, from an in-process index of recent baskets.

The index (:mod:`bot.domain.basket_knn`) is built once per process and per neighbour-list
build, not per request: the first cart after a rebuild (or :func:`warm_up` at start-up)
reads the ``window`` most recent orders' lines (one statement over the ``order_id`` index)
and builds it; later carts only run the vectorised vote, bounded by ``per_item`` baskets per
cart item, and read the build record (one primary-key row) at most once every
:data:`RECHECK_SECONDS` per store.

Staleness: the index is refreshed when the neighbour lists are rebuilt (the build record
changes; noticed within :data:`RECHECK_SECONDS`), so it follows the lists' documented bound
(``bot/services/neighbours.py``): orders recorded since the last build are not in it yet,
exactly as they are not in the lists.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Iterable

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.domain.basket_knn import BasketIndex, KnnParams, build_basket_index, knn_scores
from bot.services.shop import Shop
from bot.store.neighbours import NeighbourRepository

KNN = KnnParams()
RECHECK_SECONDS = 1.0  # how long a checked build record is trusted (saves a read per cart)

_lock = threading.Lock()
# engine -> ((build orders, built at, params), index, monotonic time of the last check)
Cached = tuple[tuple, BasketIndex, float]
_indexes: weakref.WeakKeyDictionary[Engine, Cached] = weakref.WeakKeyDictionary()


def _engine(session: Session) -> Engine:
    bind = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def current_index(
    session: Session, params: KnnParams = KNN, recheck_after: float = RECHECK_SECONDS
) -> BasketIndex | None:
    """The index of this store's latest neighbour build, built now if the build changed.

    Args:
        session: The caller's transaction.
        params: The index bounds (another ``params`` rebuilds the index).
        recheck_after: Seconds a checked build record is trusted without reading it again.

    Returns:
        The index, or ``None`` when the neighbour lists were never built.
    """
    engine = _engine(session)
    cached = _indexes.get(engine)
    now = time.monotonic()
    if cached is not None and cached[0][2] == params and now - cached[2] < recheck_after:
        return cached[1]
    repository = NeighbourRepository(session)
    stamp = repository.build_stamp()
    if stamp is None:
        return None
    key = (*stamp, params)
    with _lock:
        cached = _indexes.get(engine)
        if cached is None or cached[0] != key:
            import numpy as np

            lines = np.array(repository.recent_order_lines(params.window), dtype=np.int64)
            lines = lines.reshape(-1, 2)
            cached = (key, build_basket_index(lines[:, 0], lines[:, 1], params), now)
        _indexes[engine] = (key, cached[1], now)
        return cached[1]


def cart_votes(
    session: Session,
    cart_ids: Iterable[int],
    among: Iterable[int] | None = None,
    params: KnnParams = KNN,
) -> dict[int, float]:
    """Basket-kNN votes ``{product id: vote}`` for a cart of product ids ({} without lists).

    ``among``: only these candidates' votes (``None``: every voted item's).
    """
    index = current_index(session, params)
    return {} if index is None else knn_scores(index, cart_ids, params, among)


def warm_up(shop: Shop, params: KnnParams = KNN) -> int:
    """Build the index now (e.g. at start-up), so no cart pays for it.

    Returns:
        How many baskets it holds (0 without neighbour lists).
    """
    with shop.session_factory.begin() as session:
        index = current_index(session, params)
        return 0 if index is None else index.baskets
