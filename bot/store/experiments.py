"""Experiment definitions, exposures and the rows the report reads (never commits)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.tables import ExperimentRow, ExposureRow, OfferEventRow, OrderLineRow, OrderRow


class ExperimentRepository:
    """Started experiments and their exposures."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, key: str) -> ExperimentRow | None:
        """The stored experiment ``key``, if it ever started."""
        return self.session.get(ExperimentRow, key)

    def save(self, key: str, design: str, unit: str, start: datetime, stop: datetime) -> None:
        """Store a definition (new) or its window (existing)."""
        row = self.get(key)
        if row is None:
            self.session.add(
                ExperimentRow(key=key, design=design, unit=unit, start=start, stop=stop)
            )
        else:
            row.start, row.stop = start, stop
        self.session.flush()

    def running(self, now: datetime) -> list[ExperimentRow]:
        """Experiments whose window holds ``now`` (at most one, by the config rules)."""
        rows = self.session.scalars(select(ExperimentRow).order_by(ExperimentRow.start))
        return [r for r in rows if aware(r.start) <= now < aware(r.stop)]

    def all(self) -> list[ExperimentRow]:
        """Every stored experiment, oldest first."""
        return list(self.session.scalars(select(ExperimentRow).order_by(ExperimentRow.start)))

    def add_exposure(self, **values: Any) -> ExposureRow:
        """Record an exposure."""
        row = ExposureRow(**values)
        self.session.add(row)
        self.session.flush()
        return row

    def latest_exposure_for_cart(self, cart_id: int, since: datetime) -> ExposureRow | None:
        """The newest exposure of a cart since ``since`` (to attribute its order)."""
        query = (
            select(ExposureRow)
            .where(ExposureRow.cart_id == cart_id, ExposureRow.created_at >= since)
            .order_by(ExposureRow.id.desc())
            .limit(1)
        )
        return self.session.scalar(query)

    def exposures(self, key: str, since: datetime | None) -> list[ExposureRow]:
        """Every exposure of an experiment (since ``since``), oldest first."""
        query = select(ExposureRow).where(ExposureRow.experiment == key)
        if since is not None:
            query = query.where(ExposureRow.created_at >= since)
        return list(self.session.scalars(query.order_by(ExposureRow.id)))

    def offer_events(self, key: str, since: datetime | None) -> list[OfferEventRow]:
        """Every offer event attributed to an experiment, oldest first."""
        query = select(OfferEventRow).where(OfferEventRow.experiment == key)
        if since is not None:
            query = query.where(OfferEventRow.created_at >= since)
        return list(self.session.scalars(query.order_by(OfferEventRow.id)))

    def orders(self, key: str, since: datetime | None) -> list[OrderRow]:
        """Every order attributed to an experiment, oldest first."""
        query = select(OrderRow).where(OrderRow.experiment == key)
        if since is not None:
            query = query.where(OrderRow.placed_at >= since)
        return list(self.session.scalars(query.order_by(OrderRow.id)))

    def order_product_ids(self, order_ids: list[int]) -> dict[int, set[int]]:
        """Order id -> the product ids on it."""
        found: dict[int, set[int]] = {oid: set() for oid in order_ids}
        for start in range(0, len(order_ids), 500):
            chunk = order_ids[start : start + 500]
            query = select(OrderLineRow.order_id, OrderLineRow.product_id).where(
                OrderLineRow.order_id.in_(chunk)
            )
            for order_id, product_id in self.session.execute(query):
                found[order_id].add(product_id)
        return found


def aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; the store keeps UTC."""
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment
