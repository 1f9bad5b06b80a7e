"""Experiment definitions, exposures and the rows the report reads (never commits)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.tables import (
    ExperimentRow,
    ExposureRow,
    OfferEventArmRow,
    OfferEventRow,
    OrderArmRow,
    OrderLineRow,
    OrderRow,
)

Arms = tuple[tuple[str, str], ...]  # ((experiment, variant), ...)


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
        """Experiments whose window holds ``now``, oldest first (they change different settings)."""
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

    def latest_exposures_for_cart(self, cart_id: int, since: datetime) -> list[ExposureRow]:
        """The cart's newest exposure in each experiment since ``since``, newest first."""
        query = (
            select(ExposureRow)
            .where(ExposureRow.cart_id == cart_id, ExposureRow.created_at >= since)
            .order_by(ExposureRow.id.desc())
        )
        newest: dict[str, ExposureRow] = {}
        for row in self.session.scalars(query):
            newest.setdefault(row.experiment, row)
        return list(newest.values())

    def add_offer_arms(self, offer_event_id: int, arms: Arms) -> None:
        """Record the offer event's arm in each experiment."""
        for experiment, variant in arms:
            self.session.add(OfferEventArmRow(
                offer_event_id=offer_event_id, experiment=experiment, variant=variant
            ))  # fmt: skip
        self.session.flush()

    def offer_arms(self, offer_event_id: int) -> Arms:
        """The offer event's arms, by experiment key."""
        query = (
            select(OfferEventArmRow.experiment, OfferEventArmRow.variant)
            .where(OfferEventArmRow.offer_event_id == offer_event_id)
            .order_by(OfferEventArmRow.experiment)
        )
        return tuple((e, v) for e, v in self.session.execute(query))

    def add_order_arm(self, order_id: int, experiment: str, variant: str, unit_id: str) -> None:
        """Record the order's arm and unit in one experiment."""
        self.session.add(
            OrderArmRow(order_id=order_id, experiment=experiment, variant=variant, unit_id=unit_id)
        )
        self.session.flush()

    def exposures(self, key: str, since: datetime | None) -> list[ExposureRow]:
        """Every exposure of an experiment (since ``since``), oldest first."""
        query = select(ExposureRow).where(ExposureRow.experiment == key)
        if since is not None:
            query = query.where(ExposureRow.created_at >= since)
        return list(self.session.scalars(query.order_by(ExposureRow.id)))

    def offer_events(self, key: str, since: datetime | None) -> list[Any]:
        """Every offer event in an experiment, oldest first, with its ``variant`` in it.

        Rows carry the offer event's columns; ``variant`` is its arm in *this* experiment.
        """
        columns = [c for c in OfferEventRow.__table__.c if c.name not in ("experiment", "variant")]
        query = (
            select(*columns, OfferEventArmRow.variant)
            .join(OfferEventArmRow, OfferEventArmRow.offer_event_id == OfferEventRow.id)
            .where(OfferEventArmRow.experiment == key)
        )
        if since is not None:
            query = query.where(OfferEventRow.created_at >= since)
        return list(self.session.execute(query.order_by(OfferEventRow.id)))

    def orders(self, key: str, since: datetime | None) -> list[Any]:
        """Every order attributed to an experiment, oldest first.

        Rows carry the order's columns; ``variant`` and ``experiment_unit`` are its arm and
        unit in *this* experiment.
        """
        skip = ("experiment", "variant", "experiment_unit")
        columns = [c for c in OrderRow.__table__.c if c.name not in skip]
        query = (
            select(*columns, OrderArmRow.variant, OrderArmRow.unit_id.label("experiment_unit"))
            .join(OrderArmRow, OrderArmRow.order_id == OrderRow.id)
            .where(OrderArmRow.experiment == key)
        )
        if since is not None:
            query = query.where(OrderRow.placed_at >= since)
        return list(self.session.execute(query.order_by(OrderRow.id)))

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
