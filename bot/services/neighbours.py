"""Use case: rebuild the precomputed neighbour lists from the order history.

Staleness bound: orders recorded at checkout update the co-purchase counts at once (they
drive relevance filters and reasons), while the neighbour lists (the ranking's weights) are
rebuilt whole: after every bulk import, after an incremental import that grew the history by
:data:`REBUILD_GROWTH` or more since the last build, and by ``python -m bot
rebuild-neighbours`` (run it from cron, e.g. nightly: the lists then lag at most one day).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.domain.neighbours import NeighbourParams, build_neighbours
from bot.services.shop import Shop
from bot.store.neighbours import NeighbourRepository
from bot.store.statistics import StatisticsRepository

REBUILD_GROWTH = 0.10


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
        return rebuild_in(session, params)


def needs_rebuild(session: Session) -> bool:
    """Whether the history grew by :data:`REBUILD_GROWTH` or more since the last build."""
    build = NeighbourRepository(session).last_build()
    orders = StatisticsRepository(session).total_orders()
    if build is None:
        return orders > 0
    return orders - build.orders >= REBUILD_GROWTH * max(build.orders, 1)
