"""Talk about cancelling, read by its clauses before any other reading (issue 12, s27).

Called from :func:`bot.chat.first_reading.first_reading`. English cues:
:mod:`bot.domain.language.en_cancel_talk`.

* **A question about cancelling** ("how do I cancel?", "can I cancel anytime?", "is there a
  fee to cancel?", "what if I cancel?", "do I lose my discount?" during a retention offer)
  is answered: cancel any time here, no fee, no more charges, a discount ends with it.
  Nothing changes and whatever was open stays open (the retention offer keeps its buttons;
  a pending confirmation or "Which subscription?" is not touched). It is never a cancel.
* **"ok" after that answer** ("fine", "alright", "got it") acknowledges it, never takes
  the offer: the open retention offer is shown again with its buttons; with none open the
  shopper is asked "do you want me to cancel your Care Plus subscription?".
* **A cancel that refuses an option** ("no pausing, just cancel my sub", "cancel without
  pausing", "dont pause it, cancel it", "no downgrade, just cancel"), whatever the model
  read it as (a pause, a plan change, a "no"): the cancel request, through the usual
  guards. The refused option is never carried out and never offered; with every option
  the shop would offer refused it is cancelled at once (:mod:`bot.chat.retention`).
* **The subscription refused or thrown out** ("i dont want care plus", "no care plus",
  "lose the care plus", "get rid of my membership"): that plan's cancel request (retention
  offer / confirmation as usual), never a cart change.
* A pause or plan change whose only words refuse it ("no pausing") changes nothing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.chat.offer_answers import to_confirm
from bot.chat.pending_reads import confirm_turn
from bot.chat.plan_change import change_plan
from bot.chat.products import PENDING_MAX_AGE
from bot.chat.replies import ChatContext, Reply
from bot.chat.retention import offer_buttons, option_reply
from bot.chat.subscription_safety import cancel_request
from bot.domain.answers import Answer
from bot.domain.errors import DomainError
from bot.domain.language.en_cancel_talk import (
    CHEAPER_PLAN,
    PAUSE,
    acknowledges,
    cancel_question,
    refused_in_clause,
    refused_options,
    refused_subscription,
    without_refusals,
)
from bot.domain.language.en_clauses import refused
from bot.domain.language.en_offer_cues import is_marketing_unsubscribe
from bot.domain.language.en_subscription_safety import (
    names_subscription,
    says_cancel,
    says_pause,
)
from bot.domain.language.en_support import mentions_change
from bot.domain.models import OfferKind, Plan
from bot.domain.plan_change import plans_said
from bot.domain.request_rules import is_about_an_order, is_unsure_request
from bot.domain.retention import OPTION_OF, RetentionOption
from bot.services import subscriptions
from bot.services.access import claims_for_customer
from bot.services.shop import Shop
from bot.store.mapping import plan_of
from bot.store.offers import OfferRepository
from bot.store.pending import PendingChoiceRepository, PendingQuestion
from bot.store.repositories import SubscriptionRepository
from bot.store.tables import OfferEventRow

if TYPE_CHECKING:
    from bot.chat.turns import Turn

ANSWERED = "cancel_question_answered"
"""The pending question's kind after a cancel question was answered: an "ok" next is an
acknowledgement (option ``offer``: the retention offer open then, or "")."""
_CANCEL = ("action_cancel_subscription", "cancel_subscription")
_PLAIN = "cancel my subscription"
_REFUSABLE = {"action_pause_subscription": PAUSE, "action_change_plan": CHEAPER_PLAN}
_ANSWER = {PAUSE: Answer.PAUSE, CHEAPER_PLAN: Answer.SWITCH}
_ASKED_AS = {"action_pause_subscription": says_pause, "action_change_plan": mentions_change}


def answer(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """A question about cancelling, or the "ok" after its answer; else ``None``."""
    if turn.confirmed or not turn.text:
        return None
    acknowledged = _acknowledged(shop, ctx, turn)  # a button is no "ok": the answer is done
    if acknowledged is not None or turn.text.startswith("/"):
        return acknowledged
    return _question(shop, ctx, turn)


def cancel_by_clauses(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """A cancel that refuses an option, or the subscription refused; else ``None``."""
    if turn.confirmed or not turn.text or turn.text.startswith("/"):
        return None
    text = turn.text
    if is_about_an_order(text) or is_marketing_unsubscribe(text):
        return None
    with shop.session_factory.begin() as session:
        offer = OfferRepository(session).open_offer(ctx.conversation_id)
        if offer is not None and OfferKind(offer.kind) is OfferKind.DOWNSELL:
            return None  # "no cheaper one, just cancel it": the cart line's removal
        plans = [plan_of(p) for p in SubscriptionRepository(session).plans()]
        if not _holds_one(session, shop, ctx):
            return None
    words = _cancel_words(text, plans)
    if words is None:
        return _refused_reading(shop, ctx, turn)
    with shop.session_factory.begin() as session:
        PendingChoiceRepository(session).clear(ctx.conversation_id)  # a new request
    plain, said = words
    cancel_turn = replace(turn, action=_CANCEL[0], intent=_CANCEL[1], entities={}, text=plain)
    return cancel_request(
        shop, ctx, cancel_turn, said, lambda asked, s: confirm_turn(shop, ctx, asked, s)
    )


def _refused_reading(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """A pause or plan-change reading whose words refuse that very option: never carried out.

    "no pausing" changes nothing; "switch me to basic instead of pausing" read as a pause
    is the plan change it asks for, asked first; "pause it, don't switch me" read as a plan
    change is the pause, asked first.
    """
    option = _REFUSABLE.get(turn.action)
    if option is None or option not in refused_options(turn.text):
        return None
    asked = without_refusals(turn.text)
    other = next(a for a, o in _REFUSABLE.items() if o != option)
    wants_other = bool(asked) and _ASKED_AS[other](asked)
    with shop.session_factory.begin() as session:
        offer = OfferRepository(session).open_offer(ctx.conversation_id)
        if offer is not None and OfferKind(offer.kind).is_retention:
            if not wants_other:  # "no pausing" to the offer: nothing changes, shown again
                return [_offer_again(session, shop, offer)]
            kind, wanted_option = OfferKind(offer.kind), _REFUSABLE[other]
            answer = Answer.ACCEPT if OPTION_OF[kind] == wanted_option else _ANSWER[wanted_option]
    if offer is not None and OfferKind(offer.kind).is_retention:
        request, summary = to_confirm(shop, replace(turn, text=asked), offer, answer)
        return [confirm_turn(shop, ctx, request, summary)]  # the option asked for, asked first
    if not wants_other:
        return [Reply("utter_confirm_declined")]
    if other == "action_change_plan":
        return change_plan(shop, ctx, asked)  # asked first, with the price difference
    wanted = replace(turn, action=other, intent=other.removeprefix("action_"), text=asked)
    return [confirm_turn(shop, ctx, wanted)]


def _cancel_words(text: str, plans: list[Plan]) -> tuple[str, str] | None:
    """``(plain cancel words, the flow's words)`` for a cancel read from clauses, else ``None``.

    The plain words ("cancel my Care Plus subscription") go through the guards; the flow
    reads the message itself when it refuses options (never offered), else the plain words.
    """
    if refused_subscription(text, [p.name for p in plans]):
        named = plans_said(text, plans)
        plain = f"cancel my {named[0].name} subscription" if len(named) == 1 else _PLAIN
        return plain, plain
    if not refused(text) and not refused_in_clause(text):
        return None
    asked = without_refusals(text)
    if not says_cancel(asked) or is_unsure_request(asked) or _refuses_cancel(text):
        return None
    if not (refused_options(text) or names_subscription(asked)):
        return None  # "cancel the mugs, not the tripod": not about the subscription
    return (asked if names_subscription(asked) else _PLAIN), text


def _refuses_cancel(text: str) -> bool:
    return any(says_cancel(thing) for thing in refused(text))


def _holds_one(session: Session, shop: Shop, ctx: ChatContext) -> bool:
    try:
        claims = claims_for_customer(shop.secret, ctx.token)
    except DomainError:
        return False
    return bool(SubscriptionRepository(session).live_for(claims.customer_id))


def _question(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """Answer a question about cancelling; nothing changes, nothing open is closed."""
    with shop.session_factory.begin() as session:
        offer = OfferRepository(session).open_offer(ctx.conversation_id)
        retention = offer if offer is not None and OfferKind(offer.kind).is_retention else None
        if cancel_question(turn.text, retention is not None) is None:
            return None
        try:
            claims = claims_for_customer(shop.secret, ctx.token)
        except DomainError:
            return None
        rows = SubscriptionRepository(session).live_for(claims.customer_id)
        if retention is not None:
            rows = [r for r in rows if r.id == retention.subscription_id] or rows
        if not rows:
            return [Reply("utter_no_subscription")]
        names = [subscriptions.view_of(session, row).plan.name for row in rows]
        plan = " and ".join(names)
        pending = PendingChoiceRepository(session)
        question = pending.peek(ctx.conversation_id, PENDING_MAX_AGE)
        if question is None or question.question == ANSWERED:  # never over an open question
            stored = (("offer", str(retention.id) if retention else ""), ("plan", plan))
            pending.ask(ctx.conversation_id, PendingQuestion(ANSWERED, stored))
        if retention is None:
            return [Reply("utter_cancel_terms", {"plan": plan})]
        buttons = offer_buttons(retention, _offered_name(session, retention, names[0]))
        return [Reply("utter_cancel_terms_offer", {"plan": plan}, buttons)]


def remember_answer(shop: Shop, ctx: ChatContext, offer: OfferEventRow) -> None:
    """Note that a question about the open retention offer was just answered.

    An "ok" next acknowledges the answer and shows the offer again (never takes it). An
    open question of another kind is left as it is.
    """
    with shop.session_factory.begin() as session:
        pending = PendingChoiceRepository(session)
        question = pending.peek(ctx.conversation_id, PENDING_MAX_AGE)
        if question is None or question.question == ANSWERED:
            stored = (("offer", str(offer.id)), ("plan", ""))
            pending.ask(ctx.conversation_id, PendingQuestion(ANSWERED, stored))


def _acknowledged(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """The "ok" after a cancel question's answer: the offer again, or the cancel asked."""
    with shop.session_factory.begin() as session:
        pending = PendingChoiceRepository(session)
        question = pending.peek(ctx.conversation_id, PENDING_MAX_AGE)
        if question is None or question.question != ANSWERED:
            return None
        if not acknowledges(turn.text):
            pending.clear(ctx.conversation_id)  # anything else: read as usual
            return None
        stored = dict(question.options)
        offer = OfferRepository(session).open_offer(ctx.conversation_id)
        if offer is not None and str(offer.id) == stored.get("offer"):
            return [_offer_again(session, shop, offer)]  # still open: shown again, unchanged
        pending.clear(ctx.conversation_id)
        if stored.get("offer"):
            return None  # the offer was settled meanwhile: read as usual
    plan = stored.get("plan", "")
    asked = replace(turn, action=_CANCEL[0], intent=_CANCEL[1], entities={},
                    text=_PLAIN)  # fmt: skip
    return [confirm_turn(shop, ctx, asked, f"cancel your {plan} subscription")]


def _offered_name(session: Session, offer: OfferEventRow, current: str) -> str:
    offered = SubscriptionRepository(session).plan_by_code(offer.sku)
    return offered.name if offered is not None else current


def _offer_again(session: Session, shop: Shop, offer: OfferEventRow) -> Reply:
    """The open retention offer's own message again, with its buttons (nothing recorded)."""
    repo = SubscriptionRepository(session)
    row = repo.get(offer.subscription_id or 0)
    current = subscriptions.view_of(session, row).plan if row is not None else None
    option_name = OPTION_OF[OfferKind(offer.kind)]
    offered = repo.plan_by_code(offer.sku)
    plan = plan_of(offered) if offered is not None and option_name == CHEAPER_PLAN else None
    if current is None:
        raise DomainError("the offer's subscription is gone")
    return option_reply(shop, RetentionOption(option_name, plan), current, offer.id)
