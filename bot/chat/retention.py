"""Retention offers: the one option before a cancel, its details, and the shopper's choice.

The shop allows some of three options (``Shop.retention``): a cheaper plan, a pause and a
discount on the next renewals. An experiment variant may put one kind first. The shopper
may ask for another option than the one offered: granted when the shop allows it, else
the subscription stays as it was and the bot says so.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from bot.chat.common import conversation_state
from bot.chat.confirm import keep_pending
from bot.chat.offer_prices import price_changed
from bot.chat.replies import ChatContext, Reply, plan_params
from bot.domain.errors import NoActiveSubscription
from bot.domain.language.en_pause import read_pause
from bot.domain.language.en_requests import describe_days
from bot.domain.models import OfferKind, Plan
from bot.domain.offers import may_offer_on_exit
from bot.domain.retention import (
    CHEAPER_PLAN,
    DISCOUNT,
    OPTION_OF,
    PAUSE,
    PauseLengthRefused,
    PauseLengthUnread,
    RetentionOption,
    choose_option,
    discounted_price,
    granted_pause,
    option_for,
)
from bot.money import format_money, from_minor, to_minor
from bot.services import experiments, subscriptions
from bot.services.access import claims_for_customer
from bot.services.shop import Shop
from bot.store.mapping import plan_of
from bot.store.offers import OfferRepository
from bot.store.repositories import SubscriptionRepository
from bot.store.tables import OfferEventRow, SubscriptionRow, utcnow

OPTION_WORDS = {CHEAPER_PLAN: "a cheaper plan", PAUSE: "a pause", DISCOUNT: "a discount"}
ACCEPT_TITLES = {
    CHEAPER_PLAN: "Switch to {plan}",
    PAUSE: "Pause for a month",
    DISCOUNT: "Keep it at {price}",
}


def _plans(session: Session, row: SubscriptionRow | None = None) -> list[Plan]:
    """The plans; for ``row``, none that another live subscription of the customer holds."""
    repo = SubscriptionRepository(session)
    held = {s.plan_id for s in repo.live_for(row.customer_id) if s.id != row.id} if row else set()
    return [plan_of(p) for p in repo.plans() if p.id not in held]


def _offered_price(shop: Shop, option: RetentionOption, current: Plan) -> Decimal:
    if option.plan is not None:
        return option.plan.price
    if option.option == DISCOUNT:
        return discounted_price(current.price, shop.retention.discount_percent)
    return current.price


def _reason(shop: Shop, option: RetentionOption, current: Plan) -> str:
    if option.plan is not None:
        return f"{format_money(current.price - option.plan.price)} less"
    if option.option == DISCOUNT:
        policy = shop.retention
        return f"{policy.discount_percent}% off {policy.discount_renewals} renewals"
    return "pause"


def option_reply(shop: Shop, option: RetentionOption, current: Plan) -> Reply:
    """The retention offer message for ``option`` (cheaper plan, pause or discount)."""
    params = {
        "current_plan": current.name,
        "current_price": format_money(current.price),
        "interval": current.interval,
    }
    if option.plan is not None:
        return Reply("utter_offer_retention_plan", {**plan_params(option.plan), **params})
    if option.option == DISCOUNT:
        policy = shop.retention
        price = format_money(_offered_price(shop, option, current))
        extra = {
            "price": price,
            "percent": str(policy.discount_percent),
            "renewals": str(policy.discount_renewals),
        }
        return Reply("utter_offer_retention_discount", {**params, **extra})
    return Reply(
        "utter_offer_retention_pause",
        {"current_plan": current.name, "current_price": params["current_price"]},
    )


def _record(
    session: Session,
    shop: Shop,
    ctx: ChatContext,
    row: SubscriptionRow,
    option: RetentionOption,
    stamp: dict[str, str | None],
) -> OfferEventRow:
    current = subscriptions.view_of(session, row).plan
    return OfferRepository(session).record_shown(
        conversation_id=ctx.conversation_id,
        kind=option.kind.value,
        sku=option.plan.code if option.plan else current.code,
        price_minor=to_minor(_offered_price(shop, option, current)),
        solicited=True,
        subscription_id=row.id,
        reason=_reason(shop, option, current),
        **stamp,
    )


def offer_retention(
    session: Session, shop: Shop, ctx: ChatContext, row: SubscriptionRow
) -> Reply | None:
    """Record and phrase the one retention option, or ``None`` when none may be made."""
    offers = OfferRepository(session)
    # One retention offer per conversation, whichever subscription it was for.
    already = any(OfferKind(e.kind).is_retention for e in offers.events(ctx.conversation_id))
    if already or not may_offer_on_exit(conversation_state(session, ctx)) or row.status != "active":
        return None
    current = subscriptions.view_of(session, row).plan
    arm = experiments.arm_for(session, ctx.conversation_id, subscription_id=row.id)
    option = choose_option(arm.settings.retention, current, _plans(session, row), shop.retention)
    if option is None:
        return None
    sku = option.plan.code if option.plan else current.code
    if not experiments.expose(
        session,
        arm,
        ctx.conversation_id,
        "cancel",
        (option.kind.value, sku),
        arm.settings.offers,
        subscription_id=row.id,
    ):
        return None
    _record(session, shop, ctx, row, option, arm.stamp())
    return option_reply(shop, option, current)


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


def offer_buttons(offer: OfferEventRow, plan_name: str) -> tuple[tuple[str, str], ...]:
    """The open retention offer's buttons again: take it, or cancel anyway."""
    option = OPTION_OF[OfferKind(offer.kind)]
    title = ACCEPT_TITLES[option].format(
        plan=plan_name, price=format_money(from_minor(offer.price_minor))
    )
    return ((title, "/affirm"), ("Cancel anyway", "/cancel_anyway"))


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
    option = option_for(wanted, current, _plans(session, row), shop.retention)
    if option is None:
        offered = SubscriptionRepository(session).plan_by_code(offer.sku)
        params = {"option": OPTION_WORDS[wanted], "plan": current.name}
        buttons = offer_buttons(offer, offered.name if offered else current.name)
        return Reply("utter_retention_option_unavailable", params, buttons)
    stamp = {"experiment": offer.experiment, "variant": offer.variant}
    new_offer = _record(session, shop, ctx, row, option, stamp)  # supersedes the old one
    reply = accept_retention(session, shop, ctx, new_offer, days)
    OfferRepository(session).resolve(new_offer, "accepted")
    return reply


def retention_detail(session: Session, shop: Shop, offer: OfferEventRow) -> Reply:
    """Answer "how much is that?" / "what's the difference?" about the retention offer."""
    row = SubscriptionRepository(session).get(offer.subscription_id or 0)
    if row is None:
        raise NoActiveSubscription()
    current = subscriptions.view_of(session, row).plan
    offered_price = from_minor(offer.price_minor)
    params = {
        "current_plan": current.name,
        "current_price": format_money(current.price),
        "interval": current.interval,
        "price": format_money(offered_price),
        "difference": format_money(current.price - offered_price),
    }
    kind = OfferKind(offer.kind)
    offered = SubscriptionRepository(session).plan_by_code(offer.sku)
    buttons = offer_buttons(offer, offered.name if offered else current.name)
    if kind is OfferKind.RETENTION_PLAN:
        params["plan"] = offered.name if offered else offer.sku
        return Reply("utter_offer_detail_retention_plan", params, buttons)
    if kind is OfferKind.RETENTION_DISCOUNT:
        params["renewals"] = str(shop.retention.discount_renewals)
        return Reply("utter_offer_detail_retention_discount", params, buttons)
    return Reply("utter_offer_detail_retention_pause", params, buttons)
