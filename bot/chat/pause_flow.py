"""Pausing a subscription outside a retention offer, and questions about a pause (review s21).

* "pause it" / "pause it for 2 weeks": paused for the length asked, within the shop's rules
  (during a retention offer the offer's own reading applies: :mod:`bot.chat.retention_accept`).
* A second pause while paused never rewrites the resume date silently: "It's already paused
  until March 03. Shall I move the resume date to March 17 instead?" — only the "yes" moves it.
* With several live subscriptions and none named: "Which subscription should I pause?"
  (:mod:`bot.chat.subscription_choice`).
* "what if I pause it?": the pause's terms (how long, what is charged, the resume date);
  nothing changes.

Paused means *effectively* paused: a pause whose date has passed is active again
(:func:`bot.domain.subscription_state.effective_status`).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from bot.chat.cancel import open_exit_offer
from bot.chat.common import replies_on_error
from bot.chat.confirm import ask_confirmation, keep_pending
from bot.chat.option_pick import remember
from bot.chat.replies import ChatContext, Reply, plan_params
from bot.chat.retention import offer_buttons
from bot.chat.retention_accept import ask_for_option, offer_default_pause, pause_refused, paused
from bot.chat.subscription_choice import PAUSE as PAUSE_REQUEST
from bot.chat.subscription_choice import ask_which, target
from bot.domain.language.en_pause import read_pause
from bot.domain.language.en_requests import describe_days
from bot.domain.language.en_retention_answers import asks_about_option
from bot.domain.models import OfferKind, Plan
from bot.domain.retention import OPTION_OF, PAUSE, PauseLengthRefused, granted_pause
from bot.money import format_money
from bot.services import subscriptions
from bot.services.access import claims_for_customer
from bot.services.shop import Shop
from bot.store.repositories import SubscriptionRepository
from bot.store.tables import SubscriptionRow, utcnow

NO_PAYLOAD = "/deny"
PAUSE_PAYLOAD = "/pause_subscription"


@replies_on_error
def pause_subscription(
    shop: Shop,
    ctx: ChatContext,
    message: str | None = None,
    subscription_id: int | None = None,
    confirmed: bool = False,
) -> list[Reply]:
    """Handle "pause it": during a retention offer, the pause instead; else pause if allowed.

    A length in the message ("for 3 months") is granted exactly when the shop allows it,
    else refused with the lengths it allows and the subscription unchanged.

    Args:
        shop: The shop.
        ctx: The conversation.
        message: The shopper's words (a length or end date may be in them).
        subscription_id: The subscription picked from "Which subscription …?".
        confirmed: The shopper said yes to moving the resume date of a paused subscription.
    """
    with shop.session_factory.begin() as session:
        pending = open_exit_offer(session, ctx)
        if pending is not None and OfferKind(pending.kind).is_retention:
            return [ask_for_option(session, shop, ctx, pending, PAUSE, message)]
        claims = claims_for_customer(shop.secret, ctx.token)
        found = target(
            session, claims.customer_id, message or "", subscription_id, held_only=True
        )  # "pause care basic" while on Care Premium: says so, nothing changes
        if isinstance(found, list):  # two or more live, none named: which? (never a guess)
            request = (PAUSE_REQUEST, message or "pause my subscription")
            return [ask_which(session, ctx.conversation_id, found, request, "pause")]
        plan = subscriptions.view_of(session, found).plan
        if not shop.retention.allows(PAUSE):
            return [Reply("utter_pause_unavailable", {"plan": plan.name})]
        try:
            days = granted_pause(shop.retention, read_pause(message, utcnow().date()))
        except PauseLengthRefused as refused:  # "shall I pause it for a month?" is pending
            offer_default_pause(session, shop, ctx, plan.name)
            return [pause_refused(shop, plan, refused)]
        if subscriptions.is_paused(found):
            if not confirmed:
                return [_ask_to_move(session, ctx, found, plan, days)]
            resume = subscriptions.pause(found, days)
            return [Reply("utter_pause_moved", {"plan": plan.name, "resume_date": _day(resume)})]
        if not confirmed and asks_about_option(message):  # "could I pause it?": terms first
            return [_ask_to_pause(session, ctx, plan, days)]
        return [paused(found, plan, days)]


def _day(moment: object) -> str:
    return f"{moment:%B %d}"


def _ask_to_move(
    session: Session, ctx: ChatContext, row: SubscriptionRow, plan: Plan, days: int
) -> Reply:
    """Say it is paused until when; ask to move the resume date (a "yes" moves it)."""
    new_date = utcnow() + timedelta(days=days)
    text = f"pause my {plan.name} subscription for {days} days"  # names it: re-read exactly
    request = ("action_pause_subscription", "pause_subscription", {}, text)
    keep_pending(session, ctx.conversation_id, request, f"move the resume date to {_day(new_date)}")
    params = {
        "plan": plan.name,
        "resume_date": _day(row.paused_until),
        "new_date": _day(new_date),
    }
    buttons = ((f"Move it to {_day(new_date)}", "/affirm"), ("Keep it as it is", NO_PAYLOAD))
    return Reply("utter_pause_already", params, buttons)


def _ask_to_pause(session: Session, ctx: ChatContext, plan: Plan, days: int) -> Reply:
    """Ask "could I pause it?" back with the pause's terms; only the "yes" pauses (s25)."""
    text = f"pause my {plan.name} subscription for {days} days"  # names it: re-read exactly
    request = ("action_pause_subscription", "pause_subscription", {}, text)
    resume = _day(utcnow() + timedelta(days=days))
    summary = (
        f"pause your {plan.name} subscription for {describe_days(days)}, at no charge: "
        f"it resumes on {resume} at {format_money(plan.price)}/{plan.interval}"
    )
    return ask_confirmation(session, ctx.conversation_id, request, summary)


