"""Taking back the subscription change just made: asked first, then exactly reversed.

Right after the assistant switched a plan or paused a subscription at the shopper's
request, "undo", "changed my mind", "switch me back", "I want my old plan back" or "unpause
it" asks first — "Just to be sure: do you want me to switch your subscription back to Care
Plus at $9.99/month?" / "… resume your Care Plus subscription now, at $9.99/month?" — through
the one confirmation step (:mod:`bot.chat.confirm`); only the "yes" puts the subscription
back as it was, and only while it still is as the change left it. A cancellation is not
undone: the shopper is told how to subscribe again. The change is the conversation's last
change of either kind (:mod:`bot.store.subscription_changes`), kept by
:func:`bot.chat.undo.recorded`; a later cart change replaces it, and the cart's "undo" then
undoes that one.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.chat.confirm import ask_confirmation
from bot.chat.products import PENDING_MAX_AGE
from bot.chat.replies import ChatContext, Reply, plan_params
from bot.domain.errors import DomainError
from bot.domain.language.en_subscription_undo import (
    asks_to_resume,
    asks_to_take_back,
    names_other_plan,
)
from bot.domain.models import Plan
from bot.domain.subscription_undo import (
    CANCEL,
    PAUSE,
    SWITCH,
    UNDO_WINDOW,
    kind_of,
    revertible,
    within_window,
)
from bot.money import format_money
from bot.services import subscriptions
from bot.services.access import claims_for_customer
from bot.services.shop import Shop
from bot.store.changes import CartChangeRepository
from bot.store.mapping import plan_of
from bot.store.offers import OfferRepository
from bot.store.pending import PendingChoiceRepository
from bot.store.repositories import SubscriptionRepository
from bot.store.subscription_changes import (
    SubscriptionChange,
    SubscriptionChangeRepository,
    state_of,
)
from bot.store.tables import utcnow

ACTION, INTENT = "action_undo", "undo_change"


def _plans(session: Session) -> dict[str, Plan]:
    return {p.code: plan_of(p) for p in SubscriptionRepository(session).plans()}


def take_back(shop: Shop, ctx: ChatContext, text: str) -> list[Reply] | None:
    """Read "switch me back" after a subscription change: ask to reverse it; else None.

    None (the other flows read the message) when the words take nothing back, a question or
    an offer is open (it reads them: :mod:`bot.chat.withdrawals`), the last change was not a
    recent subscription change, or the words name another plan or don't fit the change
    ("unpause it" after a plan switch).
    """
    if not asks_to_take_back(text):
        return None
    try:
        customer = claims_for_customer(shop.secret, ctx.token).customer_id
    except DomainError:
        return None
    contact = shop.support_contact
    with shop.session_factory.begin() as session:
        if PendingChoiceRepository(session).peek(ctx.conversation_id, PENDING_MAX_AGE):
            return None
        if OfferRepository(session).open_offer(ctx.conversation_id) is not None:
            return None
        change = SubscriptionChangeRepository(session).get(ctx.conversation_id)
        if change is None or not within_window(change.created_at, utcnow()):
            return None
        plans, kind = _plans(session), kind_of(change.before, change.after)
        old = plans[change.before.plan_code]
        names = tuple(p.name.lower() for p in plans.values())
        if names_other_plan(text, names, old.name) or (kind == SWITCH and asks_to_resume(text)):
            return None
        return [_ask_or_explain(session, ctx, customer, change, plans, text, contact)]


def undo_subscription(
    shop: Shop, ctx: ChatContext, change: SubscriptionChange, text: str, confirmed: bool
) -> list[Reply]:
    """Answer "undo" of a subscription change: ask first; reverse it on the "yes"."""
    customer = claims_for_customer(shop.secret, ctx.token).customer_id
    contact = shop.support_contact
    with shop.session_factory.begin() as session:
        plans = _plans(session)
        if not confirmed:
            return [_ask_or_explain(session, ctx, customer, change, plans, text, contact)]
        return [_reverse(session, ctx, customer, change, plans)]


def _ask_or_explain(
    session: Session,
    ctx: ChatContext,
    customer_id: int,
    change: SubscriptionChange,
    plans: dict[str, Plan],
    text: str,
    contact: str,
) -> Reply:
    """The confirmation for a switch or a pause; an honest answer for anything else."""
    kind, old = kind_of(change.before, change.after), plans[change.before.plan_code]
    if kind == CANCEL:
        return Reply("utter_cancel_not_undone", {**plan_params(old), "contact": contact})
    refused = _refusal(session, customer_id, change, plans)
    if refused is not None:
        return refused
    price = f"{format_money(old.price)}/{old.interval}"
    if kind == SWITCH:
        summary = f"switch your subscription back to {old.name} at {price}"
    else:
        summary = f"resume your {old.name} subscription now, at {price}"
    request = (ACTION, INTENT, {}, text or "undo")
    return ask_confirmation(session, ctx.conversation_id, request, summary)


def _refusal(
    session: Session, customer_id: int, change: SubscriptionChange, plans: dict[str, Plan]
) -> Reply | None:
    """Why the change can't be reversed (too old, changed since, not a switch or pause)."""
    row = SubscriptionRepository(session).get(change.after.subscription_id, for_update=True)
    by_id = {p.id: p.code for p in SubscriptionRepository(session).plans()}
    now_state = state_of(row, by_id[row.plan_id]) if row is not None else None
    if row is None or row.customer_id != customer_id:
        return Reply("utter_no_subscription")
    if not within_window(change.created_at, utcnow()):
        minutes = int(UNDO_WINDOW.total_seconds() // 60)
        reason = f"it was made more than {minutes} minutes ago"
    elif kind_of(change.before, change.after) not in (SWITCH, PAUSE):
        reason = "I can only undo a plan switch or a pause here"
    elif not revertible(change.before, change.after, now_state):
        reason = "your subscription has changed since"
    else:
        return None
    now_plan = plans[by_id[row.plan_id]]
    return Reply("utter_subscription_undo_stale", {"reason": reason, **plan_params(now_plan)})


def _reverse(
    session: Session,
    ctx: ChatContext,
    customer_id: int,
    change: SubscriptionChange,
    plans: dict[str, Plan],
) -> Reply:
    """Put the subscription back as it was before the change, and forget the change."""
    refused = _refusal(session, customer_id, change, plans)
    if refused is not None:
        CartChangeRepository(session).forget(ctx.conversation_id)
        return refused
    row = SubscriptionRepository(session).get(change.after.subscription_id, for_update=True)
    CartChangeRepository(session).forget(ctx.conversation_id)
    if row is None:  # _refusal checked it: never here
        return Reply("utter_no_subscription")
    if kind_of(change.before, change.after) == SWITCH:
        plan = subscriptions.switch_plan(session, row, change.before.plan_code)
        return Reply("utter_subscription_switched", plan_params(plan))
    subscriptions.resume(row)
    return Reply("utter_subscription_resumed", plan_params(plans[change.before.plan_code]))
