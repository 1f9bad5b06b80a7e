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

from bot.chat import subscription_requests
from bot.chat.replies import ChatContext, Reply, plan_params
from bot.domain.errors import DomainError
from bot.domain.language.en_subscription_safety import refers_back
from bot.domain.subscription_undo import CANCEL, kind_of, within_window
from bot.services import subscriptions
from bot.services.access import claims_for_customer
from bot.services.shop import Shop
from bot.store.mapping import plan_of
from bot.store.repositories import SubscriptionRepository
from bot.store.subscription_changes import SubscriptionChangeRepository
from bot.store.tables import utcnow

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
        change = SubscriptionChangeRepository(session).get(ctx.conversation_id)
        if change is None or not within_window(change.created_at, utcnow()):
            return None
        if kind_of(change.before, change.after) != CANCEL:
            return None
        live = subscriptions.live_plans(session, customer)
        if not live or any(_named(plan.name, turn.text) for _, plan in live):
            return None  # nothing else to act on, or the other one is named
        plans = {p.code: plan_of(p) for p in SubscriptionRepository(session).plans()}
        old = plans[change.before.plan_code]
    gone = Reply("utter_cancel_not_undone", {**plan_params(old), "contact": shop.support_contact})
    return [gone, *subscription_requests.status(shop, ctx)]


def _named(name: str, text: str) -> bool:
    """Whether the words name the plan ("care basic", "the basic one")."""
    words = set(re.findall(r"[a-z0-9]+", text.lower()))
    return bool(set(name.lower().split()) - {"care", "plan"} & words)