@replies_on_error
def pause_terms(shop: Shop, ctx: ChatContext, message: str | None = None) -> list[Reply]:
    """Answer "what if I pause it?" with the pause's terms; change nothing.

    How long a pause lasts (the shop's default and its longest), that nothing is charged
    meanwhile, and when it would resume. A paused subscription gets its status instead.
    """
    claims = claims_for_customer(shop.secret, ctx.token)
    with shop.session_factory.begin() as session:
        found = target(session, claims.customer_id, message or "")  # none live: an error reply
        row = found[0][0] if isinstance(found, list) else found  # the terms are the same
        view = subscriptions.view_of(session, row)
        offer = open_exit_offer(session, ctx)
        kept = ()  # a retention offer open: its buttons again, and it stays open
        if offer is not None and OfferKind(offer.kind).is_retention:
            offered = SubscriptionRepository(session).plan_by_code(offer.sku)
            kept = offer_buttons(offer, (offered or view.plan).name)
            if shop.retention.allows(PAUSE) and OPTION_OF[OfferKind(offer.kind)] != PAUSE:
                pause = (f"Pause for {describe_days(shop.retention.pause_days)}", PAUSE_PAYLOAD)
                words = f"a pause or {kept[0][0][0].lower()}{kept[0][0][1:]}"
                remember(session, ctx.conversation_id, offer.id, words, (pause, *kept))
    if not shop.retention.allows(PAUSE):
        return [Reply("utter_pause_unavailable", {"plan": view.plan.name})]
    if view.status == "paused":
        state = f"paused until {_day(view.paused_until)}" if view.paused_until else "paused"
        return [Reply("utter_subscription_status", {**plan_params(view.plan), "state": state})]
    policy = shop.retention
    resume = utcnow() + timedelta(days=policy.pause_days)
    params = {
        **plan_params(view.plan),
        "duration": describe_days(policy.pause_days),
        "resume_date": _day(resume),
        "longest": describe_days(policy.max_pause_days),
    }
    pause = (f"Pause for {describe_days(policy.pause_days)}", PAUSE_PAYLOAD)
    return [Reply("utter_pause_terms", params, (pause, *kept))]
