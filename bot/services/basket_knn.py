"""Use case: basket-kNN votes for a cart, from an in-process index of recent baskets.

The index (:mod:`bot.domain.basket_knn`) is built once per process and per neighbour-list
build, not per request. A serving process (action server, shop API) calls
:func:`start_warm_up` at start-up: a daemon thread builds the index at once and then, every
:data:`POLL_SECONDS`, checks the build record and builds the next index when the lists were
rebuilt (by any process). While it builds, carts keep the previous index; the new one is
swapped in whole (a cart never sees a half-built index). Without warm-up (CLI, tests) or
before the first index exists, the first cart builds it inline: it reads the ``window`` most
recent orders' lines (one statement over the ``order_id`` index). Later carts only run the
vectorised vote, bounded by ``per_item`` baskets per cart item, and read the build record
(one primary-key row) at most once every :data:`RECHECK_SECONDS` per store.

Staleness: the index follows the neighbour lists' documented bound
(``bot/services/neighbours.py``): orders recorded since the last build are in neither. With
warm-up running it lags a rebuild by at most ``min(POLL_SECONDS, RECHECK_SECONDS after the
next cart)`` plus one index build (seconds at 100k orders: docs/benchmarks.md); meanwhile
carts are ranked with the previous build's index.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.domain.basket_knn import BasketIndex, KnnParams, build_basket_index, knn_scores
from bot.services.shop import Shop
from bot.store.db import store_engine
from bot.store.neighbours import NeighbourRepository

if TYPE_CHECKING:
    import numpy as np

KNN = KnnParams()
RECHECK_SECONDS = 1.0  # how long a checked build record is trusted (saves a read per cart)
POLL_SECONDS = 30.0  # how often a warm-up thread looks for a rebuild when no cart does

logger = logging.getLogger(__name__)

_lock = threading.Lock()
# engine -> ((build orders, built at, params), index, monotonic time of the last check)
Cached = tuple[tuple, BasketIndex, float]
_indexes: weakref.WeakKeyDictionary[Engine, Cached] = weakref.WeakKeyDictionary()
# engines whose index a background thread keeps fresh (a serving process): shop, params
_warm: weakref.WeakKeyDictionary[Engine, tuple[Shop, KnnParams]] = weakref.WeakKeyDictionary()
_building: weakref.WeakSet[Engine] = weakref.WeakSet()  # a background build under way
# engine -> no cart-triggered retry before this monotonic time (after a failed build)
_retry_after: weakref.WeakKeyDictionary[Engine, float] = weakref.WeakKeyDictionary()


def _engine(session: Session) -> Engine:
    return store_engine(session.get_bind())


def _lines(session: Session, params: KnnParams) -> np.ndarray:
    """``(order id, product id)`` rows of the window's orders (one indexed statement)."""
    import numpy as np

    lines = np.array(NeighbourRepository(session).recent_order_lines(params.window))
    return lines.astype(np.int64).reshape(-1, 2)


def _build(lines: np.ndarray, params: KnnParams) -> BasketIndex:
    """The numpy build (seconds at 100k orders): run outside any transaction when it can."""
    return build_basket_index(lines[:, 0], lines[:, 1], params)


def current_index(
    session: Session, params: KnnParams = KNN, recheck_after: float = RECHECK_SECONDS
) -> BasketIndex | None:
    """The index of this store's latest neighbour build (see the module for who builds it).

    Args:
        session: The caller's transaction.
        params: The index bounds (another ``params`` rebuilds the index).
        recheck_after: Seconds a checked build record is trusted without reading it again.

    Returns:
        The index, or ``None`` when the neighbour lists were never built or while the
        start-up warm-up is still building the first index (the cart is ranked without the
        kNN term rather than wait seconds). With warm-up running, a rebuild's new index
        replaces the previous one only once it is built.
    """
    engine = _engine(session)
    cached = _indexes.get(engine)
    if (
        cached is not None
        and cached[0][2] == params
        and time.monotonic() - cached[2] < recheck_after
    ):
        return cached[1]
    return index_of_build(session, NeighbourRepository(session).build_stamp(), params)


def index_of_build(
    session: Session, stamp: tuple[int, datetime] | None, params: KnnParams = KNN
) -> BasketIndex | None:
    """:func:`current_index` for a build record the caller has just read (no read here).

    Args:
        session: The caller's transaction (an index not built yet is built in it).
        stamp: ``(orders, built_at)`` of the build record, ``None`` if the lists were never
            built.
        params: The index bounds.
    """
    if stamp is None:
        return None
    engine = _engine(session)
    now = time.monotonic()
    key = (*stamp, params)
    with _lock:
        cached = _indexes.get(engine)
        if cached is not None and cached[0] != key and cached[0][2] == params:
            warm = _warm.get(engine)
            if warm is not None and warm[1] == params:  # keep serving the previous index
                _refresh_in_background(engine, *warm)
                _indexes[engine] = (cached[0], cached[1], now)
                return cached[1]
        if cached is None and engine in _building and engine in _warm:
            return None  # the start-up build is under way: rank without the term meanwhile
        if cached is None or cached[0] != key:
            cached = (key, _build(_lines(session, params), params), now)
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


