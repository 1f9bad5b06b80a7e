"""What is pending in a conversation, read once per turn, and the small writes around it.

:mod:`bot.chat.dialogue` reads the open offer once (:func:`open_offer`), then the pending
did-you-mean or confirmation with it (:func:`read_pending`); a request asked back is stored as
the pending confirmation (:func:`confirm_turn`) and decoded when "yes" comes
(:func:`decode`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.chat import offer_answers
from bot.chat.confirm import CONFIRM, ask_confirmation
from bot.chat.products import PENDING_MAX_AGE, picks_pending_option
from bot.chat.replies import ChatContext, Reply
from bot.chat.summaries import request_summary
from bot.chat.swap_questions import SWAP_CHOICES
from bot.chat.turns import DROPPED, PICKED, Turn
from bot.domain.dialogue import needs_confirmation
from bot.domain.language import ENGLISH
from bot.domain.language.en_clauses import refused
from bot.domain.language.en_cues import says_add, says_remove, says_swap
from bot.domain.language.en_pause import read_pause, says_length
from bot.domain.options import is_plain_answer
from bot.domain.quantities import count_after_yes, main_phrase
from bot.services.shop import Shop
from bot.store.offers import OfferRepository
from bot.store.pending import PendingChoiceRepository, PendingQuestion
from bot.store.tables import OfferEventRow, utcnow


@dataclass(frozen=True)
class Pending:
    """What the turn found pending.

    Attributes:
        picks: :data:`PICKED`, :data:`DROPPED` or "" (:func:`answers_choice`).
        confirmation: The pending confirmation, taken (it answers only this message).
        offer: The open offer, detached from its session.
        words: The words naming what the offer offers ("screen protector", "basic").
        question: The pending question as it was read (before a "no" cleared it).
    """

    picks: str
    confirmation: PendingQuestion | None
    offer: OfferEventRow | None
    words: list[str]
    question: PendingQuestion | None = None


def open_offer(shop: Shop, ctx: ChatContext) -> tuple[OfferEventRow | None, list[str]]:
    """The conversation's open offer (detached) and the words naming what it offers."""
    with shop.session_factory.begin() as session:
        offer = OfferRepository(session).open_offer(ctx.conversation_id)
        if offer is None:
            return None, []
        session.expunge(offer)
        return offer, offer_answers.offer_words(session, offer)


def read_pending(
    shop: Shop, ctx: ChatContext, turn: Turn, offer: OfferEventRow | None, words: list[str]
) -> Pending:
    """The pending question, read in one transaction, with the offer read at the turn's start.

    A did-you-mean the message turns down, and a confirmation, are cleared here: each
    answers only this message.
    """
    with shop.session_factory.begin() as session:
        pending = PendingChoiceRepository(session)
        question = pending.peek(ctx.conversation_id, PENDING_MAX_AGE)
        picks = answers_choice(session, question, turn)
        confirmation = question if question is not None and question.question == CONFIRM else None
        if picks is DROPPED or confirmation is not None:
            pending.clear(ctx.conversation_id)
    return Pending(picks, confirmation, offer, words if offer is not None else [], question)


def answers_choice(session: Session, question: PendingQuestion | None, turn: Turn) -> str:
    """Whether the message answers the pending did-you-mean rather than asking anew.

    A plain answer ("the cheaper one", "yes", "that one", "the second one") answers it
    whatever the intent: the pending question comes first. "no" / "neither" drops it
    (:data:`DROPPED`). Otherwise, to be :data:`PICKED`, the message must pick one of the
    options, and either come unsure (any intent below its threshold), as a plain answer, or
    as the same request the question came from.
    """
    if question is None or question.question == CONFIRM or not turn.text:
        return ""
    if turn.text.startswith("/"):  # a button: its intent and entities say it all
        return DROPPED if turn.intent == "deny" else ""
    if refused(turn.text) and picks_pending_option(session, question, turn.text):
        return PICKED  # "not the leather one": the other option (s27), never a plain "no"
    if ENGLISH.denies(turn.text):
        return DROPPED
    if turn.action == "action_choose_option":
        return ""  # the choose flow reads the question itself
    if is_plain_answer(turn.text, len(question.options), ENGLISH):
        return PICKED
    asked_by = "swap_item" if question.question in SWAP_CHOICES else question.question
    same = turn.intent in (asked_by, "choose_option", "nlu_fallback", None) or (
        asked_by == "swap_item" and turn.intent == "add_item" and not says_add(turn.text)
    )  # "the travel tripod" to a swap's "Did you mean …?": the name, no new add
    same = same or names_a_line(question, turn)
    unsure = needs_confirmation(turn.intent, turn.confidence)
    picks = (same or unsure) and picks_pending_option(session, question, turn.text)
    return PICKED if picks else ""


