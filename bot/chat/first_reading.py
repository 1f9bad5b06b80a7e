"""Readings that come before the pending question's usual reading (review s20).

Called once per turn from :func:`bot.chat.dialogue.handle`, first. Each only answers a
pending question the usual reading gets wrong, or a request the model has no intent for;
every change it leads to is asked first (or was picked from the options shown):

* a question about cancelling, the "ok" after its answer, a cancel that refuses an option
  and the subscription refused (:mod:`bot.chat.cancel_talk`, s27);
* the which-line question of a bare quantity during an add-on offer (:mod:`bot.chat.which_line`);
* the answer to an add's "Did you mean A or B?" whatever intent its words got ("not that,
  the 256 one", "256 please" read as a removal): always the add of the picked option (G25);
* "stop" alone, "is my subscription active?", "resume my subscription", "not cancel, just
  pause", "cancel my monthly delivery" (:mod:`bot.chat.subscription_requests`);
* the answer to "Which subscription …?" or "your subscription, or an order?"
  (:mod:`bot.chat.which_subscription`), "what if I pause it?" (:mod:`bot.chat.pause_flow`)
  and "cancel my delivery" (asked back when there is a subscription; review s21);
* "remove all the usb-c things", "remove both phone cases", "stop the mouse pad order"
  (:mod:`bot.chat.removal_guards`; review s23);
* "cancel one tripod", "cancel my cart", "cancel everything" (:mod:`bot.chat.cart_cancels`)
  and "remove the tripod and add 2 mugs" (:mod:`bot.chat.two_requests`; review s27).

English cues: :mod:`bot.domain.language.en_subscription_words`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from bot.chat import (
    cancel_talk,
    cart,
    cart_cancels,
    option_pick,
    pause_flow,
    removal_guards,
    two_requests,
    which_line,
    which_subscription,
)
from bot.chat import subscription_requests as requests
from bot.chat.products import PENDING_MAX_AGE, pick_answer
from bot.chat.replies import ChatContext, Reply
from bot.domain.language.en_cues import says_add, says_remove
from bot.domain.language.en_subscription_words import (
    asks_pause_terms,
    asks_resume,
    asks_status,
    cancels_a_delivery,
    cancels_recurring_delivery,
    is_bare_stop,
    pause_not_cancel,
    picked_part,
)
from bot.domain.models import OfferKind
from bot.services.shop import Shop
from bot.store.offers import OfferRepository
from bot.store.pending import PendingChoiceRepository

if TYPE_CHECKING:
    from bot.chat.turns import Turn

Rerun = Callable[[str, str, Mapping[str, str], str], list[Reply]]
_ADD_ANSWERS = frozenset({"action_add_item", "action_choose_option"})
_REMOVE_ANSWERS = frozenset({"action_remove_item", "action_choose_option"})
_USUAL_ANSWERS = {  # a pending question: the actions that answer it as asked, the other verb
    "add_item": (_ADD_ANSWERS, says_remove),
    "remove_item": (_REMOVE_ANSWERS, says_add),
}


def first_reading(shop: Shop, ctx: ChatContext, turn: Turn, rerun: Rerun) -> list[Reply] | None:
    """The reply when one of these readings applies, else ``None`` (read as usual)."""
    if turn.confirmed:  # "yes" to "resume your subscription now?"
        confirmed_resume = requests.is_confirmed_resume(turn.text)
        return requests.resume_confirmed(shop, ctx, turn.text) if confirmed_resume else None
    answered = (
        cancel_talk.answer(shop, ctx, turn)  # "can I cancel anytime?", then "ok" (s27)
        or which_line.answer(shop, ctx, turn, rerun)
        or which_subscription.answer(shop, ctx, turn)  # "the second one" to "Which subscription?"
        or option_pick.answer(shop, ctx, turn)  # a bare "yes" to two options: which? (s25)
        or _add_choice(shop, ctx, turn)
        or cancel_talk.cancel_by_clauses(shop, ctx, turn)  # "no pausing, just cancel" (s27)
    )
    if answered is not None or not turn.text or turn.text.startswith("/"):
        return answered
    swept = cart_cancels.counted(shop, ctx, turn)  # "cancel one tripod" (s27, F40)
    swept = swept or cart_cancels.cart_cancel(shop, ctx, turn)  # "cancel my cart" (s27, F60)
    swept = swept or two_requests.both(shop, ctx, turn)  # "remove X and add Y" (s27, F48)
    swept = swept or removal_guards.sweep(shop, ctx, turn)  # "remove all the usb-c" (s23, T6)
    if swept is not None:
        return swept
    if is_bare_stop(turn.text):
        return requests.stop(shop, ctx)
    if asks_status(turn.text):
        return requests.status(shop, ctx)
    if asks_pause_terms(turn.text):  # "what if I pause it?": the terms, never the pause
        return pause_flow.pause_terms(shop, ctx, turn.text)
    if _retention_open(shop, ctx):
        return None  # "resume it", "just pause" during a cancel: the offer's own reading
    if asks_resume(turn.text):
        return requests.ask_resume(shop, ctx, turn.text)
    if pause_not_cancel(turn.text):
        return requests.ask_pause(shop, ctx)
    if cancels_recurring_delivery(turn.text):
        return requests.cancel_delivery(shop, ctx)
    if cancels_a_delivery(turn.text):  # "cancel my delivery": the subscription or an order?
        return requests.ask_which_delivery(shop, ctx)
    return removal_guards.cancel_item(shop, ctx, turn)  # "stop the mouse pad order" (s23, T5)


def _add_choice(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """An answer to a "Did you mean …?" under another intent: what the question said (G25).

    To an add's question, "not that, the 256 one", "256 please", "the second one" read as a
    removal or a "no" pick an option: the add completes with it. To a removal's question,
    "the usb-c one" read as an add picks the line to remove, never adds one (s23). A message
    with the other verb ("remove the mug" to an add's question, "add the usb-c one" to a
    removal's), or that picks no option, is read as usual.
    """
    if not turn.text or turn.text.startswith("/") or turn.confirmed:
        return None
    rest = picked_part(turn.text)
    with shop.session_factory.begin() as session:
        question = PendingChoiceRepository(session).peek(ctx.conversation_id, PENDING_MAX_AGE)
        if question is None or question.question not in _USUAL_ANSWERS:
            return None
        usual, other_verb = _USUAL_ANSWERS[question.question]
        if turn.action in usual and rest == turn.text.strip():
            return None  # the usual reading already does what the question said
        if other_verb(rest):
            return None
        pick = pick_answer(session, question, rest)
    if pick.product is None and not (pick.answered and rest != turn.text.strip()):
        return None
    return cart.choose_option(shop, ctx, None, rest)


def _retention_open(shop: Shop, ctx: ChatContext) -> bool:
    with shop.session_factory.begin() as session:
        offer = OfferRepository(session).open_offer(ctx.conversation_id)
        return offer is not None and OfferKind(offer.kind).is_retention
