"""Retention offers carried out: the offered option, a pause of the length asked, another option.

Split from :mod:`bot.chat.retention` (which makes and explains the offer): here the shopper's
choice is carried out, in the caller's transaction. A pause length the shop does not allow
is refused and the subscription stays as it was.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from bot.chat.confirm import keep_pending
from bot.chat.offer_prices import price_changed
from bot.chat.replies import ChatContext, Reply, plan_params
from bot.chat.retention import OPTION_WORDS, offer_buttons, other_plans, record_option
from bot.domain.errors import NoActiveSubscription
from bot.domain.language.en_pause import read_pause
from bot.domain.language.en_requests import describe_days
from bot.domain.models import OfferKind, Plan
from bot.domain.retention import (
    OPTION_OF,
    PAUSE,
    PauseLengthRefused,
    PauseLengthUnread,
    granted_pause,
    option_for,
)
from bot.money import format_money, from_minor
from bot.services import subscriptions
from bot.services.access import claims_for_customer
from bot.services.shop import Shop
from bot.store.offers import OfferRepository
from bot.store.repositories import SubscriptionRepository
from bot.store.tables import OfferEventRow, SubscriptionRow, utcnow


def offered_subscription(
    session: Session, shop: Shop, ctx: ChatContext, offer: OfferEventRow
) -> SubscriptionRow:
    """The subscription a retention offer was made for, locked and checked against the token.

    Raises:
        Forbidden / InvalidToken: The conversation's token is not this customer's.
        NoActiveSubscription: It is gone or already canceled.
    """
    row = SubscriptionRepository(session).get(offer.subscription_id or 0, for_update=True)
    claims_for_customer(shop.secret, ctx.token, row.customer_id if row else None)
    if row is None or row.status == "canceled":
        raise NoActiveSubscription()
    return row


def accept_retention(
    session: Session, shop: Shop, ctx: ChatContext, offer: OfferEventRow, days: int | None = None
) -> Reply:
    """Carry out a retention offer: switch plan, pause, or keep the plan at a discount.

    ``days`` is the pause length already granted (:func:`pause_for`); the shop's default
    when None.
    """
    row = offered_subscription(session, shop, ctx, offer)
    kind = OfferKind(offer.kind)
    if kind is OfferKind.RETENTION_PLAN:
        plan = subscriptions.switch_plan(session, row, offer.sku)
        return Reply("utter_subscription_switched", plan_params(plan))
    plan = subscriptions.view_of(session, row).plan
    if kind is OfferKind.RETENTION_DISCOUNT:
        policy = shop.retention
        subscriptions.give_discount(row, policy.discount_percent, policy.discount_renewals)
        params = {
            "plan": plan.name,
            "price": format_money(from_minor(offer.price_minor)),
            "full_price": format_money(plan.price),
            "interval": plan.interval,
            "renewals": str(policy.discount_renewals),
        }
        return Reply("utter_subscription_discounted", params)
    return paused(row, plan, days or shop.retention.pause_days)


def paused(row: SubscriptionRow, plan: Plan, days: int) -> Reply:
    """Pause the subscription for ``days`` and say for how long and until when."""
    resume = subscriptions.pause(row, days)
    params = {"plan": plan.name, "duration": describe_days(days), "resume_date": f"{resume:%B %d}"}
    return Reply("utter_subscription_paused", params)


def offer_default_pause(session: Session, shop: Shop, ctx: ChatContext, plan: str) -> None:
    """Keep "shall I pause it for a month instead?" pending: a typed "yes" pauses, "no" keeps."""
    default = describe_days(shop.retention.pause_days)
    request = ("action_pause_subscription", "pause_subscription", {}, f"pause for {default}")
    keep_pending(session, ctx.conversation_id, request, f"pause {plan} for {default}")


def pause_refused(
    shop: Shop,
    plan: Plan,
    refused: PauseLengthRefused,
    offer: OfferEventRow | None = None,
    session: Session | None = None,
) -> Reply:
    """Say which pause lengths the shop allows; nothing changes. Offers the default pause.

    During a retention offer the offer's own buttons come back too (a "no" there would
    cancel, so no "No" button is added; ``session`` lets its button name the offered plan).
    A length said but not read is asked for (``utter_ask_pause_length``) the same way.
    """
    default = describe_days(shop.retention.pause_days)
    params = {
        "plan": plan.name,
        "said": refused.said,
        "longest": describe_days(refused.longest_days),
        "default": default,
    }
    pause = (f"Pause for {default}", "/pause_subscription")
    response = "utter_pause_length_refused"
    if isinstance(refused, PauseLengthUnread):  # said but unread: ask how long
        response = "utter_ask_pause_length"
        params["example"] = f"{utcnow().date() + timedelta(days=14):%B %d}"
    if offer is None:
        return Reply(response, params, (pause, ("Keep it running", "/deny")))
    offered = SubscriptionRepository(session).plan_by_code(offer.sku) if session else None
    return Reply(response, params, (pause, *offer_buttons(offer, (offered or plan).name)))


def ask_for_option(
    session: Session,
    shop: Shop,
    ctx: ChatContext,
    offer: OfferEventRow,
    wanted: str,
    message: str | None = None,
) -> Reply:
    """The shopper asks for ``wanted`` (pause, cheaper plan or discount) during an offer.

    A pause length in ``message`` is granted exactly or refused (the subscription then
    stays as it was). The offered option is simply accepted. Another option the shop
    allows replaces the offer (recorded as superseded, the new option as shown and
    accepted); one it does not allow leaves the subscription as it was, the offer open,
    and says so.
    """
    days = None
    if wanted == PAUSE and shop.retention.allows(PAUSE):
        try:  # "pause it for 3 months": that length, or a clear no (never silently 1 month)
            days = granted_pause(shop.retention, read_pause(message, utcnow().date()))
        except PauseLengthRefused as refused:
            row = offered_subscription(session, shop, ctx, offer)
            plan = subscriptions.view_of(session, row).plan
            offer_default_pause(session, shop, ctx, plan.name)  # its "yes" pauses, never switches
            return pause_refused(shop, plan, refused, offer, session)
    if OPTION_OF[OfferKind(offer.kind)] == wanted:
        changed = price_changed(session, ctx, offer)
        if changed is not None:  # the offered plan's price changed: asked again
            return changed
        reply = accept_retention(session, shop, ctx, offer, days)
        OfferRepository(session).resolve(offer, "accepted")
        return reply
    row = offered_subscription(session, shop, ctx, offer)
    current = subscriptions.view_of(session, row).plan
    option = option_for(wanted, current, other_plans(session, row), shop.retention)
    if option is None:
        offered = SubscriptionRepository(session).plan_by_code(offer.sku)
        params = {"option": OPTION_WORDS[wanted], "plan": current.name}
        buttons = offer_buttons(offer, offered.name if offered else current.name)
        return Reply("utter_retention_option_unavailable", params, buttons)
    stamp = {"experiment": offer.experiment, "variant": offer.variant}
    new_offer = record_option(session, shop, ctx, row, option, stamp)  # supersedes the old one
    reply = accept_retention(session, shop, ctx, new_offer, days)
    OfferRepository(session).resolve(new_offer, "accepted")
    return reply
