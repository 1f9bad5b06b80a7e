"""Plans and subscriptions.

Money is stored as integer minor units.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
)

from bot.store.tables.base import Base, utcnow


class PlanRow(Base):
    """A subscription plan."""

    __tablename__ = "plans"
    id = Column(Integer, primary_key=True)
    code = Column(String(64), unique=True, nullable=False)
    name = Column(String(200), nullable=False)
    price_minor = Column(Integer, nullable=False)
    currency = Column(String(3), nullable=False, default="USD")
    interval = Column(String(16), nullable=False, default="month")
    tier = Column(Integer, nullable=False, default=1)


class SubscriptionRow(Base):
    """A customer's subscription to a plan."""

    __tablename__ = "subscriptions"
    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False, index=True)
    plan_id = Column(Integer, ForeignKey("plans.id"), nullable=False)
    status = Column(String(16), nullable=False, default="active")
    paused_until = Column(DateTime(timezone=True), nullable=True)
    created_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)
    canceled_at = Column(DateTime(timezone=True), nullable=True)
    discount_percent = Column(Integer, nullable=True)  # retention discount, percent off
    discount_renewals = Column(Integer, nullable=True)  # renewals the discount still covers
