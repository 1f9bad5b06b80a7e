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

import re
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.chat import offer_answers
from bot.chat.pending_reads import confirm_turn
from bot.chat.products import PENDING_MAX_AGE
from bot.chat.replies import ChatContext, Reply
from bot.domain.dialogue import Answer, read_answer, retention_choices
from bot.domain.language.en_cancel_talk import refused_options, without_refusals
from bot.domain.models import OfferKind
from bot.domain.retention import CHEAPER_PLAN, DISCOUNT, OPTION_OF, PAUSE
from bot.domain.subscription_state import says_other_one
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
        buttons = tuple((title, payload) for payload, title in question.options[2:])
        again = Reply("utter_which_one", {"options": stored.get(_WORDS, "")}, buttons)
        left = _left_after_refusal(OfferKind(offer.kind), buttons, turn) if still_open else None
        if left == []:
            return [again]  # "the other one", "neither", "not the discount" of three: which?
        if left is None and still_open and _says_only_yes(OfferKind(offer.kind), turn):
            return [again]
        pending.clear(ctx.conversation_id)
    if left is None or offer is None:
        return None
    asked, summary = offer_answers.to_confirm(shop, turn, offer, left[0])
    return [confirm_turn(shop, ctx, asked, summary)]  # "not the discount": the switch, asked


_PAYLOAD_OPTION = {"/pause_subscription": PAUSE, "/ask_discount_code": DISCOUNT}
_ANSWER_OF = {PAUSE: Answer.PAUSE, DISCOUNT: Answer.DISCOUNT, CHEAPER_PLAN: Answer.SWITCH}
_TITLE_WORDS = frozenset({"switch", "to", "a", "the", "cheaper", "plan", "care", "pause", "for"})


def _left_after_refusal(
    kind: OfferKind, buttons: tuple[tuple[str, str], ...], turn: Turn
) -> list[Answer] | None:
    """The one option a refusal leaves ("not the discount"), as its answer.

    ``[]`` when it leaves no single one ("the other one", "neither"), ``None`` when the
    message refuses none (read as usual). Negation in an option answer excludes the named
    option (s27): it is never carried out, and the one left is only asked back.
    """
    text = turn.text
    if not text or text.startswith("/") or turn.confirmed:
        return None
    if says_other_one(text) or _NEITHER.search(text):
        return []
    options, plan_words = [], set()
    for title, payload in buttons:
        option = OPTION_OF[kind] if payload.startswith("/affirm") else _PAYLOAD_OPTION.get(payload)
        if option is None and payload.startswith("switch me"):
            option = CHEAPER_PLAN
        if option == CHEAPER_PLAN:
            plan_words |= set(title.lower().split()) - _TITLE_WORDS
        if option is not None:
            options.append(option)
    turned_down = refused_options(text, plan_words)
    if not turned_down or retention_choices(kind, without_refusals(text), plan_words):
        return None  # nothing refused, or another option named ("no discount, just switch")
    left = [option for option in options if option not in turned_down]
    if len(left) != 1:
        return []
    return [Answer.ACCEPT if left[0] == OPTION_OF[kind] else _ANSWER_OF[left[0]]]


_NEITHER = re.compile(r"^\W*(?:neither|none)(?:\s+of\s+(?:them|those|these))?\b", re.I)


def _says_only_yes(kind: OfferKind, turn: Turn) -> bool:
    """A yes that names no option ("yes", "ok", "sounds good"); never a button."""
    if not turn.text or turn.text.startswith("/") or retention_choices(kind, turn.text):
        return False
    return read_answer(kind, turn.intent, turn.text) in _NOT_A_PICK
