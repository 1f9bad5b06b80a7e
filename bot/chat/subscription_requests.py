"""Subscription requests the model has no intent for, read from their words (review s20).

* "is my subscription active?": the plan, its price and whether it is active or paused;
  nothing changes and no cancel is asked (G30).
* "resume my subscription", "unpause it": asked first ("resume your Care Plus subscription
  now?"), then resumed in one transaction (:func:`bot.services.subscriptions.resume_subscription`);
  an active subscription is said to be active, unchanged (G29).
* "not cancel, just pause": asked first as a pause, within the shop's pause rules.
* "cancel my monthly delivery": the subscription's cancel flow, never "I can't cancel orders".
* "cancel my delivery": "your Care Plus subscription, or an order?" (s21), never a guess.
* "stop" alone: declines whatever is pending (a cancellation pending is kept, never carried
  out); with nothing pending, asks what to stop. Never a change (G27).
"""

from __future__ import annotations

from dataclasses import replace

from bot.chat import cancel, selling
from bot.chat.common import replies_on_error
from bot.chat.confirm import ask_confirmation
from bot.chat.products import PENDING_MAX_AGE
from bot.chat.replies import ChatContext, Reply, plan_params
from bot.chat.subscription_choice import RESUME, ask_cancel_what, ask_which
from bot.domain.language.en_requests import describe_days
from bot.domain.models import OfferKind
from bot.domain.retention import PAUSE
from bot.domain.subscription_state import named_subscription
from bot.money import format_money
from bot.services import subscriptions
from bot.services.access import claims_for_customer
from bot.services.shop import Shop
from bot.services.subscriptions import SubscriptionView
from bot.store.offers import OfferRepository
from bot.store.pending import PendingChoiceRepository
from bot.store.repositories import SubscriptionRepository

RESUME_TEXT = "resume my subscription"
"""The words a confirmed resume is re-run with (read again by :func:`bot.chat.first_reading`)."""
PAUSE_TEXT = "pause my subscription"


def _state(view: SubscriptionView) -> str:
    if view.status == "paused":
        return f"paused until {view.paused_until:%B %d}" if view.paused_until else "paused"
    if view.discount_percent and view.discount_renewals > 0:
        renewals = view.discount_renewals
        cut = f"{format_money(view.next_price)} for your next {renewals} renewals"
        return f"active ({cut})"
    return "active"


@replies_on_error
def status(shop: Shop, ctx: ChatContext) -> list[Reply]:
    """Say each live subscription's plan, price and state; change nothing."""
    return [
        Reply("utter_subscription_status", {**plan_params(view.plan), "state": _state(view)})
        for view in subscriptions.live_views(shop, ctx.token)
    ]


def resume_words(plan: str | None = None) -> str:
    """The words a confirmed resume is re-run with (naming the plan when there are several)."""
    return RESUME_TEXT if plan is None else f"resume my {plan} subscription"


def is_confirmed_resume(text: str) -> bool:
    """Whether a confirmed request's words are a resume's (:func:`resume_words`)."""
    return text == RESUME_TEXT or (text.startswith("resume my ") and text.endswith(" subscription"))


@replies_on_error
def ask_resume(
    shop: Shop, ctx: ChatContext, text: str = "", subscription_id: int | None = None
) -> list[Reply]:
    """Ask before resuming a paused subscription; an active one is said to be active.

    With several live subscriptions: the one picked or named, else the only paused one;
    two or more paused and none named are asked about ("Which subscription should I
    resume?").
    """
    views = subscriptions.live_views(shop, ctx.token)
    view = _resumed_view(views, text, subscription_id)
    if view is None:
        paused = [v for v in views if v.status == "paused"]
        with shop.session_factory.begin() as session:
            claims = claims_for_customer(shop.secret, ctx.token)
            live = [(r, p) for r, p in subscriptions.live_plans(session, claims.customer_id)
                    if r.id in {v.subscription_id for v in paused}]  # fmt: skip
            request = (RESUME, text or RESUME_TEXT)
            return [ask_which(session, ctx.conversation_id, live, request, "resume")]
    if view.status != "paused":
        return [Reply("utter_subscription_not_paused", plan_params(view.plan))]
    until = f", paused until {view.paused_until:%B %d}" if view.paused_until else ""
    price = f"{format_money(view.price)}/{view.plan.interval}"
    summary = f"resume your {view.plan.name} subscription now ({price}{until})"
    words = resume_words(view.plan.name if len(views) > 1 else None)
    request = ("action_accept_offer", "affirm", {}, words)
    with shop.session_factory.begin() as session:
        return [ask_confirmation(session, ctx.conversation_id, request, summary)]


