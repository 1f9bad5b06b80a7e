"""A cancel or pause right after a cancellation, when another subscription is left (F24).

With two subscriptions, once the one under discussion is cancelled, "could I pause
instead", "no just cancel" or "cancel it" are about that one: they never move silently to
the other subscription. The shopper is told the first one is already cancelled (and how to
subscribe again) and what is still live; naming the other one ("pause care basic"), or
"cancel my subscription" / "cancel the other one too", runs as usual.

Read by :func:`bot.chat.subscription_safety.guard` before a cancel or a pause runs.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.chat import subscription_requests
from bot.chat.replies import ChatContext, Reply, plan_params
from bot.domain.errors import DomainError
from bot.domain.language.en_subscription_safety import refers_back
from bot.domain.models import Plan
from bot.domain.subscription_undo import UNDO_WINDOW
from bot.services import subscriptions
from bot.services.access import claims_for_customer
from bot.services.shop import Shop
from bot.store.mapping import plan_of
from bot.store.tables import PlanRow, SubscriptionRow, utcnow

if TYPE_CHECKING:
    from bot.chat.turns import Turn


def after_cancel(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """The reply when a cancel/pause points back at the subscription just cancelled, else None."""
    if turn.confirmed or not turn.text or turn.text.startswith("/") or not refers_back(turn.text):
        return None
    try:
        customer = claims_for_customer(shop.secret, ctx.token).customer_id
    except DomainError:
        return None
    with shop.session_factory.begin() as session:
        old = _just_canceled(session, customer)
        if old is None:
            return None
        live = subscriptions.live_plans(session, customer)
        if not live or any(_named(plan.name, turn.text) for _, plan in live):
            return None  # nothing else to act on, or the other one is named
    gone = Reply("utter_cancel_not_undone", {**plan_params(old), "contact": shop.support_contact})
    return [gone, *subscription_requests.status(shop, ctx)]


def _just_canceled(session: Session, customer_id: int) -> Plan | None:
    """The plan of the customer's subscription cancelled in the last half hour, if any.

    The store's cancellation time, not the conversation's last change: that one is kept
    only for a shopper with a cart, and a later cart change replaces it.
    """
    since = utcnow() - UNDO_WINDOW
    query = (
        select(SubscriptionRow, PlanRow)
        .join(PlanRow, PlanRow.id == SubscriptionRow.plan_id)
        .where(SubscriptionRow.customer_id == customer_id, SubscriptionRow.status == "canceled")
        .where(SubscriptionRow.canceled_at >= since)
        .order_by(SubscriptionRow.canceled_at.desc())
    )
    found = session.execute(query).first()
    return plan_of(found[1]) if found is not None else None


def _named(name: str, text: str) -> bool:
    """Whether the words name the plan ("care basic", "the basic one")."""
    words = set(re.findall(r"[a-z0-9]+", text.lower()))
    return bool(set(name.lower().split()) - {"care", "plan"} & words)