_LINE_QUESTIONS = frozenset({"remove_item", "change_quantity", "scale_line"})
_CART_INTENTS = frozenset({"add_item", "remove_item", "change_quantity"})


def names_a_line(question: PendingQuestion, turn: Turn) -> bool:
    """Whether a message only names a line, in answer to a line question (trial 14, F34).

    "the mugs" or "travel tripod" to "Did you mean to change Ceramic Mug or Travel
    Tripod?" (after "make it 3", "double it", "one less") is that pick, whichever cart
    intent the model read it as: the stored request completes for that line. A message
    with its own verb or count ("remove the mugs", "3 tripods") is a request of its own.
    """
    if question.question not in _LINE_QUESTIONS or turn.intent not in _CART_INTENTS:
        return False
    text = turn.text
    if says_add(text) or says_remove(text) or says_swap(text):
        return False
    phrase = main_phrase(text)
    return phrase is None or phrase.value is None


def supersede(shop: Shop, offer_id: int) -> None:
    """Close the offer as superseded, if it is still the conversation's open offer."""
    with shop.session_factory.begin() as session:
        offers = OfferRepository(session)
        offer = session.get(OfferEventRow, offer_id)
        if offer is not None and offers.open_offer(offer.conversation_id) is offer:
            offers.resolve(offer, "superseded")


def confirm_turn(shop: Shop, ctx: ChatContext, turn: Turn, summary: str | None = None) -> Reply:
    """Ask the turn's request back as a yes/no confirmation (:func:`ask_confirmation`).

    The stored row keeps the action, the exact ``/intent{entities}`` payload (also the Yes
    button's) and the message text, so a typed "yes" carries out exactly what was asked.
    """
    entities = {k: v[:80] for k, v in turn.entities.items() if k in ("product", "quantity")}
    request = (turn.action, turn.intent or "affirm", entities, turn.text)
    with shop.session_factory.begin() as session:
        said = (turn.intent, turn.entities, turn.text)
        action = request_summary(session, ctx.conversation_id, said, summary)
        if action is None:  # "remove it" with nothing in focus: which product, not "that"
            return Reply("utter_ask_product")
        return ask_confirmation(session, ctx.conversation_id, request, action)


def decode(question: PendingQuestion) -> tuple[str, str, dict[str, str], str]:
    """``(action, intent, entities, text)`` of a stored confirmation."""
    action, payload = question.options[0]
    text = question.options[1][1] if len(question.options) > 1 else ""
    intent = question.detail or "affirm"
    body = payload[len(intent) + 1 :]
    entities = json.loads(body) if body else {}
    return action, intent, {str(k): str(v) for k, v in entities.items()}, text


def answer_length_wins(action: str, stored_text: str, answer: str) -> str:
    """The text a confirmed request runs with: a pause length said in the answer wins.

    "Shall I pause it for a month instead?" → "ok 3 weeks then" pauses for 3 weeks (or
    refuses that length), never the month the question named (s21 review S5).
    """
    if action == "action_pause_subscription" and read_pause(answer, utcnow().date()):
        return answer
    return stored_text


def answers_with_length(action: str, answer: str) -> bool:
    """Whether the answer to a pending pause question says how long, whatever its intent.

    "fine, make it 10 days" (read as a quantity change) to "Shall I pause it for a month
    instead?" is that pause: it runs for the length said, or is refused with the shop's
    limit (review s23). Never a cart change.
    """
    return action == "action_pause_subscription" and says_length(answer, utcnow().date())


_COUNTED = frozenset({"action_add_item", "action_change_quantity"})


def answer_count_wins(
    action: str, stored_text: str, entities: dict[str, str], answer: str
) -> tuple[str, dict[str, str]] | None:
    """The request with the count a "yes" answer changes to, or None when it says none.

    "Do you want me to add 2 × Ceramic Mug?" → "yes but only one" adds one (issue 12, s25,
    H6): the answer's count replaces the stored one, in the text the flow reads and in
    its entities.
    """
    count = count_after_yes(answer) if action in _COUNTED else None
    if count is None:
        return None
    phrase = main_phrase(stored_text) if stored_text else None
    if phrase is not None and not phrase.may_be_name:
        text = stored_text[: phrase.start] + f"{count} " + stored_text[phrase.end :]
    elif phrase is not None and phrase.may_be_name and phrase.value != count:
        text = stored_text[: phrase.start] + f"{count}" + stored_text[phrase.end :]
    else:
        product = entities.get("product", "")
        verb = "add" if action == "action_add_item" else "make it"
        text = f"{verb} {count} {product}".strip()
    return " ".join(text.split()), {**entities, "quantity": str(count)}