def votes_of_build(
    session: Session,
    stamp: tuple[int, datetime] | None,
    cart_ids: Iterable[int],
    among: Iterable[int] | None = None,
    params: KnnParams = KNN,
) -> dict[int, float]:
    """:func:`cart_votes` for a build record the caller has just read (no read of it here)."""
    index = index_of_build(session, stamp, params)
    return {} if index is None else knn_scores(index, cart_ids, params, among)


def refresh(shop: Shop, params: KnnParams = KNN) -> int:
    """Build the index of the latest neighbour build now, unless it is built already.

    Carts keep the index they have until the new one is stored (one assignment).

    Returns:
        How many baskets the current index holds (0 without neighbour lists).
    """
    with shop.read_factory.begin() as session:  # a snapshot: carts and checkouts go on
        stamp = NeighbourRepository(session).build_stamp()
        if stamp is None:
            return 0
        key = (*stamp, params)
        cached = _indexes.get(shop.engine)
        if cached is not None and cached[0] == key:
            return cached[1].baskets
        lines = _lines(session, params)
    index = _build(lines, params)  # outside the transaction: carts and checkouts go on
    with _lock:
        _indexes[shop.engine] = (key, index, time.monotonic())
    return index.baskets


def warm_up(shop: Shop, params: KnnParams = KNN) -> int:
    """Build the index now, in the caller's thread (a benchmark, a test, a start-up hook).

    Returns:
        How many baskets it holds (0 without neighbour lists).
    """
    return refresh(shop, params)


def _refresh_quietly(shop: Shop, params: KnnParams) -> None:
    """:func:`refresh`, logging a failure: carts then keep the index they have (or build it)."""
    try:
        before = _indexes.get(shop.engine)
        baskets = refresh(shop, params)
        if _indexes.get(shop.engine) is not before:  # a new index, not a poll's no-op
            logger.info("basket-kNN index ready: %d baskets", baskets)
    except Exception:  # noqa: BLE001 - a warm-up must never take the process down
        logger.exception("basket-kNN warm-up failed; carts keep the current index or build it")
        _retry_after[shop.engine] = time.monotonic() + POLL_SECONDS
    finally:
        with _lock:
            _building.discard(shop.engine)


def _refresh_in_background(engine: Engine, shop: Shop, params: KnnParams) -> None:
    """Start one background refresh for the store (none when one is under way). Holds _lock."""
    if engine in _building or time.monotonic() < _retry_after.get(engine, 0.0):
        return
    _building.add(engine)
    threading.Thread(
        target=_refresh_quietly, args=(shop, params), name="knn-refresh", daemon=True
    ).start()


def after_rebuild(shop: Shop, params: KnnParams = KNN) -> None:
    """Called after this process rebuilt the lists: refresh the index in the background.

    Only a process that warms its index (:func:`start_warm_up`) does it; elsewhere (a CLI
    command) nobody would use the index.
    """
    with _lock:
        if shop.engine in _warm:
            _refresh_in_background(shop.engine, *_warm[shop.engine])


def start_warm_up(
    shop: Shop,
    params: KnnParams = KNN,
    poll_seconds: float = POLL_SECONDS,
    stop: threading.Event | None = None,
    on_done: Callable[[], None] | None = None,
) -> threading.Thread:
    """Build the index in a daemon thread now, then keep it fresh (a serving process's start).

    Start-up is not blocked; until the index is built, a cart builds it itself (as without
    warm-up). A failure is logged and retried at the next poll.

    Args:
        shop: The store to index.
        params: The index bounds the carts use.
        poll_seconds: How often the thread checks the build record for a rebuild.
        stop: Set it to end the thread (tests); ``None``: runs as long as the process.
        on_done: Called after the first build attempt, failed or not (tests).

    Returns:
        The started thread.
    """
    stop = stop or threading.Event()
    with _lock:
        _warm[shop.engine] = (shop, params)
        _building.add(shop.engine)

    def run() -> None:
        _refresh_quietly(shop, params)
        if on_done is not None:
            on_done()
        while not stop.wait(poll_seconds):
            with _lock:
                if shop.engine in _building:
                    continue
                _building.add(shop.engine)
            _refresh_quietly(shop, params)
        with _lock:  # stopped: carts build the index themselves again
            _warm.pop(shop.engine, None)

    thread = threading.Thread(target=run, name="knn-warm-up", daemon=True)
    thread.start()
    return thread
