"""Customers, carts and their lines, recorded orders and idempotency keys.

Money is stored as integer minor units.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)

from bot.store.tables.base import Base, utcnow


class CustomerRow(Base):
    """A shop customer (registered or guest)."""

    __tablename__ = "customers"
    id = Column(Integer, primary_key=True)
    external_ref = Column(String(64), unique=True, nullable=True)
    created_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)


class CartRow(Base):
    """A customer's cart."""

    __tablename__ = "carts"
    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False, index=True)
    currency = Column(String(3), nullable=False, default="USD")
    status = Column(String(16), nullable=False, default="open")
    created_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)
    updated_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)


class CartLineRow(Base):
    """One product line of a cart."""

    __tablename__ = "cart_lines"
    __table_args__ = (UniqueConstraint("cart_id", "product_id"),)
    id = Column(Integer, primary_key=True)
    cart_id = Column(Integer, ForeignKey("carts.id"), nullable=False, index=True)
    product_id = Column(Integer, ForeignKey("products.id"), nullable=False)
    quantity = Column(Integer, nullable=False)
    added_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)


class OrderRow(Base):
    """A placed order (purchase history)."""

    __tablename__ = "orders"
    id = Column(Integer, primary_key=True)
    order_ref = Column(String(64), unique=True, nullable=False)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=True, index=True)
    placed_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)
    total_minor = Column(Integer, nullable=False, default=0)
    cart_id = Column(Integer, nullable=True)  # the cart it came from (no FK: SQLite adds it)
    experiment = Column(String(64), nullable=True, index=True)
    variant = Column(String(64), nullable=True)
    experiment_unit = Column(String(128), nullable=True)


class OrderLineRow(Base):
    """One product line of an order."""

    __tablename__ = "order_lines"
    __table_args__ = (UniqueConstraint("order_id", "product_id"),)
    id = Column(Integer, primary_key=True)
    order_id = Column(Integer, ForeignKey("orders.id"), nullable=False, index=True)
    product_id = Column(Integer, ForeignKey("products.id"), nullable=False, index=True)
    quantity = Column(Integer, nullable=False, default=1)
    unit_price_minor = Column(Integer, nullable=False, default=0)


class IdempotencyKeyRow(Base):
    """A request already applied; a retry with the same key changes nothing."""

    __tablename__ = "idempotency_keys"
    key = Column(String(200), primary_key=True)
    created_at = Column(DateTime(timezone=True), default=utcnow, nullable=False, index=True)
    request_hash = Column(String(64), nullable=True)  # API keys: what the request asked for
    status = Column(Integer, nullable=True)  # API keys: the answer replayed to a retry
    response = Column(Text, nullable=True)
