"""Requests read from the message text before the predicted action's own flow.

Three requests are recognised by their words whatever intent the NLU gave them, because a
wrong intent there would sell, or change the wrong thing: asking for a person
(:mod:`bot.chat.handoff`), undoing the last cart change (:mod:`bot.chat.undo`) and changing
the subscription's plan without cancelling (:mod:`bot.chat.plan_change`). Every other turn
runs its action's flow, and :func:`run_turn` keeps any cart change it made for "undo".
"""

from __future__ import annotations

from collections.abc import Callable

from bot.chat.handoff import handoff
from bot.chat.plan_change import change_plan, is_plan_change
from bot.chat.question_presses import stamp
from bot.chat.replies import ChatContext, Reply
from bot.chat.subscription_safety import plan_question_reply
from bot.chat.subscription_undo import take_back
from bot.chat.turns import Turn
from bot.chat.undo import recorded, undo_last
from bot.chat.unsupported import unsupported_request
from bot.domain.language.en_offer_facts import asks_delivery_date, asks_to_swap_back
from bot.domain.language.en_support import asks_for_person, asks_to_undo
from bot.services.shop import Shop
from bot.store.pending import PendingChoiceRepository


def by_text(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """The reply to a request recognised by its words, or ``None`` to run the action's flow.

    A button payload or a confirmed request is never re-read: its intent says it all.
    """
    if turn.confirmed or turn.text.startswith("/"):
        return None
    if asks_for_person(turn.text):
        _drop_pending(shop, ctx)
        return handoff(shop, ctx)
    if asks_delivery_date(turn.text):  # "when will it arrive?": never a total (s25)
        return unsupported_request("ask_delivery_date", shop.support_contact)
    if asks_to_swap_back(turn.text):  # "swap it back": a swap's reversal, nothing else (s25)
        _drop_pending(shop, ctx)
        return undo_last(shop, ctx, turn.text, swaps_only=True)
    if asks_to_undo(turn.text):
        _drop_pending(shop, ctx)
        return undo_last(shop, ctx, turn.text)
    taken_back = take_back(shop, ctx, turn.text)  # "switch me back" after a plan switch
    if taken_back is not None:
        return taken_back
    answered = plan_question_reply(shop, ctx, turn.text)  # "20% off my plan?": never a cancel
    if answered is not None:
        _drop_pending(shop, ctx)
        return answered
    if is_plan_change(shop, ctx, turn.text):
        _drop_pending(shop, ctx)
        return change_plan(shop, ctx, turn.text)
    return None


def _drop_pending(shop: Shop, ctx: ChatContext) -> None:
    """Forget a pending confirmation or did-you-mean: this new request supersedes it."""
    with shop.session_factory.begin() as session:
        PendingChoiceRepository(session).clear(ctx.conversation_id)


def run_turn(
    shop: Shop, ctx: ChatContext, turn: Turn, dialogue: Callable[[], list[Reply]]
) -> list[Reply]:
    """Answer a request recognised by its words, else run the dialogue; record cart changes.

    Args:
        shop: The shop.
        ctx: The conversation, its access already checked.
        turn: The message as the dialogue reads it.
        dialogue: The action's dialogue (pending question first, then its own flow).
    """
    replies = recorded(shop, ctx, lambda: by_text(shop, ctx, turn) or dialogue())
    return stamp(shop, ctx, replies)  # a question's buttons name it (issue 12)
