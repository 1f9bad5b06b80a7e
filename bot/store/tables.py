"""Database tables (SQLAlchemy 1.4, 2.0 style). Money is stored as integer minor units."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import declarative_base

Base = declarative_base()


def utcnow() -> datetime:
    """Timezone-aware current time in UTC."""
    return datetime.now(timezone.utc)


class CustomerRow(Base):
    """A shop customer (registered or guest)."""

    __tablename__ = "customers"
    id = Column(Integer, primary_key=True)
    external_ref = Column(String(64), unique=True, nullable=True)
    created_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)


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


class IdempotencyKeyRow(Base):
    """A request already applied; a retry with the same key changes nothing."""

    __tablename__ = "idempotency_keys"
    key = Column(String(200), primary_key=True)
    created_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)
    request_hash = Column(String(64), nullable=True)  # API keys: what the request asked for
    status = Column(Integer, nullable=True)  # API keys: the answer replayed to a retry
    response = Column(Text, nullable=True)


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


class ChatSessionRow(Base):
    """A conversation bound to the cart and customer of the first valid token it carried.

    The tracker store keeps no bearer token: actions find the conversation's cart here.
    """

    __tablename__ = "chat_sessions"
    conversation_id = Column(String(128), primary_key=True)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    cart_id = Column(Integer, ForeignKey("carts.id"), nullable=True)
    expires_at = Column(DateTime(timezone=True), nullable=False)
    created_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)


class LinkAttemptRow(Base):
    """A failed link-code attempt, counted per sender and per code for the lockout."""

    __tablename__ = "link_attempts"
    id = Column(Integer, primary_key=True)
    scope = Column(String(200), nullable=False, index=True)
    created_at = Column(DateTime(timezone=True), default=utcnow, nullable=False, index=True)


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


class GapFillerRow(Base):
    """A product the shop lists as a free-shipping gap filler (filters, socks...)."""

    __tablename__ = "gap_fillers"
    product_id = Column(Integer, ForeignKey("products.id"), primary_key=True)


class PendingChoiceRow(Base):
    """An option of a question the assistant is waiting to have answered in a conversation.

    ``question`` names what the answer completes (``"add_item"``: add the chosen product),
    ``value`` is the option (a SKU), ``label`` what the shopper saw, and ``detail`` what else
    the question carries (the quantity asked for). Kept in the shop store, so any replica
    reads the answer against the same question.
    """

    __tablename__ = "pending_choices"
    conversation_id = Column(String(128), primary_key=True)
    position = Column(Integer, primary_key=True)
    question = Column(String(32), nullable=False)
    value = Column(String(64), nullable=False)
    label = Column(String(200), nullable=False)
    detail = Column(String(64), nullable=True)
    created_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)


class ConversationFocusRow(Base):
    """The product a conversation last added or talked about ("remove it", "one more").

    Kept in the shop store, not in a Rasa slot, so no value leaks into a later message that
    named nothing, and every replica reads the same answer.
    """

    __tablename__ = "conversation_focus"
    conversation_id = Column(String(128), primary_key=True)
    sku = Column(String(64), nullable=False)
    updated_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)


class CartChangeRow(Base):
    """A conversation's last cart change, so "undo that" reverses exactly it.

    ``before`` and ``after`` are JSON objects ``{sku: quantity}`` of the lines the change
    touched (0: no line). One row per conversation, replaced by each change and deleted by
    the undo, a restart or a new session.
    """

    __tablename__ = "cart_changes"
    conversation_id = Column(String(128), primary_key=True)
    cart_id = Column(Integer, ForeignKey("carts.id"), nullable=False)
    before = Column(Text, nullable=False)
    after = Column(Text, nullable=False)
    created_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)
