"""Co-purchase statistics and the precomputed neighbours built from them.

Money is stored as integer minor units.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
)

from bot.store.tables.base import Base, utcnow


class ItemStatRow(Base):
    """How many orders contain a product."""

    __tablename__ = "item_stats"
    __table_args__ = (Index("ix_item_stats_orders", "orders", "product_id"),)  # best sellers
    product_id = Column(Integer, ForeignKey("products.id"), primary_key=True)
    orders = Column(Integer, nullable=False, default=0)


class PairStatRow(Base):
    """How many orders contain both ``product`` and ``other`` (stored in both directions).

    ``ix_pair_stats_top`` serves "the N strongest partners of a product" from the index alone,
    so a cart query reads N rows per cart item however long the history is.
    """

    __tablename__ = "pair_stats"
    __table_args__ = (Index("ix_pair_stats_top", "product_id", "together", "other_id"),)
    product_id = Column(Integer, ForeignKey("products.id"), primary_key=True)
    other_id = Column(Integer, ForeignKey("products.id"), primary_key=True)
    together = Column(Integer, nullable=False, default=0)


class HistoryTotalsRow(Base):
    """How many orders the statistics count (a single row, ``id`` 1).

    Kept with the statistics in the same transaction, so a count that differs from the
    ``orders`` table tells that the statistics are stale (an interrupted bulk import).
    """

    __tablename__ = "history_totals"
    id = Column(Integer, primary_key=True)
    orders = Column(Integer, nullable=False, default=0)


class NeighbourRow(Base):
    """One row of a product's precomputed neighbour list (``bot/domain/neighbours.py``).

    Rebuilt whole by ``python -m bot rebuild-neighbours`` and after bulk imports; read by
    ``(product_id, rank)`` prefix through the primary key.
    """

    __tablename__ = "item_neighbours"
    product_id = Column(Integer, ForeignKey("products.id"), primary_key=True)
    rank = Column(Integer, primary_key=True)
    neighbour_id = Column(Integer, ForeignKey("products.id"), nullable=False)
    together = Column(Integer, nullable=False)
    ease = Column(Float, nullable=False)
    walk = Column(Float, nullable=False)


class NeighbourBuildRow(Base):
    """When the neighbour lists were last built, and from how many orders (a single row)."""

    __tablename__ = "neighbour_builds"
    id = Column(Integer, primary_key=True)
    orders = Column(Integer, nullable=False)
    built_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)
