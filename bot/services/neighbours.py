"""Use case: rebuild the precomputed neighbour lists from the order history.

Decision: a **scheduled rebuild with a staleness bound**, not an incremental update. Orders
recorded at checkout update the co-purchase counts at once (they drive relevance filters and
reasons, so a reason is always true of the live history); the neighbour lists (the ranking's
weights: a ridge regression per item over its partners) are rebuilt whole, in one
transaction: after every bulk import, after an import that grew the history by
:data:`REBUILD_GROWTH` or more, and by ``python -m bot rebuild-neighbours --if-stale`` run
from cron (hourly). That command rebuilds when the lists are missing, when the history grew
by :data:`REBUILD_GROWTH` since the build, or when they are older than :data:`MAX_AGE` and
any order came in since. Bound: the lists never miss more than 10 % of the history for
longer than the cron period, nor any order for longer than ``MAX_AGE`` + the cron period +
one rebuild (at 1M orders / 50k SKUs a rebuild takes minutes: docs/benchmarks.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy.orm import Session

from bot.domain.neighbours import NeighbourParams, build_neighbours
from bot.services.basket_knn import after_rebuild
from bot.services.shop import Shop
from bot.store.neighbours import NeighbourRepository
from bot.store.statistics import StatisticsRepository

REBUILD_GROWTH = 0.10
MAX_AGE = timedelta(hours=24)


@dataclass(frozen=True)
class RebuildReport:
    """What a rebuild wrote: rows, products with a list, and the orders it counted."""

    rows: int
    products: int
    orders: int


def rebuild_in(session: Session, params: NeighbourParams | None = None) -> RebuildReport:
    """Rebuild every neighbour list inside the caller's transaction."""
    import numpy as np

    repository = NeighbourRepository(session)
    lines = np.array(repository.order_lines(), dtype=np.int64).reshape(-1, 2)
    lists = build_neighbours(lines[:, 0], lines[:, 1], params)
    orders = StatisticsRepository(session).total_orders()
    rows = zip(
        lists.anchor.tolist(), lists.rank.tolist(), lists.neighbour.tolist(),
        lists.together.tolist(), lists.ease.tolist(), lists.walk.tolist(), strict=True,
    )  # fmt: skip
    written = repository.replace(rows, orders)
    return RebuildReport(written, len(set(lists.anchor.tolist())), orders)


def rebuild_neighbours(shop: Shop, params: NeighbourParams | None = None) -> RebuildReport:
    """Rebuild every neighbour list in one transaction (readers see the old or the new lists).

    Returns:
        Rows written, products with a list, and orders in the statistics it was built from.
    """
    with shop.session_factory.begin() as session:
        report = rebuild_in(session, params)
    after_rebuild(shop)  # a serving process builds its basket-kNN index ahead of the carts
    return report


def needs_rebuild(session: Session) -> bool:
    """Whether the history grew by :data:`REBUILD_GROWTH` or more since the last build."""
    build = NeighbourRepository(session).last_build()
    orders = StatisticsRepository(session).total_orders()
    if build is None:
        return orders > 0
    return orders - build.orders >= REBUILD_GROWTH * max(build.orders, 1)


def is_stale(session: Session, now: datetime | None = None, max_age: timedelta = MAX_AGE) -> bool:
    """Whether a scheduled rebuild is due (see the module's staleness bound).

    Due when the lists were never built (and there are orders), when the history grew by
    :data:`REBUILD_GROWTH` since the build, or when the build is ``max_age`` old and any order
    came in since.
    """
    if needs_rebuild(session):
        return True
    build = NeighbourRepository(session).last_build()
    if build is None:
        return False
    newer = StatisticsRepository(session).total_orders() != build.orders
    return newer and _utc(now or datetime.now(timezone.utc)) - _utc(build.built_at) >= max_age


def _utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; the store keeps UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def rebuild_if_stale(
    shop: Shop, now: datetime | None = None, max_age: timedelta = MAX_AGE
) -> RebuildReport | None:
    """Rebuild in one transaction when :func:`is_stale`; ``None`` when the lists are fresh."""
    with shop.session_factory.begin() as session:
        if not is_stale(session, now, max_age):
            return None
        report = rebuild_in(session)
    after_rebuild(shop)
    return report
