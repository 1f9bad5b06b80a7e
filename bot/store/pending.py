"""Pending choices: the options of a question waiting for the shopper's answer (never commits)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.store.links import as_utc
from bot.store.tables import AskedQuestionRow, PendingChoiceRow, utcnow


@dataclass(frozen=True)
class PendingQuestion:
    """A question with its options, in the order they were shown.

    Attributes:
        question: What an answer completes (``"add_item"``, ``"remove_item"``...).
        options: ``(value, label)`` pairs, e.g. ``("PH-256", "Aria Phone 256 GB")``.
        detail: Extra state of the question (the quantity asked for), or None.
        question_id: The store-given id of this asking (``asked_questions``), which its
            buttons carry; ``None`` before it is stored. Not part of equality: the same
            question asked again is the same question.
        queued: Later parts of the same request waiting behind this question ("a pad" of
            "add a hub, a mouse & a pad"), asked next, in order; never options.
    """

    question: str
    options: tuple[tuple[str, str], ...]
    detail: str | None = None
    question_id: int | None = field(default=None, compare=False)
    queued: tuple[str, ...] = ()


QUEUED = "__queued__"
"""The value of a stored row that holds a queued part (its label), not an option."""


class PendingChoiceRepository:
    """The question each conversation was last asked (one per conversation)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def ask(self, conversation_id: str, pending: PendingQuestion) -> int:
        """Replace the conversation's pending question; returns its new, never-reused id."""
        self.clear(conversation_id)
        asked = self._new_id(conversation_id)
        rows = [*pending.options, *((QUEUED, part) for part in pending.queued)]
        for position, (value, label) in enumerate(rows, start=1):
            self.session.add(
                PendingChoiceRow(
                    conversation_id=conversation_id,
                    position=position,
                    question=pending.question,
                    value=value[:64],
                    label=label[:200],
                    detail=pending.detail[:64] if pending.detail else None,
                    question_id=asked.id,
                )
            )
        self.session.flush()
        return int(asked.id)

    def renumber(self, conversation_id: str) -> int:
        """Give the pending question a new id (its buttons changed): older presses expire."""
        asked = self._new_id(conversation_id)
        self.session.execute(
            update(PendingChoiceRow)
            .where(PendingChoiceRow.conversation_id == conversation_id)
            .values(question_id=asked.id)
        )
        return int(asked.id)

    def _new_id(self, conversation_id: str) -> AskedQuestionRow:
        """A new asked question; the conversation's older ones are gone (their ids stay used).

        One row per conversation at most: an older question's button names no row, and
        ``AUTOINCREMENT`` never hands its id out again.
        """
        self.session.execute(
            delete(AskedQuestionRow).where(AskedQuestionRow.conversation_id == conversation_id)
        )
        asked = AskedQuestionRow(conversation_id=conversation_id)
        self.session.add(asked)
        self.session.flush()
        return asked

    def asked(self, question_id: int) -> AskedQuestionRow | None:
        """The asked question ``question_id`` (any conversation's: the caller checks)."""
        return self.session.get(AskedQuestionRow, question_id)

    def peek(self, conversation_id: str, max_age: timedelta) -> PendingQuestion | None:
        """The pending question, left in the store, unless older than ``max_age``."""
        rows = self._rows(conversation_id)
        if not rows or as_utc(rows[0].created_at) < utcnow() - max_age:
            return None
        options = tuple((row.value, row.label) for row in rows if row.value != QUEUED)
        queued = tuple(row.label for row in rows if row.value == QUEUED)
        return PendingQuestion(
            rows[0].question,
            options,
            rows[0].detail,
            question_id=rows[0].question_id,
            queued=queued,
        )

    def take(self, conversation_id: str, max_age: timedelta) -> PendingQuestion | None:
        """The pending question (removed from the store), unless older than ``max_age``."""
        pending = self.peek(conversation_id, max_age)
        self.clear(conversation_id)
        return pending

    def _rows(self, conversation_id: str) -> list[PendingChoiceRow]:
        return list(
            self.session.scalars(
                select(PendingChoiceRow)
                .where(PendingChoiceRow.conversation_id == conversation_id)
                .order_by(PendingChoiceRow.position)
            )
        )

    def clear(self, conversation_id: str) -> None:
        """Forget the conversation's pending question."""
        self.session.execute(
            delete(PendingChoiceRow).where(PendingChoiceRow.conversation_id == conversation_id)
        )
