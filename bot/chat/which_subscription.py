"""Answers to "Which subscription …?" and to "your subscription, or an order?" (review s21).

Read first on the turn after the question (:mod:`bot.chat.first_reading`):

* a button (``/choose_option{"product": "Care Plus"}``), an ordinal ("the second one", "2",
  "the last one") or a plan's name or own word ("plus", "the premium one") picks one
  subscription: the stored request (cancel, pause, plan change) runs for exactly it;
* "yes", "hold on" pick none: asked again; nothing changes;
* "no" drops the question: "Okay, I haven't changed anything.";
* anything else drops it and is read as a new request.

To "your Care Plus subscription, or an order?" the subscription (its button, its name, "the
subscription", "the first") starts the cancel flow; "an order" (or "the second") gets the
honest "I can't cancel a placed order here". Nothing changes on a guess.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.chat import cancel, pause_flow, plan_change
from bot.chat import subscription_requests as requests
from bot.chat.products import PENDING_MAX_AGE
from bot.chat.replies import ChatContext, Reply
from bot.chat.subscription_choice import (
    CANCEL,
    CANCEL_NOW,
    CANCEL_WHAT,
    CHANGE_PLAN,
    PAUSE,
    RESUME,
    TEXT,
    WHICH_SUBSCRIPTION,
    pick_button,
    which_reply,
)
from bot.domain.language import ENGLISH
from bot.domain.language.en_clauses import asked_text, refused
from bot.domain.language.en_offer_cues import decides_nothing
from bot.domain.subscription_state import picked_subscription, says_other_one
from bot.services.shop import Shop
from bot.store.pending import PendingChoiceRepository, PendingQuestion

if TYPE_CHECKING:
    from bot.chat.turns import Turn

_ACTION_WORDS = {CANCEL: "cancel", CANCEL_NOW: "cancel", PAUSE: "pause", RESUME: "resume"}
_REQUESTS = (
    (CANCEL, re.compile(r"\b(?:cancel\w*|terminate|end)\b", re.I)),
    (PAUSE, re.compile(r"\b(?:paus\w*|freeze|on\s+hold)\b", re.I)),
    (CHANGE_PLAN, re.compile(r"\b(?:switch\w*|chang\w*|mov\w*|upgrad\w*|downgrad\w*)\b", re.I)),
    (RESUME, re.compile(r"\b(?:resum\w*|un-?paus\w*|reactivat\w*)\b", re.I)),
)
"""Request words: an answer that asks for another kind of change is a new request."""
_ORDER = re.compile(r"\b(?:orders?|purchase|bought|placed|second|2nd|latter|last|one-?off)\b", re.I)
_SUBSCRIPTION = re.compile(r"\b(?:subscription|plan|membership|recurring|first|1st|former)\b", re.I)


def _words(turn: Turn) -> str:
    """What the answer says: a button's ``product`` entity, else the typed text."""
    if turn.text.startswith("/"):
        return turn.entities.get("product", "") if turn.intent == "choose_option" else ""
    return turn.text


def answer(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """Read the message against a pending subscription question, or ``None`` (none pending)."""
    if turn.confirmed:
        return None
    with shop.session_factory.begin() as session:
        pending = PendingChoiceRepository(session)
        question = pending.peek(ctx.conversation_id, PENDING_MAX_AGE)
        if question is None or question.question not in (WHICH_SUBSCRIPTION, CANCEL_WHAT):
            return None
        words = _words(turn)
        picked = None if _asks_other(question, words) else _pick(question, words)
        unclear = decides_nothing(words) or ENGLISH.affirms(words) or says_other_one(words)
        unclear = unclear or _only_refuses(question, words)  # "not premium" of three: which?
        if picked is None and words and unclear:
            return [_again(question)]  # "yes" / "hold on" / "the other one": still open
        pending.clear(ctx.conversation_id)
    if picked is None and words and ENGLISH.denies(words):
        return [Reply("utter_confirm_declined")]
    if picked is None:
        return None  # a button of its own, or a new request: read as usual
    if question.question == CANCEL_WHAT:
        if picked == "order":
            return [Reply("utter_cancel_order_unsupported", {"contact": shop.support_contact})]
        return cancel.cancel_subscription(shop, ctx)
    return _carry_out(shop, ctx, question, int(picked))


def _asks_other(question: PendingQuestion, words: str) -> bool:
    """Whether the answer asks for another kind of change ("pause the plus one" to "cancel?").

    It then picks nothing: the question is dropped and the message read as a new request.
    """
    if question.question != WHICH_SUBSCRIPTION:
        return False
    asked = CANCEL if question.detail == CANCEL_NOW else question.detail
    said = {kind for kind, pattern in _REQUESTS if pattern.search(words)}
    return bool(said - {asked})


def _pick(question: PendingQuestion, words: str) -> str | None:
    """The option the words pick (a subscription id, or ``subscription`` / ``order``)."""
    if question.question == CANCEL_WHAT:
        plan = question.options[0][1]
        said, turned_down = asked_text(words), " ".join(refused(words))  # "not an order" (s27)
        says_order, says_subscription = (
            bool(_ORDER.search(said)) or _names_subscription(turned_down, plan),
            _names_subscription(said, plan) or bool(_ORDER.search(turned_down)),
        )
        if says_order != says_subscription:
            return "order" if says_order else "subscription"
        return None
    options = [(int(value), label) for value, label in question.options if value != TEXT]
    picked = picked_subscription(words, options)
    return None if picked is None else str(picked)


def _only_refuses(question: PendingQuestion, words: str) -> bool:
    """Whether the answer only turns a subscription down ("not premium"), asking no other."""
    if question.question != WHICH_SUBSCRIPTION or not refused(words) or asked_text(words):
        return False
    return not ENGLISH.denies(words)


def _names_subscription(words: str, plan: str) -> bool:
    return bool(_SUBSCRIPTION.search(words) or (words and plan.lower() in words.lower()))


def _again(question: PendingQuestion) -> Reply:
    if question.question == CANCEL_WHAT:
        plan = question.options[0][1]
        options = f'"your {plan} subscription" or "an order"'
        buttons = (
            (f"My {plan} subscription", "/cancel_subscription"),
            ("An order", pick_button("an order")),
        )
        return Reply("utter_which_one", {"options": options}, buttons)
    return which_reply(question, _ACTION_WORDS.get(question.detail or "", "switch"))


def _carry_out(
    shop: Shop, ctx: ChatContext, question: PendingQuestion, subscription_id: int
) -> list[Reply]:
    """Run the stored request for the picked subscription, exactly as asked."""
    text = dict(question.options).get(TEXT, "")
    kind = question.detail
    if kind == PAUSE:
        return pause_flow.pause_subscription(shop, ctx, text, subscription_id)
    if kind == CHANGE_PLAN:
        return plan_change.change_plan(shop, ctx, text, subscription_id=subscription_id)
    if kind == RESUME:
        return requests.ask_resume(shop, ctx, text, subscription_id)
    if kind == CANCEL_NOW:
        return cancel.cancel_confirmed(shop, ctx, text, subscription_id)
    return cancel.cancel_subscription(shop, ctx, text, subscription_id)
