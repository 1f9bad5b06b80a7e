"""The catalog: products, complements, gap fillers and the shipping policy.

Money is stored as integer minor units.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Integer,
    String,
)

from bot.store.tables.base import Base


class ProductRow(Base):
    """A catalog product."""

    __tablename__ = "products"
    id = Column(Integer, primary_key=True)
    sku = Column(String(64), unique=True, nullable=False)
    name = Column(String(200), nullable=False)
    category = Column(String(100), nullable=False, index=True)
    role = Column(String(16), nullable=False, default="accessory")
    family = Column(String(100), nullable=True, index=True)
    tier = Column(Integer, nullable=True)
    tier_label = Column(String(50), nullable=True)
    price_minor = Column(Integer, nullable=False)
    currency = Column(String(3), nullable=False, default="USD")
    stock = Column(Integer, nullable=False, default=0)
    active = Column(Boolean, nullable=False, default=True)


class ComplementRow(Base):
    """A curated complement: ``complement`` goes well with ``product``."""

    __tablename__ = "complements"
    product_id = Column(Integer, ForeignKey("products.id"), primary_key=True)
    complement_id = Column(Integer, ForeignKey("products.id"), primary_key=True)


class ShippingPolicyRow(Base):
    """The shop's shipping policy (a single row)."""

    __tablename__ = "shipping_policy"
    id = Column(Integer, primary_key=True)
    currency = Column(String(3), nullable=False, default="USD")
    threshold_minor = Column(Integer, nullable=False)
    flat_rate_minor = Column(Integer, nullable=False)


class GapFillerRow(Base):
    """A product the shop lists as a free-shipping gap filler (filters, socks...)."""

    __tablename__ = "gap_fillers"
    product_id = Column(Integer, ForeignKey("products.id"), primary_key=True)
