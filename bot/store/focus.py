"""The product each conversation last added or talked about (never commits)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.tables import ConversationFocusRow, utcnow


class FocusRepository:
    """One "last product discussed" per conversation, replaced on every cart change."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, conversation_id: str) -> str | None:
        """The SKU the conversation last added or talked about, if any."""
        query = select(ConversationFocusRow.sku).where(
            ConversationFocusRow.conversation_id == conversation_id
        )
        return self.session.scalar(query)

    def set(self, conversation_id: str, sku: str) -> None:
        """Stage ``sku`` as the conversation's product in focus."""
        row = self.session.get(ConversationFocusRow, conversation_id)
        if row is None:
            self.session.add(ConversationFocusRow(conversation_id=conversation_id, sku=sku))
        else:
            row.sku, row.updated_at = sku, utcnow()
        self.session.flush()

    def unsettle(self, conversation_id: str) -> None:
        """Stage "the product last talked about is unsettled": a reference to it is asked about.

        Set when a request named a product that was not added (a did-you-mean, an unknown
        name, out of stock), so "two more" next does not fall back to an older product.
        """
        self.set(conversation_id, "")

    def forget(self, conversation_id: str) -> None:
        """Stage "no product in focus" (the conversation changed hands: a link was redeemed)."""
        row = self.session.get(ConversationFocusRow, conversation_id)
        if row is not None:
            self.session.delete(row)
