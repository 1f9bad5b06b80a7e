"""Retention offers: the one option before a cancel, and its details.

The shop allows some of three options (``Shop.retention``): a cheaper plan, a pause and a
discount on the next renewals. An experiment variant may put one kind first. The shopper
may ask for another option than the one offered: :mod:`bot.chat.retention_accept` carries
out the choice (granted when the shop allows it, else the subscription stays as it was).
The effective status decides whether an offer may be made (a lapsed pause is active).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from bot.chat.common import conversation_state
from bot.chat.replies import ChatContext, Reply, plan_params
from bot.domain.errors import NoActiveSubscription
from bot.domain.language.en_cancel_talk import refused_options
from bot.domain.models import OfferKind, Plan
from bot.domain.offer_buttons import OFFER_ENTITY, YES, offer_payload
from bot.domain.offers import may_offer_on_exit
from bot.domain.retention import (
    CHEAPER_PLAN,
    DISCOUNT,
    OPTION_OF,
    PAUSE,
    RetentionOption,
    choose_option,
    discounted_price,
)
from bot.money import format_money, from_minor, to_minor
from bot.services import experiments, subscriptions
from bot.services.shop import Shop
from bot.store.mapping import plan_of
from bot.store.offers import OfferRepository
from bot.store.repositories import SubscriptionRepository
from bot.store.tables import OfferEventRow, SubscriptionRow

OPTION_WORDS = {CHEAPER_PLAN: "a cheaper plan", PAUSE: "a pause", DISCOUNT: "a discount"}
ACCEPT_TITLES = {
    CHEAPER_PLAN: "Switch to {plan}",
    PAUSE: "Pause for a month",
    DISCOUNT: "Keep it at {price}",
}


def other_plans(session: Session, row: SubscriptionRow | None = None) -> list[Plan]:
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


def option_reply(shop: Shop, option: RetentionOption, current: Plan, offer_id: int) -> Reply:
    """The retention offer message for ``option`` (cheaper plan, pause or discount).

    ``offer_id`` goes into the Yes button's payload (:mod:`bot.domain.offer_buttons`).
    """
    params = {
        "current_plan": current.name,
        "current_price": format_money(current.price),
        "interval": current.interval,
        OFFER_ENTITY: str(offer_id),
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
        {
            "current_plan": current.name,
            "current_price": params["current_price"],
            OFFER_ENTITY: params[OFFER_ENTITY],
        },
    )


def record_option(
    session: Session,
    shop: Shop,
    ctx: ChatContext,
    row: SubscriptionRow,
    option: RetentionOption,
    stamp: dict[str, str | None],
) -> OfferEventRow:
    """Record ``option`` as shown for ``row`` (the offer event), with its price and reason."""
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
    session: Session, shop: Shop, ctx: ChatContext, row: SubscriptionRow, text: str = ""
) -> Reply | None:
    """Record and phrase the one retention option, or ``None`` when none may be made.

    An option the cancel request refuses (``text``: "no pausing, just cancel my sub", "no
    care basic, cancel it") is never the one offered; with every option the shop would
    offer refused there is none, and the caller cancels at once (s27).
    """
    offers = OfferRepository(session)
    # One retention offer per conversation, whichever subscription it was for.
    already = any(OfferKind(e.kind).is_retention for e in offers.events(ctx.conversation_id))
    active = subscriptions.status_of(row) == "active"  # a pause that has ended counts active
    if already or not active or not may_offer_on_exit(conversation_state(session, ctx)):
        return None
    current = subscriptions.view_of(session, row).plan
    arm = experiments.arm_for(session, ctx.conversation_id, subscription_id=row.id)
    plans = other_plans(session, row)
    refused = refused_options(text, _own_words(current, plans))
    option = choose_option(arm.settings.retention, current, plans, shop.retention, refused)
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
    shown = record_option(session, shop, ctx, row, option, arm.stamp())
    return option_reply(shop, option, current, shown.id)


def _own_words(current: Plan, plans: list[Plan]) -> set[str]:
    """The cheaper plans' own words ("basic"), not the ones all plans share ("care")."""
    mine = set(current.name.lower().split())
    cheaper = (p for p in plans if p.price < current.price)
    return {w for p in cheaper for w in p.name.lower().split() if w not in mine}


def offer_buttons(offer: OfferEventRow, plan_name: str) -> tuple[tuple[str, str], ...]:
    """The open retention offer's buttons again: take it, or cancel anyway."""
    option = OPTION_OF[OfferKind(offer.kind)]
    title = ACCEPT_TITLES[option].format(
        plan=plan_name, price=format_money(from_minor(offer.price_minor))
    )
    return ((title, offer_payload(YES, offer.id)), ("Cancel anyway", "/cancel_anyway"))


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
