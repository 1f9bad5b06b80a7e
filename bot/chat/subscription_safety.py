"""A subscription never changes on a guess: cancel and pause read against their words (s21).

Called once per turn from :func:`bot.chat.dialogue.handle` (before the open offer is
read) and, for plan questions, from :func:`bot.chat.by_text.by_text`. Each guard only ever
changes less than the model's reading would, or asks first (review s21):

* A cancel request that would act at once — the second ask after a retention offer, or an
  upset shopper's, who gets no offer — does so only when its own words say cancel / stop /
  end (and name the subscription, or no cart product). Otherwise one plain confirmation,
  "cancel your Care Plus subscription now?", no offer (S14, S29, S30, S32).
* "cancel the mugs" with mugs in the cart: "remove Ceramic Mug, or cancel your
  subscription?" — never a cancel (S14). "cancel the tripod" with none in the cart: not in
  the cart, and no order is cancelled here; "cancel care basic" not held: says so; a
  cancel the model read as a removal or could not place runs as the cancel it is (s23,
  :mod:`bot.chat.cancel_reading`).
* A retried message (same message id) is not a second ask: the open offer is shown again.
* Discount, payment-card and renewal questions about the plan: an honest answer, never a
  cancel (S29, S30). During a retention offer a discount is that offer's discount option,
  asked first.
* "put it on hold" with no subscription words: "Do you mean pausing your Care Plus
  subscription?" (a product in focus), or the pause asked back (S36).
* A stale "Cancel anyway" after the cancel was settled: asked back once (S22).
* During a retention offer, a plan the shopper names wins over the offered one: the
  change-plan flow asks it back with the price difference (S15).
* A complaint in a message the model could not place, with a cancel or a removal in it:
  the request is asked back, never lost (S7, S27).

English cues: :mod:`bot.domain.language.en_subscription_safety`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.chat import cancel, offer_answers, subscription_requests
from bot.chat.cancel_followups import after_cancel
from bot.chat.cancel_reading import cancel_meant, cart_product, product_reply, unheld_plan_reply
from bot.chat.cart_edits import claim_message
from bot.chat.cart_requests import in_focus
from bot.chat.confirm import NO_PAYLOAD, keep_pending
from bot.chat.plan_change import change_plan
from bot.chat.replies import ChatContext, Reply
from bot.chat.retention import retention_detail
from bot.domain.dialogue import Answer
from bot.domain.errors import DomainError
from bot.domain.language.en_cues import says_remove
from bot.domain.language.en_subscription_safety import (
    complains,
    names_subscription,
    plan_question,
    says_cancel,
    says_pause,
)
from bot.domain.models import OfferKind
from bot.domain.plan_change import named_plans
from bot.services import subscriptions
from bot.services.access import claims_for_customer
from bot.services.shop import Shop
from bot.store.mapping import plan_of
from bot.store.offers import OfferRepository
from bot.store.repositories import CartRepository, SubscriptionRepository
from bot.store.tables import OfferEventRow, SubscriptionRow

if TYPE_CHECKING:
    from bot.chat.turns import Turn

Ask = Callable[["Turn", str], Reply]

_CANCELLING = frozenset({"action_cancel_subscription", "action_confirm_cancel"})
_PAUSE = "action_pause_subscription"
_PLAN_ACTIONS = frozenset({"action_change_plan", _PAUSE})
_FOLLOW_UPS = _CANCELLING | {_PAUSE}
_NOWHERE = frozenset({"action_unsupported_request", "action_handle_complaint"})


def guard(
    shop: Shop, ctx: ChatContext, turn: Turn, offer: OfferEventRow | None, ask: Ask
) -> list[Reply] | None:
    """The reply when the message may not change the subscription as read, else ``None``."""
    if turn.confirmed or not turn.text:
        return None
    retention = offer is not None and OfferKind(offer.kind).is_retention
    if turn.text.startswith("/"):
        return _stale_cancel_anyway(shop, ctx, turn, retention, ask)
    if retention and offer is not None:
        named = _named_plan(shop, ctx, turn, offer)
        if named is not None:
            return named
    asked = plan_question(turn.text) if turn.action in _PLAN_ACTIONS else None
    if asked is not None and not retention:  # "change my billing details" read as a plan change
        return _answer_plan_question(shop, ctx, asked)
    followed = after_cancel(shop, ctx, turn) if turn.action in _FOLLOW_UPS else None
    if followed is not None:  # "could I pause instead" once the one discussed is cancelled
        return followed
    if turn.action in _CANCELLING:
        return _cancel(shop, ctx, turn, offer if retention else None, ask)
    if turn.action == _PAUSE and not retention:
        return _pause(shop, ctx, turn, ask)
    upset = _upset_request(shop, ctx, turn, ask) if turn.action in _NOWHERE else None
    if upset is not None:  # "this is ridiculous, cancel my plan": asked back (S7)
        return upset
    meant = cancel_meant(shop, turn)  # "cancel my plan, too pricey" read as a removal
    if meant is not None:
        asked = _cancel(shop, ctx, meant, offer if retention else None, ask)
        return asked or cancel.cancel_subscription(shop, ctx, meant.text)
    return None


def cancel_request(shop: Shop, ctx: ChatContext, turn: Turn, text: str, ask: Ask) -> list[Reply]:
    """Run ``turn`` as a cancel request under these guards, then the cancel flow on ``text``.

    For a cancel read from the message's clauses (:mod:`bot.chat.cancel_talk`): ``turn``
    carries plain cancel words for the guards, ``text`` the message as said (its refused
    options are never offered).
    """
    with shop.session_factory.begin() as session:
        offer = OfferRepository(session).open_offer(ctx.conversation_id)
    retention = offer if offer is not None and OfferKind(offer.kind).is_retention else None
    asked = _cancel(shop, ctx, turn, retention, ask)
    return asked or cancel.cancel_subscription(shop, ctx, text)


def plan_question_reply(shop: Shop, ctx: ChatContext, text: str) -> list[Reply] | None:
    """Answer "can I get a discount on my subscription?" / "update my payment card" (any intent).

    Only for words that name the subscription, and not while a retention offer is open
    (its own discount option is read there).
    """
    kind = plan_question(text)
    if kind is None or not names_subscription(text):
        return None
    with shop.session_factory.begin() as session:
        offer = OfferRepository(session).open_offer(ctx.conversation_id)
    if offer is not None and OfferKind(offer.kind).is_retention:
        return None
    return _answer_plan_question(shop, ctx, kind)


def _answer_plan_question(shop: Shop, ctx: ChatContext, kind: str) -> list[Reply]:
    if kind == "renewal":
        return subscription_requests.status(shop, ctx)
    plan = _plan_name(shop, ctx)
    if plan is None:
        return subscription_requests.status(shop, ctx)  # says there is no subscription
    response = (
        "utter_subscription_discount_unsupported"
        if kind == "discount"
        else "utter_subscription_billing_unsupported"
    )
    return [Reply(response, {"plan": plan, "contact": shop.support_contact})]


def _current(session: Session, shop: Shop, ctx: ChatContext) -> SubscriptionRow | None:
    """The conversation's live subscription, or ``None`` (no access, none live)."""
    try:
        claims = claims_for_customer(shop.secret, ctx.token)
    except DomainError:
        return None
    row = SubscriptionRepository(session).current_for(claims.customer_id)
    return row if row is not None and row.status != "canceled" else None


