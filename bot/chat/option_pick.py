"""A bare "yes" to a reply that named two options asks which one (issue 12, s25).

"I can do one of those, not both: a discount or switching to Care Basic", or the pause's
terms while a switch is on offer, name two options with a button each. A "yes", "sounds
good" or "ok" then says neither: it is asked "Which one do you mean: …?" with the same
buttons, and nothing changes. The reply that names the options stores them as the pending
question (:func:`remember`); :func:`answer` reads the next message first. Any other message
(an option's words, a button, "cancel anyway", a new request) drops the question and is
read as usual, against the offer still open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.chat.products import PENDING_MAX_AGE
from bot.chat.replies import ChatContext, Reply
from bot.domain.dialogue import Answer, read_answer, retention_choices
from bot.domain.models import OfferKind
from bot.services.shop import Shop
from bot.store.offers import OfferRepository
from bot.store.pending import PendingChoiceRepository, PendingQuestion

if TYPE_CHECKING:
    from bot.chat.turns import Turn

PICK_OPTION = "pick_option"
"""The pending question's kind: several options named, none picked yet."""
_OFFER, _WORDS = "offer", "words"
_NOT_A_PICK = (Answer.ACCEPT, Answer.UNCLEAR)
"""Readings of a bare yes ("yes", "sounds good", "ok thanks"): no option named."""


def remember(
    session: Session,
    conversation_id: str,
    offer_id: int,
    words: str,
    buttons: tuple[tuple[str, str], ...],
) -> None:
    """Store the options a reply named (``words``) with their buttons, for the offer open."""
    options = ((_OFFER, str(offer_id)), (_WORDS, words), *((p, t) for t, p in buttons))
    PendingChoiceRepository(session).ask(conversation_id, PendingQuestion(PICK_OPTION, options))


def answer(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """Ask again which option a bare "yes" means; ``None`` for any other message (read on)."""
    if turn.confirmed:
        return None
    with shop.session_factory.begin() as session:
        pending = PendingChoiceRepository(session)
        question = pending.peek(ctx.conversation_id, PENDING_MAX_AGE)
        if question is None or question.question != PICK_OPTION:
            return None
        stored = dict(question.options[:2])
        offer = OfferRepository(session).open_offer(ctx.conversation_id)
        still_open = offer is not None and str(offer.id) == stored.get(_OFFER)
        if still_open and _says_only_yes(OfferKind(offer.kind), turn):
            buttons = tuple((title, payload) for payload, title in question.options[2:])
            return [Reply("utter_which_one", {"options": stored.get(_WORDS, "")}, buttons)]
        pending.clear(ctx.conversation_id)
    return None


def _says_only_yes(kind: OfferKind, turn: Turn) -> bool:
    """A yes that names no option ("yes", "ok", "sounds good"); never a button."""
    if not turn.text or turn.text.startswith("/") or retention_choices(kind, turn.text):
        return False
    return read_answer(kind, turn.intent, turn.text) in _NOT_A_PICK
