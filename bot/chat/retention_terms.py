"""An option asked about during a cancellation, presented with its terms first (issue 12, s25).

"what about pausing?", "pause instead?", "could I pause it instead", "how about a discount?"
during a retention offer never carry the option out: the reply names it with its terms —
how long and until when (a pause: nothing charged, the resume date and price), what it
costs (a cheaper plan: both prices and the difference; a discount: the price, for how many
renewals, then the full price) — and asks Yes / No, with "Cancel anyway" one tap away.
Only the "yes" carries it out (:func:`bot.chat.retention_accept.ask_for_option`). An option
the shop does not allow is said to be unavailable; nothing changes either way.

The stored request is the option in plain words under a real intent (``pause_subscription``,
``ask_discount_code``, ``change_plan``), so its Yes button is never ``/nlu_fallback``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sqlalchemy.orm import Session

from bot.chat.cancel import open_exit_offer
from bot.chat.common import replies_on_error
from bot.chat.confirm import ask_confirmation
from bot.chat.replies import ChatContext, Reply
from bot.chat.retention import OPTION_WORDS, offer_buttons, other_plans
from bot.chat.retention_accept import offer_default_pause, offered_subscription, pause_refused
from bot.domain.language.en_pause import read_pause
from bot.domain.language.en_requests import describe_days
from bot.domain.models import OfferKind, Plan
from bot.domain.retention import (
    CHEAPER_PLAN,
    DISCOUNT,
    OPTION_OF,
    PAUSE,
    PauseLengthRefused,
    discounted_price,
    granted_pause,
    option_for,
)
from bot.money import format_money
from bot.services import subscriptions
from bot.services.shop import Shop
from bot.store.mapping import plan_of
from bot.store.repositories import SubscriptionRepository
from bot.store.tables import OfferEventRow, utcnow

CANCEL_ANYWAY = ("Cancel anyway", "/cancel_anyway")
_INSTEAD = "instead of cancelling"


@replies_on_error
def present(shop: Shop, ctx: ChatContext, wanted: str, message: str | None) -> list[Reply]:
    """:func:`present_option` for the conversation's open retention offer, in one transaction."""
    with shop.session_factory.begin() as session:
        offer = open_exit_offer(session, ctx)
        if offer is None or not OfferKind(offer.kind).is_retention:
            return [Reply("utter_nothing_pending")]
        return [present_option(session, shop, ctx, offer, wanted, message)]


def present_option(
    session: Session,
    shop: Shop,
    ctx: ChatContext,
    offer: OfferEventRow,
    wanted: str,
    message: str | None = None,
) -> Reply:
    """Name ``wanted`` (pause, cheaper plan, discount) with its terms and ask; change nothing.

    Args:
        session: The open transaction (the caller commits the pending question).
        shop: The shop.
        ctx: The conversation.
        offer: The open retention offer.
        wanted: The option asked about.
        message: The shopper's words (a pause length may be in them).
    """
    row = offered_subscription(session, shop, ctx, offer)
    current = subscriptions.view_of(session, row).plan
    offered = SubscriptionRepository(session).plan_by_code(offer.sku)
    kept = offer_buttons(offer, offered.name if offered else current.name)
    target = plan_of(offered) if offered is not None and wanted == CHEAPER_PLAN else None
    available = True
    if OPTION_OF[OfferKind(offer.kind)] != wanted:  # another option than the one offered
        option = option_for(wanted, current, other_plans(session, row), shop.retention)
        available, target = option is not None, option.plan if option is not None else None
    if not available or (wanted == CHEAPER_PLAN and target is None):  # not allowed: said so
        params = {"option": OPTION_WORDS[wanted], "plan": current.name}
        return Reply("utter_retention_option_unavailable", params, kept)
    if wanted == PAUSE:
        try:  # "what about pausing for 2 weeks?": that length, or a clear no
            days = granted_pause(shop.retention, read_pause(message, utcnow().date()))
        except PauseLengthRefused as refused:
            offer_default_pause(session, shop, ctx, current.name)
            return pause_refused(shop, current, refused, offer, session)
        request, summary = _pause_terms(current, days)
    elif wanted == DISCOUNT:
        request, summary = _discount_terms(shop, current)
    else:
        assert target is not None  # checked above: a plan option names its plan
        request, summary = _switch_terms(current, target)
    asked = ask_confirmation(session, ctx.conversation_id, request, summary)
    return replace(asked, buttons=(*asked.buttons, CANCEL_ANYWAY))


Request = tuple[str, str, dict[str, str], str]


def _pause_terms(current: Plan, days: int) -> tuple[Request, str]:
    """Pause for ``days``: at no charge, resumed on a date at the plan's price."""
    resume = utcnow() + timedelta(days=days)
    words = f"pause it for {days} days instead"
    return ("action_pause_subscription", "pause_subscription", {}, words), (
        f"pause your {current.name} subscription for {describe_days(days)} {_INSTEAD}, "
        f"at no charge: it resumes on {resume:%B %d} at "
        f"{format_money(current.price)}/{current.interval}"
    )


def _discount_terms(shop: Shop, current: Plan) -> tuple[Request, str]:
    """The discounted price, for how many renewals, then the full price again."""
    policy = shop.retention
    price = discounted_price(current.price, policy.discount_percent)
    every = f"/{current.interval}"
    request = ("action_accept_offer", "ask_discount_code", {}, "the discount instead")
    return request, (
        f"keep your {current.name} subscription at {format_money(price)}{every} for your next "
        f"{policy.discount_renewals} renewals, {policy.discount_percent}% off, then "
        f"{format_money(current.price)}{every} again, {_INSTEAD}"
    )


def _switch_terms(current: Plan, target: Plan) -> tuple[Request, str]:
    """Both plans at their prices, and the difference a month."""
    difference = format_money(current.price - target.price)
    words = f"switch to {target.name} instead"
    return ("action_accept_offer", "change_plan", {}, words), (
        f"switch you from {current.name} at {format_money(current.price)}/{current.interval} "
        f"to {target.name} at {format_money(target.price)}/{target.interval}, "
        f"{difference} a {target.interval} less, {_INSTEAD}"
    )
