"""The which-line question of a bare quantity during an add-on offer, stored and answered (G6).

"2" right after "Shall I add the case?" is asked back: "add 2 × Clear Phone Case, or make it
Aria Phone 128 GB × 2?". The question is the conversation's pending question (kind
:data:`WHICH_LINE`; options ``("offer", offered name)`` and ``("line" | "more", line name)``;
detail the quantity), so a typed answer is read against it:

* "the case", "the first", "the offered one" → the offered item, exactly as its button;
* "the phone", "the second", "mine" → the cart line, exactly as its button;
* "yes" picks neither: asked again ("Which one do you mean …?"); nothing changes;
* "no" drops it; nothing changes;
* anything else drops it and is read as a new request.

Nothing changes on a guess: only an answer that picks one option carries it out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.chat.confirm import intent_payload
from bot.chat.products import PENDING_MAX_AGE
from bot.chat.replies import ChatContext, Reply
from bot.domain.language import ENGLISH
from bot.domain.language.en_offer_cues import decides_nothing
from bot.domain.language.en_subscription_words import which_line_answer
from bot.services.shop import Shop
from bot.store.pending import PendingChoiceRepository, PendingQuestion
from bot.store.tables import ProductRow

if TYPE_CHECKING:
    from bot.chat.turns import Turn

WHICH_LINE = "which_line"
Rerun = Callable[[str, str, Mapping[str, str], str], list[Reply]]


def ask(
    session: Session, conversation_id: str, offered: str, line: str, quantity: str, more: bool
) -> Reply:
    """Store the which-line question and ask it, with one button for each option."""
    kind = "more" if more else "line"
    options = (("offer", offered), (kind, line))
    PendingChoiceRepository(session).ask(
        conversation_id, PendingQuestion(WHICH_LINE, options, quantity)
    )
    return _question(PendingQuestion(WHICH_LINE, options, quantity))


def _buttons(question: PendingQuestion) -> tuple[tuple[str, str], ...]:
    (_, offered), (kind, line) = question.options
    quantity = question.detail or "1"
    take = (f"{quantity} × {offered}", intent_payload("affirm", {"quantity": quantity}))
    entities = {"product": line, "quantity": quantity}
    if kind == "more":
        return take, (f"{quantity} more × {line}", intent_payload("add_item", entities))
    return take, (f"{line} × {quantity}", intent_payload("change_quantity", entities))


def _question(question: PendingQuestion) -> Reply:
    (_, offered), (kind, line) = question.options
    quantity = question.detail or "1"
    other = f"{quantity} more × {line}" if kind == "more" else f"make it {line} × {quantity}"
    what = f"add {quantity} × {offered}, or {other}"
    return Reply("utter_confirm_action", {"action": what}, _buttons(question))


def answer(shop: Shop, ctx: ChatContext, turn: Turn, rerun: Rerun) -> list[Reply] | None:
    """Read the message against a pending which-line question, or ``None`` (none pending).

    A button is left to its own payload (the question is forgotten); a typed answer that
    picks carries out that option's request exactly as its button would.
    """
    with shop.session_factory.begin() as session:
        pending = PendingChoiceRepository(session)
        question = pending.peek(ctx.conversation_id, PENDING_MAX_AGE)
        if question is None or question.question != WHICH_LINE or turn.confirmed:
            return None
        (_, offered), (_, line) = question.options
        prices = _prices(session, offered, line)
        picked = (
            None
            if turn.text.startswith("/")
            else which_line_answer(turn.text, offered, line, prices)
        )
        if picked == -1 or (picked is None and decides_nothing(turn.text)):
            options = " or ".join(f'"{title}"' for title, _ in _buttons(question))
            return [Reply("utter_which_one", {"options": options}, _buttons(question))]
        pending.clear(ctx.conversation_id)
    if picked is None and not turn.text.startswith("/") and ENGLISH.denies(turn.text):
        return [Reply("utter_confirm_declined")]
    if picked is None:
        return None  # a button, or a new request: read as usual
    return _carry_out(question, picked, rerun)


def _prices(session: Session, offered: str, line: str) -> tuple[int, int] | None:
    """The two options' unit prices (by name), for "the cheaper one"; None if one is unknown."""
    rows = dict(
        session.execute(
            select(ProductRow.name, ProductRow.price_minor).where(
                ProductRow.name.in_([offered, line])
            )
        ).all()
    )
    if offered not in rows or line not in rows:
        return None
    return rows[offered], rows[line]


def _carry_out(question: PendingQuestion, picked: int, rerun: Rerun) -> list[Reply]:
    """Run the picked option's request, the same as its button."""
    quantity = question.detail or "1"
    (_, _), (kind, line) = question.options
    if picked == 0:
        payload = intent_payload("affirm", {"quantity": quantity})
        return rerun("action_accept_offer", "affirm", {"quantity": quantity}, payload)
    entities = {"product": line, "quantity": quantity}
    if kind == "more":
        return rerun("action_add_item", "add_item", entities, f"add {quantity} more {line}")
    return rerun("action_change_quantity", "change_quantity", entities,
                 f"make it {quantity} {line}")  # fmt: skip
