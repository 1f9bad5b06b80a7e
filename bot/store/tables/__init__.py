"""Database tables (SQLAlchemy 1.4, 2.0 style), one module per aggregate.

Money is stored as integer minor units. Every table registers with :data:`Base`; importing
this package registers them all (Alembic's ``env.py`` and ``create_all`` rely on it), and
every row class is importable from here as before (``from bot.store.tables import CartRow``).
"""

from __future__ import annotations

from bot.store.tables.base import Base, utcnow
from bot.store.tables.carts import (
    CartLineRow,
    CartRow,
    CustomerRow,
    IdempotencyKeyRow,
    OrderLineRow,
    OrderRow,
)
from bot.store.tables.catalog import ComplementRow, GapFillerRow, ProductRow, ShippingPolicyRow
from bot.store.tables.conversations import (
    AskedQuestionRow,
    CartChangeRow,
    ChatSessionRow,
    ConversationFocusRow,
    PendingChoiceRow,
)
from bot.store.tables.links import ChannelChoiceRow, ChannelLinkRow, LinkAttemptRow, LinkCodeRow
from bot.store.tables.offers import (
    ExperimentRow,
    ExposureRow,
    OfferEventArmRow,
    OfferEventRow,
    OrderArmRow,
)
from bot.store.tables.statistics import (
    HistoryTotalsRow,
    ItemStatRow,
    NeighbourBuildRow,
    NeighbourRow,
    PairStatRow,
)
from bot.store.tables.subscriptions import PlanRow, SubscriptionRow

__all__ = [
    "Base",
    "utcnow",
    "ProductRow",
    "ComplementRow",
    "ShippingPolicyRow",
    "GapFillerRow",
    "CustomerRow",
    "CartRow",
    "CartLineRow",
    "OrderRow",
    "OrderLineRow",
    "IdempotencyKeyRow",
    "ItemStatRow",
    "PairStatRow",
    "HistoryTotalsRow",
    "NeighbourRow",
    "NeighbourBuildRow",
    "PlanRow",
    "SubscriptionRow",
    "OfferEventRow",
    "ExperimentRow",
    "ExposureRow",
    "OfferEventArmRow",
    "OrderArmRow",
    "ChatSessionRow",
    "PendingChoiceRow",
    "AskedQuestionRow",
    "ConversationFocusRow",
    "CartChangeRow",
    "LinkCodeRow",
    "ChannelLinkRow",
    "ChannelChoiceRow",
    "LinkAttemptRow",
]
