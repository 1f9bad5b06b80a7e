"""An answer to the open offer, carried out: accept, decline, a question, another option.

:func:`bot.chat.dialogue.handle` reads the message against the open offer
(:func:`bot.domain.dialogue.read_answer`); a message that answers it is carried out here,
or asked back first when it was unsure or unclear ("Just to be sure: … cancel your Care
Plus subscription?"), naming the real action.
"""

from __future__ import annotations

from dataclasses import replace

from bot.chat import cancel, cancel_talk, offer_answers, retention_terms, selling
from bot.chat.pending_reads import confirm_turn
from bot.chat.replies import ChatContext, Reply
from bot.chat.retention_pick import pick_one_option
from bot.chat.turns import Turn
from bot.domain.dialogue import (
    Answer,
    asked_option,
    asks_for_another_option,
    needs_confirmation,
    retention_choices,
)
from bot.domain.language.en_pause import says_length
from bot.domain.language.en_retention_answers import asks_about_option
from bot.domain.models import OfferKind
from bot.domain.retention import CHEAPER_PLAN, DISCOUNT, PAUSE
from bot.services.shop import Shop
from bot.store.tables import OfferEventRow, utcnow

_RETENTION_OPTION = {Answer.PAUSE: PAUSE, Answer.SWITCH: CHEAPER_PLAN, Answer.DISCOUNT: DISCOUNT}


def answer_offer(
    shop: Shop,
    ctx: ChatContext,
    turn: Turn,
    offer: OfferEventRow,
    answer: Answer,
    words: list[str],
) -> list[Reply]:
    """Carry out the shopper's answer to the open offer, or ask it back naming the real action.

    Args:
        shop: The shop.
        ctx: The conversation.
        turn: The message.
        offer: The open offer (detached).
        answer: How the message answers it (:func:`bot.domain.dialogue.read_answer`).
        words: The words naming what the offer offers.
    """
    kind = OfferKind(offer.kind)
    asked = (
        None
        if turn.confirmed or not kind.is_retention
        else asked_option(kind, answer, turn.text, words)
    )  # "what about pausing?", "pause instead?": its terms, Yes / No; nothing changes (s25)
    if asked is not None:
        return retention_terms.present(shop, ctx, _RETENTION_OPTION[asked], turn.text)
    if answer is Answer.LATER:  # "maybe later": recorded as later, nothing changes (s25)
        return cancel.keep_as_is(shop, ctx, "later")
    if answer is Answer.DETAIL:
        detail = selling.offer_detail(shop, replace(ctx, upset=True))
        if kind.is_retention:  # an "ok" next acknowledges it: the offer again (s27, F1)
            cancel_talk.remember_answer(shop, ctx, offer)
        return detail
    if answer is Answer.HOLD:  # "no wait", "not sure": nothing decided, asked again
        return offer_answers.hold(shop, ctx)
    if answer is Answer.KEEP:  # changes nothing: no confirmation needed
        return cancel.keep_as_is(shop, ctx)
    if answer is Answer.SEVERAL:  # "switch to basic and give me the discount too": which?
        wanted = retention_choices(kind, turn.text, words)
        with shop.session_factory.begin() as session:
            options = [_RETENTION_OPTION[choice] for choice in wanted]
            return [pick_one_option(session, shop, offer, options)]
    question = not turn.confirmed and asks_for_another_option(offer.kind, answer, turn.text)
    if answer is Answer.UNCLEAR or question or needs_confirmation(turn.intent, turn.confidence):
        asked, summary = offer_answers.to_confirm(shop, turn, offer, answer)
        return [confirm_turn(shop, ctx, asked, summary)]  # names the real action
    if answer is Answer.ACCEPT:  # a "2 × case" button carries its quantity
        quantity = turn.entities.get("quantity") if turn.text.startswith("/") else None
        return selling.accept_offer(shop, ctx, quantity)
    if answer is Answer.DECLINE:
        return selling.decline_offer(shop, ctx, turn.text)
    return cancel.choose_retention_option(shop, ctx, _RETENTION_OPTION[answer], turn.text)


def pause_length_answer(
    shop: Shop, ctx: ChatContext, turn: Turn, offer: OfferEventRow | None
) -> list[Reply] | None:
    """A pause length said to an open pause offer: that pause, whatever the intent (s23).

    "fine, make it 10 days" (read as a quantity change) or "yes, for 2 weeks" to "you could
    pause it for a month instead" pauses for the length said, or refuses it with the shop's
    limit; never the month the offer named, and never a cart change.
    """
    if offer is None or OfferKind(offer.kind) is not OfferKind.RETENTION_PAUSE:
        return None
    if turn.confirmed or not says_length(turn.text, utcnow().date()):
        return None
    if asks_about_option(turn.text):  # "could I pause it for 2 weeks?": its terms first (s25)
        return None
    return cancel.choose_retention_option(shop, ctx, PAUSE, turn.text)
