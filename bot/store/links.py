"""Link codes and attempts, channel links, chat sessions and numbered choices (never commits)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.store.tables import (
    ChannelChoiceRow,
    ChannelLinkRow,
    ChatSessionRow,
    LinkAttemptRow,
    LinkCodeRow,
    utcnow,
)


def as_utc(moment: datetime) -> datetime:
    """A stored time as an aware UTC datetime (SQLite hands timestamps back naive)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


class LinkRepository:
    """Link codes and the channel users they linked."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add_code(
        self, code_hash: str, cart_id: int, customer_id: int, expires_at: datetime
    ) -> LinkCodeRow:
        """Stage a new link code."""
        row = LinkCodeRow(
            code_hash=code_hash, cart_id=cart_id, customer_id=customer_id, expires_at=expires_at
        )
        self.session.add(row)
        self.session.flush()
        return row

    def code_by_hash(self, code_hash: str, for_update: bool = False) -> LinkCodeRow | None:
        """A link code by its hash (locked for update when asked)."""
        query = select(LinkCodeRow).where(LinkCodeRow.code_hash == code_hash)
        if for_update:
            query = query.with_for_update()
        return self.session.scalar(query)

    def link(self, channel: str, sender_id: str) -> ChannelLinkRow | None:
        """The link of one channel user, if any."""
        return self.session.get(ChannelLinkRow, (channel, sender_id))

    def linked_anywhere(self, sender_id: str) -> bool:
        """Whether a messaging user of any channel is linked under this sender id."""
        query = select(ChannelLinkRow.channel).where(ChannelLinkRow.sender_id == sender_id)
        return self.session.scalar(query.limit(1)) is not None

    def set_link(self, channel: str, sender_id: str, cart_id: int, customer_id: int) -> None:
        """Link a channel user to a cart, replacing any earlier link of that user."""
        row = self.link(channel, sender_id)
        if row is None:
            row = ChannelLinkRow(channel=channel, sender_id=sender_id)
            self.session.add(row)
        row.cart_id, row.customer_id, row.created_at = cart_id, customer_id, utcnow()
        self.session.flush()


class ChoiceRepository:
    """The numbered choices last offered to each text-only channel user."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _where(self, channel: str, sender_id: str) -> tuple:
        return (ChannelChoiceRow.channel == channel, ChannelChoiceRow.sender_id == sender_id)

    def replace(self, channel: str, sender_id: str, choices: Sequence[tuple[str, str]]) -> None:
        """Replace a user's choices with ``(title, payload)`` pairs numbered from 1."""
        self.clear(channel, sender_id)
        for position, (title, payload) in enumerate(choices, start=1):
            self.session.add(
                ChannelChoiceRow(
                    channel=channel,
                    sender_id=sender_id,
                    position=position,
                    title=title[:200],
                    payload=payload[:500],
                )
            )
        self.session.flush()

    def choice(self, channel: str, sender_id: str, position: int) -> ChannelChoiceRow | None:
        """The choice numbered ``position``, if it was offered."""
        return self.session.get(ChannelChoiceRow, (channel, sender_id, position))

    def clear(self, channel: str, sender_id: str) -> None:
        """Forget a user's choices."""
        self.session.execute(delete(ChannelChoiceRow).where(*self._where(channel, sender_id)))


class ChatSessionRepository:
    """Conversations bound to a cart and customer (what the tracker store no longer holds)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, conversation_id: str, for_update: bool = False) -> ChatSessionRow | None:
        """The binding of one conversation, if any (locked for update when asked)."""
        query = select(ChatSessionRow).where(ChatSessionRow.conversation_id == conversation_id)
        if for_update:
            query = query.with_for_update()
        return self.session.scalar(query)

    def add(
        self, conversation_id: str, customer_id: int, cart_id: int | None, expires_at: datetime
    ) -> ChatSessionRow:
        """Stage a new binding."""
        row = ChatSessionRow(
            conversation_id=conversation_id,
            customer_id=customer_id,
            cart_id=cart_id,
            expires_at=expires_at,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def forget(self, conversation_id: str) -> None:
        """Stage the removal of a conversation's binding (a messaging user linked it)."""
        self.session.execute(
            delete(ChatSessionRow).where(ChatSessionRow.conversation_id == conversation_id)
        )


class LinkAttemptRepository:
    """Failed link-code attempts, for the per-sender and per-code lockout."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def recent(self, scope: str, since: datetime) -> int:
        """How many failed attempts ``scope`` made since ``since``."""
        query = select(func.count()).where(
            LinkAttemptRow.scope == scope, LinkAttemptRow.created_at >= since
        )
        return int(self.session.scalar(query) or 0)

    def record(self, scopes: Sequence[str]) -> None:
        """Stage one failed attempt for each scope."""
        self.session.add_all(LinkAttemptRow(scope=scope[:200]) for scope in scopes)
        self.session.flush()