def _resumed_view(
    views: list[SubscriptionView], text: str, subscription_id: int | None
) -> SubscriptionView | None:
    """The subscription a resume means, or None when two or more paused ones are left open."""
    by_id = {view.subscription_id: view for view in views}
    named = subscription_id or named_subscription(
        text, [(view.subscription_id, view.plan) for view in views]
    )
    if named in by_id:
        return by_id[named]
    paused = [view for view in views if view.status == "paused"]
    if len(paused) > 1:
        return None
    return paused[0] if paused else views[0]


@replies_on_error
def resume_confirmed(shop: Shop, ctx: ChatContext, text: str = RESUME_TEXT) -> list[Reply]:
    """Resume the subscription the shopper confirmed (one transaction)."""
    views = subscriptions.live_views(shop, ctx.token)
    named = named_subscription(text, [(v.subscription_id, v.plan) for v in views])
    view, resumed = subscriptions.resume_subscription(shop, ctx.token, named)
    if not resumed:  # resumed meanwhile (another tab): still active, nothing changed
        return [Reply("utter_subscription_not_paused", plan_params(view.plan))]
    return [Reply("utter_subscription_resumed", plan_params(view.plan))]


@replies_on_error
def ask_pause(shop: Shop, ctx: ChatContext) -> list[Reply]:
    """Ask before pausing ("not cancel, just pause"), if the shop allows a pause."""
    view = subscriptions.current_subscription(shop, ctx.token)
    if view.status != "active":
        return [Reply("utter_subscription_status", {**plan_params(view.plan),
                                                    "state": _state(view)})]  # fmt: skip
    if not shop.retention.allows(PAUSE):
        return [Reply("utter_pause_unavailable", {"plan": view.plan.name})]
    days = describe_days(shop.retention.pause_days)
    summary = f"pause your {view.plan.name} subscription for {days} instead of cancelling"
    request = ("action_pause_subscription", "pause_subscription", {}, PAUSE_TEXT)
    with shop.session_factory.begin() as session:
        return [ask_confirmation(session, ctx.conversation_id, request, summary)]


def cancel_delivery(shop: Shop, ctx: ChatContext) -> list[Reply]:
    """Handle "cancel my monthly delivery": the subscription's own cancel flow."""
    return cancel.cancel_subscription(shop, ctx)


@replies_on_error
def ask_which_delivery(shop: Shop, ctx: ChatContext) -> list[Reply]:
    """Handle "cancel my delivery": with a subscription, ask "your subscription, or an order?".

    Without one it can only be an order: the honest "I can't cancel a placed order here".
    Never a cancel on a guess, never a checkout total.
    """
    claims = claims_for_customer(shop.secret, ctx.token)
    with shop.session_factory.begin() as session:
        live = subscriptions.live_plans(session, claims.customer_id)
        if not live:
            return [Reply("utter_cancel_order_unsupported", {"contact": shop.support_contact})]
        plan = live[0][1] if len(live) == 1 else replace(live[0][1], name=_names(live))
        return [ask_cancel_what(session, ctx.conversation_id, plan)]


def _names(live: list) -> str:
    names = [plan.name for _, plan in live]
    return ", ".join(names[:-1]) + " or " + names[-1]


@replies_on_error
def stop(shop: Shop, ctx: ChatContext) -> list[Reply]:
    """Handle "stop" alone: decline what is pending, else ask what to stop. Never a change."""
    with shop.session_factory.begin() as session:
        pending = PendingChoiceRepository(session)
        question = pending.peek(ctx.conversation_id, PENDING_MAX_AGE)
        pending.clear(ctx.conversation_id)
        offer = OfferRepository(session).open_offer(ctx.conversation_id)
        kind = OfferKind(offer.kind) if offer is not None else None
        claims = claims_for_customer(shop.secret, ctx.token)
        live = SubscriptionRepository(session).live_for(claims.customer_id)
    if kind is not None and (kind.is_retention or kind is OfferKind.DOWNSELL):
        return cancel.keep_as_is(shop, ctx)  # a cancellation pending: kept, never carried out
    if kind is not None:
        return selling.decline_offer(shop, ctx)
    if question is not None:
        return [Reply("utter_confirm_declined")]
    buttons = (("Cancel my subscription", "/cancel_subscription"),) if live else ()
    return [Reply("utter_ask_stop_what", {}, buttons)]
