"""Offer events and the offer experiments (units' exposures and arms).

Money is stored as integer minor units.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)

from bot.store.tables.base import Base, utcnow


class OfferEventRow(Base):
    """An offer shown in a conversation, and what the shopper did with it.

    One ``shown`` row per offer; ``accepted``, ``declined``, ``superseded`` or ``kept`` rows point
    back at it through ``offer_id``.
    """

    __tablename__ = "offer_events"
    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(128), nullable=False, index=True)
    event = Column(String(16), nullable=False)
    offer_id = Column(Integer, ForeignKey("offer_events.id"), nullable=True, index=True)
    kind = Column(String(32), nullable=False)
    sku = Column(String(64), nullable=False)
    price_minor = Column(Integer, nullable=False)
    solicited = Column(Boolean, nullable=False, default=False)
    replaces_sku = Column(String(64), nullable=True)
    cart_id = Column(Integer, ForeignKey("carts.id"), nullable=True)
    subscription_id = Column(Integer, ForeignKey("subscriptions.id"), nullable=True)
    reason = Column(String(300), nullable=True)
    created_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)
    experiment = Column(String(64), nullable=True, index=True)
    variant = Column(String(64), nullable=True)


class ExperimentRow(Base):
    """An experiment as it was when it started: its design may not change afterwards."""

    __tablename__ = "experiments"
    key = Column(String(64), primary_key=True)
    design = Column(Text, nullable=False)
    unit = Column(String(16), nullable=False)
    start = Column(DateTime(timezone=True), nullable=False)
    stop = Column(DateTime(timezone=True), nullable=False)
    registered_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)


class ExposureRow(Base):
    """A unit reached an offer moment in an experiment arm (shown or, in a holdout, not).

    ``offered`` is false for the "would have offered" record of a holdout (and of an arm
    whose offer moment is another one); ``kind``/``sku`` name the offer either way.
    """

    __tablename__ = "experiment_exposures"
    __table_args__ = (Index("ix_exposures_experiment", "experiment", "variant"),)
    id = Column(Integer, primary_key=True)
    experiment = Column(String(64), nullable=False)
    variant = Column(String(64), nullable=False)
    unit_id = Column(String(128), nullable=False)
    conversation_id = Column(String(128), nullable=False)
    moment = Column(String(32), nullable=False)
    kind = Column(String(32), nullable=True)
    sku = Column(String(64), nullable=True)
    offered = Column(Boolean, nullable=False)
    cart_id = Column(Integer, ForeignKey("carts.id"), nullable=True, index=True)
    subscription_id = Column(Integer, ForeignKey("subscriptions.id"), nullable=True)
    created_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)


class OfferEventArmRow(Base):
    """An offer event's arm in one experiment (several experiments may run at the same time).

    ``offer_events.experiment``/``variant`` keep the first arm for older readers.
    """

    __tablename__ = "offer_event_arms"
    offer_event_id = Column(Integer, ForeignKey("offer_events.id"), primary_key=True)
    experiment = Column(String(64), primary_key=True, index=True)
    variant = Column(String(64), nullable=False)


class OrderArmRow(Base):
    """An order's arm and unit in one experiment (from its cart's newest exposure in it)."""

    __tablename__ = "order_arms"
    order_id = Column(Integer, ForeignKey("orders.id"), primary_key=True)
    experiment = Column(String(64), primary_key=True, index=True)
    variant = Column(String(64), nullable=False)
    unit_id = Column(String(128), nullable=False)
