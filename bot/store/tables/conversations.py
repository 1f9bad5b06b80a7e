"""Per-conversation chat state: sessions, pending question, focus, last cart change.

No money here.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
)

from bot.store.tables.base import Base, utcnow


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
    question_id = Column(Integer, nullable=True)
    created_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)


class AskedQuestionRow(Base):
    """A question asked in a conversation: its store-given id and the buttons it showed.

    The id is never reused (SQLite ``AUTOINCREMENT``, a sequence on PostgreSQL): a button
    carries it (``/affirm{"question_id":"42.1"}``, question 42, button 1), so a press names
    the question it answers. ``replies`` holds the asking replies as JSON, with each
    button's real payload, to run the pressed one and to ask the question again.
    """

    __tablename__ = "asked_questions"
    __table_args__ = {"sqlite_autoincrement": True}
    id = Column(Integer, primary_key=True, autoincrement=True)
    conversation_id = Column(String(128), nullable=False, index=True)
    replies = Column(Text, nullable=True)
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
