"""Continuing a cart in a messaging app: link codes, channel links and attempts.

No money here.
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


class LinkCodeRow(Base):
    """A one-time code that links a messaging user to a cart (only its keyed hash is kept)."""

    __tablename__ = "link_codes"
    id = Column(Integer, primary_key=True)
    code_hash = Column(String(64), unique=True, nullable=False)
    cart_id = Column(Integer, ForeignKey("carts.id"), nullable=False)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    expires_at = Column(DateTime(timezone=True), nullable=False)
    used_at = Column(DateTime(timezone=True), nullable=True)
    created_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)


class ChannelLinkRow(Base):
    """A messaging user (channel + sender id) linked to a cart and its customer."""

    __tablename__ = "channel_links"
    channel = Column(String(32), primary_key=True)
    sender_id = Column(String(128), primary_key=True)
    cart_id = Column(Integer, ForeignKey("carts.id"), nullable=False)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    created_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)


class ChannelChoiceRow(Base):
    """A numbered choice last offered to a text-only user ("reply 1 to add")."""

    __tablename__ = "channel_choices"
    channel = Column(String(32), primary_key=True)
    sender_id = Column(String(128), primary_key=True)
    position = Column(Integer, primary_key=True)
    title = Column(String(200), nullable=False)
    payload = Column(String(500), nullable=False)
    created_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)


class LinkAttemptRow(Base):
    """A failed link-code attempt, counted per sender and per code for the lockout."""

    __tablename__ = "link_attempts"
    id = Column(Integer, primary_key=True)
    scope = Column(String(200), nullable=False, index=True)
    created_at = Column(DateTime(timezone=True), default=utcnow, nullable=False, index=True)
