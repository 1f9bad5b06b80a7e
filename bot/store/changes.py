"""Each conversation's last cart change, kept for "undo that" (never commits)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from bot.store.tables import CartChangeRow, utcnow

Quantities = dict[str, int]
SUBSCRIPTION_MARK = "@subscription"
"""A last-change row whose JSON has this key is a subscription change
(:mod:`bot.store.subscription_changes`): never a cart change to undo here."""


@dataclass(frozen=True)
class CartChange:
    """The lines one change touched: ``{sku: quantity}`` before and after (0: no line)."""

    cart_id: int
    before: Quantities
    after: Quantities
    created_at: datetime


class CartChangeRepository:
    """One last change per conversation: replaced by the next change, deleted by an undo."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, conversation_id: str, for_update: bool = False) -> CartChange | None:
        """The conversation's last cart change, if it has one (a subscription change is not)."""
        row = self.session.get(CartChangeRow, conversation_id, with_for_update=for_update)
        if row is None or SUBSCRIPTION_MARK in json.loads(row.before):
            return None
        return CartChange(
            row.cart_id, json.loads(row.before), json.loads(row.after), row.created_at
        )

    def exists(self, conversation_id: str) -> bool:
        """Whether the conversation has a last change of either kind (cart or subscription)."""
        return self.session.get(CartChangeRow, conversation_id) is not None

    def record(
        self, conversation_id: str, cart_id: int, before: Quantities, after: Quantities
    ) -> None:
        """Stage ``before`` → ``after`` as the conversation's last change (replacing any)."""
        row = self.session.get(CartChangeRow, conversation_id)
        if row is None:
            row = CartChangeRow(conversation_id=conversation_id)
            self.session.add(row)
        row.cart_id = cart_id
        row.before, row.after = (
            json.dumps(before, sort_keys=True),
            json.dumps(after, sort_keys=True),
        )
        row.created_at = utcnow()
        self.session.flush()

    def forget(self, conversation_id: str) -> bool:
        """Stage the removal of the conversation's last change; whether there was one."""
        result = self.session.execute(
            delete(CartChangeRow).where(CartChangeRow.conversation_id == conversation_id)
        )
        return bool(result.rowcount)