def _plan_name(shop: Shop, ctx: ChatContext) -> str | None:
    with shop.session_factory.begin() as session:
        row = _current(session, shop, ctx)
        return subscriptions.view_of(session, row).plan.name if row is not None else None


def _cancel(
    shop: Shop, ctx: ChatContext, turn: Turn, offer: OfferEventRow | None, ask: Ask
) -> list[Reply] | None:
    """A cancel request: answered, asked what it means, asked back, or let through."""
    kind = plan_question(turn.text)
    if kind == "discount" and offer is not None:  # "20% off to stay?": the offer's discount
        asked, summary = offer_answers.to_confirm(shop, turn, offer, Answer.DISCOUNT)
        asked = replace(asked, action="action_unsupported_request", intent="ask_discount_code")
        return [ask(asked, summary)]
    if kind is not None:
        return _answer_plan_question(shop, ctx, kind)
    named = product_reply(shop, ctx, turn)  # "cancel the tripod": never the subscription
    named = named or unheld_plan_reply(shop, ctx, turn.text)  # "cancel care basic", not held
    if named is not None:
        return named
    with shop.session_factory.begin() as session:
        row = _current(session, shop, ctx)
        if row is None:
            return None  # the flow says there is nothing to cancel
        plan = subscriptions.view_of(session, row).plan.name
        retried = _retried(session, ctx, turn)
        if offer is not None and retried:
            return [retention_detail(session, shop, offer)]  # the same offer, nothing more
        at_once = ctx.upset or offer is not None or _retention_shown(session, ctx)
    if not at_once or says_cancel(turn.text):
        return None  # the retention offer is a question itself; or the words say cancel
    cancel_turn = replace(turn, action="action_cancel_subscription",
                          intent="cancel_subscription", entities={})  # fmt: skip
    return [ask(cancel_turn, f"cancel your {plan} subscription now")]


