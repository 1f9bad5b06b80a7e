"""Change the subscription's plan without cancelling: confirmed with the price difference first.

"switch me to the basic plan", "can I move to a cheaper plan?": the plan the message names
(:func:`bot.domain.plan_change.pick_plan`) is asked back — "Just to be sure: do you want me
to switch you from Care Plus at $9.99/month to Care Basic at $4.99/month, $5.00 a month
less?" — through the one confirmation step (:mod:`bot.chat.confirm`); only the "yes" changes
the plan, with the same switch the retention offer uses (:func:`subscriptions.switch_plan`).
An unknown or unclear plan is asked about, and nothing changes.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.chat.common import replies_on_error
from bot.chat.confirm import ask_confirmation
from bot.chat.replies import ChatContext, Reply, plan_params
from bot.chat.subscription_choice import CHANGE_PLAN, ask_which, target
from bot.domain.language.en_cancel_talk import without_refusals
from bot.domain.language.en_support import asks_plan_change, mentions_change
from bot.domain.models import OfferKind, Plan
from bot.domain.plan_change import named_plans, pick_plan
from bot.money import format_money
from bot.services import subscriptions
from bot.services.access import claims_for_customer
from bot.services.shop import Shop
from bot.store.mapping import plan_of
from bot.store.offers import OfferRepository
from bot.store.repositories import SubscriptionRepository
from bot.store.tables import SubscriptionRow

ACTION, INTENT = "action_change_plan", "change_plan"


def _listing(plans: list[Plan]) -> str:
    names = [f"{p.name} at {format_money(p.price)}/{p.interval}" for p in plans]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _summary(current: Plan, target: Plan) -> str:
    """What the change does: "switch you from Care Plus at $9.99/month to …, $5.00 a month less".

    No parentheses: the value is escaped for the widget's Markdown, and REST shows it as is.
    """
    difference = format_money(abs(current.price - target.price))
    way = "less" if target.price < current.price else "more"
    return (
        f"switch you from {current.name} at {format_money(current.price)}/{current.interval} "
        f"to {target.name} at {format_money(target.price)}/{target.interval}, "
        f"{difference} a {target.interval} {way}"
    )


def is_plan_change(shop: Shop, ctx: ChatContext, text: str) -> bool:
    """Whether ``text`` asks to change plan, and no retention offer is open to answer it.

    While a retention offer is open, "switch me to basic" answers that offer (the dialogue
    reads it). The store is read only when the message has a change word at all. A
    refused clause asks nothing ("no downgrade, just cancel" is no plan change; s27).
    """
    text = without_refusals(text)
    if not mentions_change(text):
        return False
    with shop.session_factory.begin() as session:
        names = tuple(p.name.lower() for p in SubscriptionRepository(session).plans())
        if not asks_plan_change(text, names):
            return False
        offer = OfferRepository(session).open_offer(ctx.conversation_id)
        return offer is None or not OfferKind(offer.kind).is_retention


@replies_on_error
def change_plan(
    shop: Shop,
    ctx: ChatContext,
    text: str,
    confirmed: bool = False,
    subscription_id: int | None = None,
) -> list[Reply]:
    """Ask to confirm the plan change with its price difference; switch once confirmed.

    Args:
        shop: The shop.
        ctx: The conversation (its token names the customer).
        text: The shopper's words ("switch me to the basic plan").
        confirmed: The shopper said yes to the confirmation: switch now.
        subscription_id: The subscription picked from "Which subscription …?" (with several
            live subscriptions, a change that names none is asked about first).
    """
    claims = claims_for_customer(shop.secret, ctx.token)
    with shop.session_factory.begin() as session:
        plans = [plan_of(p) for p in SubscriptionRepository(session).plans()]
        named = named_plans(text, plans)  # one plan named: the target, not the subscription
        found = target(session, claims.customer_id, text if len(named) > 1 else "", subscription_id)
        if isinstance(found, list):  # two or more live, none named: which one? (never a guess)
            to = f"switch to {named[0].name}" if len(named) == 1 else "switch to another plan"
            request = (CHANGE_PLAN, text)
            return [ask_which(session, ctx.conversation_id, found, request, to)]
        row, several = found, len(subscriptions.live_plans(session, claims.customer_id)) > 1
        current = subscriptions.view_of(session, row).plan
        chosen = pick_plan(text, plans, current)
        if chosen is None:
            others = [p for p in plans if p.code != current.code]
            params = {"plans": _listing(others), **plan_params(current, "current_")}
            buttons = tuple((p.name, f"switch me to {p.name}") for p in others)
            return [Reply("utter_which_plan", params, buttons)]
        if chosen.code == current.code:
            return [Reply("utter_plan_already", plan_params(current))]
        if not confirmed:  # with several, the words name both plans: the yes re-reads them
            words = f"switch my {current.name} subscription to {chosen.name}" if several else text
            request = (ACTION, INTENT, {}, words)
            summary = _summary(current, chosen)
            picked = {"subscription_id": str(row.id)} if several else None  # "yes": exactly it
            return [ask_confirmation(session, ctx.conversation_id, request, summary, picked)]
        return [_switch(session, row, chosen)]


def _switch(session: Session, row: SubscriptionRow, chosen: Plan) -> Reply:
    """Switch ``row`` to ``chosen``; a plan paused now stays paused (an ended pause doesn't)."""
    still_paused, paused_until = subscriptions.is_paused(row), row.paused_until
    plan = subscriptions.switch_plan(session, row, chosen.code)
    row.status, row.paused_until = ("paused", paused_until) if still_paused else ("active", None)
    return Reply("utter_subscription_switched", plan_params(plan))
