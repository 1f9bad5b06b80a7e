"""A pressed question button, read by the question it names (issue 12, trial C5–C7).

Every stored question (a confirmation, a did-you-mean, a which-line or which-plan
question) has a store-given id that is never reused. When its reply is shown,
:func:`stamp` numbers its buttons: ``/affirm{"question_id":"42.1"}`` (question 42, button
1), the real payloads kept with the question. Before anything else reads a message,
:func:`read_press` checks it:

* the open question's own button becomes its real payload (``/remove_item``,
  ``/choose_option{"product": "Mug"}``) and runs exactly as that button ran before;
* any other id (an older question, another conversation's, garbage, a huge number), or an
  id-less ``/affirm``, ``/deny`` or ``/choose_option`` that was not on the last reply while
  a question or offer is open, changes nothing: the expired-button reply, then the open
  question (or offer) asked again with its buttons.

Typed words ("yes", "the first one") carry no id and answer the open question as before.
Offer buttons keep their ``offer_id`` (:mod:`bot.chat.offer_presses`); "Cancel anyway" and
``/cancel_subscription`` carry no id and always work.
"""

from __future__ import annotations

import json
from dataclasses import replace

from sqlalchemy.orm import Session

from bot.chat import selling
from bot.chat.products import PENDING_MAX_AGE
from bot.chat.replies import ChatContext, Reply
from bot.chat.turns import Turn
from bot.domain.buttons import parse_payload
from bot.domain.errors import DomainError
from bot.domain.offer_buttons import OFFER_ENTITY
from bot.domain.question_buttons import (
    ANSWERS,
    named_question,
    numbered,
    question_payload,
    question_ref,
)
from bot.services.shop import Shop
from bot.store.offers import OfferRepository
from bot.store.pending import PendingChoiceRepository, PendingQuestion

EXPIRED = "utter_button_expired"


def read_press(shop: Shop, ctx: ChatContext, turn: Turn) -> Turn | list[Reply]:
    """The turn to run (a question button's real payload), or the expired-button replies.

    Args:
        shop: The shop.
        ctx: The conversation.
        turn: The message as Rasa read it.

    Returns:
        ``turn`` itself for typed words and anything that is not a question's button; the
        real request for the open question's own button; replies that change nothing for a
        stale or forged press.
    """
    if turn.confirmed or not turn.text.startswith("/") or OFFER_ENTITY in turn.entities:
        return turn  # typed words; an offer's button is read by its offer id
    named = named_question(turn.entities)
    with shop.session_factory.begin() as session:
        question = PendingChoiceRepository(session).peek(ctx.conversation_id, PENDING_MAX_AGE)
        if named is None:
            if turn.button_shown or turn.intent not in ANSWERS:
                return turn
            offers = OfferRepository(session)
            if question is None and offers.open_offer(ctx.conversation_id) is None:
                return turn  # nothing is open: the usual "nothing to answer" reply
        else:
            real = _real_payload(session, ctx, question, question_ref(named), turn.intent)
            if real is not None:
                intent, entities = parse_payload(real) or (turn.intent, {})
                return replace(turn, intent=intent, text=real, entities=entities, button_shown=True)
        asked_again = _asked_again(session, question)
    if asked_again is not None:
        return [Reply(EXPIRED), *asked_again]
    if question is None and _offer_open(shop, ctx):
        return [Reply(EXPIRED), *_offer_again(shop, ctx)]
    return [Reply(EXPIRED)]


def _offer_again(shop: Shop, ctx: ChatContext) -> list[Reply]:
    """The open offer's detail (its own buttons); nothing when it cannot be shown to them."""
    try:
        return selling.offer_detail(shop, replace(ctx, upset=True))
    except DomainError:  # e.g. the offer's cart is not this turn's: say nothing of it
        return []


def _real_payload(
    session: Session,
    ctx: ChatContext,
    question: PendingQuestion | None,
    ref: tuple[int, int] | None,
    intent: str | None,
) -> str | None:
    """The real payload of button ``ref`` when it is the open question's, else ``None``."""
    if question is None or ref is None or question.question_id != ref[0]:
        return None
    asked = PendingChoiceRepository(session).asked(ref[0])
    if asked is None or asked.conversation_id != ctx.conversation_id or not asked.replies:
        return None
    shown = [p for reply in json.loads(asked.replies) for _, p in reply["buttons"]]
    payloads = [p for p in shown if numbered(p)]
    if not 1 <= ref[1] <= len(payloads):
        return None
    real = payloads[ref[1] - 1]
    parsed = parse_payload(real)
    return real if parsed is not None and parsed[0] == intent else None  # same action only


def _asked_again(session: Session, question: PendingQuestion | None) -> list[Reply] | None:
    """The open question's own replies again, its buttons numbered as before."""
    if question is None or question.question_id is None:
        return None
    asked = PendingChoiceRepository(session).asked(question.question_id)
    if asked is None or not asked.replies:
        return None
    replies = [
        Reply(r["response"], dict(r["params"]), tuple(map(tuple, r["buttons"])))
        for r in json.loads(asked.replies)
    ]
    return _numbered(replies, question.question_id)


def _offer_open(shop: Shop, ctx: ChatContext) -> bool:
    with shop.session_factory.begin() as session:
        return OfferRepository(session).open_offer(ctx.conversation_id) is not None


def stamp(shop: Shop, ctx: ChatContext, replies: list[Reply]) -> list[Reply]:
    """Number the question buttons of this turn's replies with the open question's id.

    The replies with such buttons are kept with the question (real payloads included). A
    question shown again with other buttons gets a new id, so no number means two things.
    Without an open question the replies are left as they are.
    """
    asking = [r for r in replies if any(numbered(p) for _, p in r.buttons)]
    if not asking:
        return replies
    record = json.dumps(
        [{"response": r.response, "params": r.params, "buttons": r.buttons} for r in asking],
        default=str,
    )
    with shop.session_factory.begin() as session:
        pending = PendingChoiceRepository(session)
        question = pending.peek(ctx.conversation_id, PENDING_MAX_AGE)
        if question is None or question.question_id is None:
            return replies
        question_id = question.question_id
        asked = pending.asked(question_id)
        if asked is not None and asked.replies and asked.replies != record:
            question_id = pending.renumber(ctx.conversation_id)
            asked = pending.asked(question_id)
        if asked is None:
            return replies
        asked.replies = record
    return _numbered(replies, question_id)


def _numbered(replies: list[Reply], question_id: int) -> list[Reply]:
    """``replies`` with each question button's payload replaced by its numbered one."""
    out: list[Reply] = []
    number = 0
    for reply in replies:
        buttons = []
        for title, payload in reply.buttons:
            if numbered(payload):
                number += 1
                intent = (parse_payload(payload) or ("", {}))[0]
                payload = question_payload(intent, question_id, number) or payload
            buttons.append((title, payload))
        out.append(replace(reply, buttons=tuple(buttons)))
    return out
