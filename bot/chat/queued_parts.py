"""Later parts of a several-item add, waiting behind the first question (issue 12, H4).

"add a hub, a mouse & a pad": the hub is added, "mouse" is asked ("Did you mean Mouse Pad
or Wireless Mouse?") and "a pad", unclear too, waits behind that question
(:attr:`bot.store.pending.PendingQuestion.queued`). Once the first question is settled —
answered, or turned down — the next waiting part is read as an add of its own: added when
it is now clear, else asked in turn, the rest still waiting. Nothing is added on a guess
and no part is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from bot.chat.products import PENDING_MAX_AGE, pending_question
from bot.chat.replies import ChatContext, Reply
from bot.services.shop import Shop
from bot.store.pending import PendingChoiceRepository, PendingQuestion

AddPart = Callable[[ChatContext, str], list[Reply]]
"""Runs one waiting part as an add (its words, e.g. "2 pads")."""

ASKS = frozenset({"utter_did_you_mean", "utter_unknown_product_suggest", "utter_ask_quantity"})
"""Replies that leave a question pending: the next part waits behind it."""


_ADD_QUESTIONS = frozenset({"add_item", "ask_quantity"})
"""An add's did-you-mean, and its "How many?" / "3 or 2?" (``cart_answers.ASK_QUANTITY``)."""


def _an_add(question: PendingQuestion | None) -> bool:
    if question is None or question.question not in _ADD_QUESTIONS:
        return False
    return question.question == "add_item" or question.options[0][0] == "add_item"


def waiting(question: PendingQuestion | None) -> tuple[str, ...]:
    """The parts waiting behind ``question`` (an add's question), in order."""
    return question.queued if question is not None and _an_add(question) else ()


def _requeue(shop: Shop, ctx: ChatContext, queued: Sequence[str]) -> None:
    """Put ``queued`` behind the question now pending (asked again, or the next part's)."""
    with shop.session_factory.begin() as session:
        repository = PendingChoiceRepository(session)
        now = repository.peek(ctx.conversation_id, PENDING_MAX_AGE)
        if _an_add(now):
            repository.ask(ctx.conversation_id, replace(now, queued=tuple(queued)))


def ask_next(shop: Shop, ctx: ChatContext, queued: Sequence[str], add: AddPart) -> list[Reply]:
    """Run the waiting parts in turn until one needs a question; the rest wait behind it.

    Each part runs without the message's retry key: it is part of a request already
    claimed, and a key is claimed once.
    """
    replies: list[Reply] = []
    plain = replace(ctx, message_key=None)
    for index, part in enumerate(queued):
        got = add(plain, part)
        replies += got
        if any(reply.response in ASKS for reply in got):
            _requeue(shop, ctx, queued[index + 1 :])
            return replies
    return replies


def after_answer(
    shop: Shop, ctx: ChatContext, asked: PendingQuestion | None, add: AddPart
) -> list[Reply]:
    """The next waiting part's replies once ``asked`` was settled, or none.

    When ``asked`` is still pending (the pick could not be done, or was asked again), the
    parts keep waiting behind it.
    """
    queued = waiting(asked)
    if not queued:
        return []
    now = pending_question(shop, ctx)
    if now is not None and _an_add(now):
        if not now.queued:
            _requeue(shop, ctx, queued)
        return []
    return ask_next(shop, ctx, queued, add)
