"""A conversation's last subscription change, kept for "switch me back" (never commits).

It shares the conversation's one "last change" row with the cart's changes
(:class:`bot.store.tables.CartChangeRow`, migration 0012): a conversation has one last
change of either kind, and "undo" always means that one. A subscription change is told
apart by the :data:`MARK` key in its ``before``/``after`` JSON (a SKU never starts with
"@"); :class:`bot.store.changes.CartChangeRepository` ignores such rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.subscription_undo import SubscriptionState
from bot.store.changes import SUBSCRIPTION_MARK
from bot.store.links import as_utc
from bot.store.tables import CartChangeRow, PlanRow, SubscriptionRow, utcnow

MARK = SUBSCRIPTION_MARK
"""The key that marks a last-change row as a subscription change."""


@dataclass(frozen=True)
class SubscriptionChange:
    """One subscription before and after the conversation's last change."""

    before: SubscriptionState
    after: SubscriptionState
    created_at: datetime


def is_subscription_row(text: str) -> bool:
    """Whether a last-change row's JSON is a subscription change's."""
    return MARK in json.loads(text)


def snapshot(session: Session, customer_id: int) -> dict[int, SubscriptionState]:
    """Every subscription of the customer as it is now, by id."""
    query = (
        select(SubscriptionRow, PlanRow.code)
        .join(PlanRow, PlanRow.id == SubscriptionRow.plan_id)
        .where(SubscriptionRow.customer_id == customer_id)
    )
    return {row.id: state_of(row, code) for row, code in session.execute(query)}


def state_of(row: SubscriptionRow, plan_code: str) -> SubscriptionState:
    """The row's state (``paused_until`` as UTC ISO text)."""
    until = as_utc(row.paused_until).isoformat() if row.paused_until else None
    return SubscriptionState(
        row.id, plan_code, row.status, until, row.discount_percent, row.discount_renewals
    )


class SubscriptionChangeRepository:
    """The conversation's last change, when it was a subscription change."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, conversation_id: str, for_update: bool = False) -> SubscriptionChange | None:
        """The conversation's last change if it changed a subscription, else None."""
        row = self.session.get(CartChangeRow, conversation_id, with_for_update=for_update)
        if row is None or not is_subscription_row(row.before):
            return None
        before, after = json.loads(row.before), json.loads(row.after)
        return SubscriptionChange(
            SubscriptionState.from_dict(before[MARK]),
            SubscriptionState.from_dict(after[MARK]),
            as_utc(row.created_at),
        )

    def record(
        self,
        conversation_id: str,
        cart_id: int,
        before: SubscriptionState,
        after: SubscriptionState,
    ) -> None:
        """Stage ``before`` → ``after`` as the conversation's last change (replacing any)."""
        row = self.session.get(CartChangeRow, conversation_id)
        if row is None:
            row = CartChangeRow(conversation_id=conversation_id)
            self.session.add(row)
        row.cart_id = cart_id
        row.before = json.dumps({MARK: before.as_dict()}, sort_keys=True)
        row.after = json.dumps({MARK: after.as_dict()}, sort_keys=True)
        row.created_at = utcnow()
        self.session.flush()