def _retried(session: Session, ctx: ChatContext, turn: Turn) -> bool:
    """Whether this message id already asked to cancel (a network retry, not a second ask)."""
    claimed = claim_message(CartRepository(session), ctx, f"cancel:{turn.text.strip().lower()}")
    return claimed != "new"


def _retention_shown(session: Session, ctx: ChatContext) -> bool:
    events = OfferRepository(session).events(ctx.conversation_id)
    return any(OfferKind(e.kind).is_retention for e in events)


def _pause(shop: Shop, ctx: ChatContext, turn: Turn, ask: Ask) -> list[Reply] | None:
    """A pause said without subscription words: asked which is meant, or asked back.

    "put it on hold" with a product in focus asks whether the subscription is meant; "freeze
    it" with none is asked back. "pause it" with nothing in focus is the subscription's
    pause (the only thing that pauses) and runs as before.
    """
    if names_subscription(turn.text):
        return None
    with shop.session_factory.begin() as session:
        row = _current(session, shop, ctx)
        if row is None:
            return None
        plan = subscriptions.view_of(session, row).plan.name
        focus = in_focus(session, ctx.conversation_id)
        if focus is not None:
            request = (_PAUSE, "pause_subscription", {}, turn.text)
            payload = keep_pending(session, ctx.conversation_id, request, f"pause {plan}")
            buttons = ((f"Pause {plan}", payload), ("No", NO_PAYLOAD))
            return [Reply("utter_ask_pause_what", {"plan": plan}, buttons)]
    if says_pause(turn.text):
        return None
    return [ask(replace(turn, entities={}), f"pause your {plan} subscription")]


def _stale_cancel_anyway(
    shop: Shop, ctx: ChatContext, turn: Turn, retention: bool, ask: Ask
) -> list[Reply] | None:
    """An old "Cancel anyway" after the cancel was settled: asked back, never a silent cancel.

    While the retention offer is open it cancels at once (a cancel is never blocked).
    """
    if turn.intent != "cancel_anyway" or retention:
        return None
    with shop.session_factory.begin() as session:
        row = _current(session, shop, ctx)
        if row is None or not _retention_shown(session, ctx):
            return None  # no offer made yet: the flow makes it (a question itself)
        plan = subscriptions.view_of(session, row).plan.name
    return [ask(turn, f"cancel your {plan} subscription now")]


def _named_plan(
    shop: Shop, ctx: ChatContext, turn: Turn, offer: OfferEventRow
) -> list[Reply] | None:
    """During a retention offer, "switch me to care basic" (not the offered plan): asked back."""
    with shop.session_factory.begin() as session:
        row = _current(session, shop, ctx)
        if row is None:
            return None
        plans = [plan_of(p) for p in SubscriptionRepository(session).plans()]
        current = subscriptions.view_of(session, row).plan
        named = [p for p in named_plans(turn.text, plans) if p.code != current.code]
        if len(named) != 1 or named[0].code == offer.sku or says_cancel(turn.text):
            return None
        OfferRepository(session).resolve(offer, "superseded")
    return change_plan(shop, ctx, turn.text)


def _upset_request(shop: Shop, ctx: ChatContext, turn: Turn, ask: Ask) -> list[Reply] | None:
    """A complaint with a cancel or a removal the model placed nowhere: asked back, not lost."""
    if not complains(turn.text):
        return None
    if says_cancel(turn.text) and names_subscription(turn.text):
        plan = _plan_name(shop, ctx)
        if plan is not None:
            cancel_turn = replace(turn, action="action_cancel_subscription",
                                  intent="cancel_subscription", entities={})  # fmt: skip
            return [ask(cancel_turn, f"cancel your {plan} subscription now")]
    if says_remove(turn.text):
        product = cart_product(shop, ctx, turn)
        if product is not None:
            removal = replace(turn, action="action_remove_item", intent="remove_item",
                              entities={"product": product.name},
                              text=f"remove the {product.name}")  # fmt: skip
            return [ask(removal, f"remove {product.name}")]
    return None
