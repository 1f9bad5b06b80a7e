"""Answers to an open offer that decide nothing, or are asked back first (review s19 G1–G6).

* Hesitation ("no wait", "hold on", "not sure", "hmm"): the offer stays open and is asked
  again with its buttons; nothing changes.
* An unsure or unclear answer ("ok thanks" to an add-on, a low-confidence "yes cancel it")
  is asked back naming the real action ("cancel your Care Plus subscription?", "add Paper
  Coffee Filters?", "remove Pulse Headphones Studio from your cart?"), never "take the
  offer". The stored request is the plain "yes" / "no" the option stands for, so the
  shopper's "yes" carries out exactly what was named.
* A bare quantity ("make it 2", "add 2", "2") while an add-on is offered may mean the
  offered item or the main line: asked with one button for each, and stored as the pending
  question (:mod:`bot.chat.which_line` reads a typed answer); nothing changes.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.chat import selling, which_line
from bot.chat.cart_edits import open_cart
from bot.chat.replies import ChatContext, Reply
from bot.domain.dialogue import Answer
from bot.domain.language import ENGLISH
from bot.domain.language.en_cues import only_quantity_words, says_add
from bot.domain.language.en_multipliers import multiplier
from bot.domain.models import OfferKind
from bot.domain.quantities import after_yes, main_phrase
from bot.services.cart import product_by_sku
from bot.services.shop import Shop
from bot.store.focus import FocusRepository
from bot.store.repositories import SubscriptionRepository
from bot.store.tables import OfferEventRow

if TYPE_CHECKING:
    from bot.chat.turns import Turn

_YES = ("action_accept_offer", "affirm", "yes")
_NO = ("action_decline_offer", "deny", "no")
_OPTION_REQUESTS = {
    Answer.PAUSE: ("action_pause_subscription", "pause_subscription"),
    Answer.DISCOUNT: ("action_accept_offer", "ask_discount_code"),
    Answer.SWITCH: ("action_accept_offer", "change_plan"),
}
"""A retention option asked back, as the request its "yes" carries out."""


def hold(shop: Shop, ctx: ChatContext) -> list[Reply]:
    """Hesitation: the offer stays open and is asked again (with its own buttons)."""
    return selling.offer_detail(shop, replace(ctx, upset=True))


def to_confirm(shop: Shop, turn: Turn, offer: OfferEventRow, answer: Answer) -> tuple[Turn, str]:
    """The request a confirmed answer carries out, and its summary naming the real action.

    A yes or no (however it was said) is stored as a plain "yes" / "no", so the confirmed
    request reads as the option that was named; a retention option keeps its own words.
    """
    with shop.session_factory.begin() as session:
        summary = summary_of(session, offer, answer)
    if answer in (Answer.ACCEPT, Answer.UNCLEAR, Answer.DECLINE):
        action, intent, text = _NO if answer is Answer.DECLINE else _YES
        return replace(turn, action=action, intent=intent, entities={}, text=text), summary
    if answer in _OPTION_REQUESTS:  # its own intent: the Yes is never "/nlu_fallback" (s25)
        action, intent = _OPTION_REQUESTS[answer]
        return replace(turn, action=action, intent=intent, entities={}), summary
    return turn, summary


def summary_of(session: Session, offer: OfferEventRow, answer: Answer) -> str:
    """What answering ``offer`` this way does, in words ("cancel your Care Plus subscription")."""
    kind = OfferKind(offer.kind)
    if kind.is_retention:
        return _retention_summary(session, offer, answer)
    name = product_by_sku(session, offer.sku).name
    old = product_by_sku(session, offer.replaces_sku).name if offer.replaces_sku else None
    if answer is Answer.DECLINE:
        if kind is OfferKind.DOWNSELL and old:
            return f"remove {old} from your cart"
        return f"pass on {name}"
    if old:
        return f"swap {old} for {name}"
    return f"add {name} to your cart"


def _retention_summary(session: Session, offer: OfferEventRow, answer: Answer) -> str:
    plans = SubscriptionRepository(session)
    row = plans.get(offer.subscription_id or 0)
    names = {plan.id: plan.name for plan in plans.plans()}
    current = names.get(row.plan_id, "") if row is not None else ""
    yours = f"your {current} subscription" if current else "your subscription"
    if answer is Answer.DECLINE:
        return f"cancel {yours}"
    kind = OfferKind(offer.kind)
    pause_offer = answer is not Answer.SWITCH and kind is OfferKind.RETENTION_PAUSE
    if answer is Answer.PAUSE or pause_offer:
        return f"pause {yours} instead of cancelling"
    if answer is Answer.DISCOUNT or kind is OfferKind.RETENTION_DISCOUNT:
        return f"keep {yours} with the discount"
    offered = plans.plan_by_code(offer.sku)
    return f"switch you to {offered.name if offered else 'the cheaper plan'}"


def which_quantity(
    shop: Shop, ctx: ChatContext, turn: Turn, offer: OfferEventRow | None
) -> list[Reply] | None:
    """A bare quantity while an add-on is offered: which item? Nothing changes until answered.

    "make it 2", "add 2", "2" right after "Shall I add the case?" may mean two cases or two
    phones; one button for each carries out exactly that.
    """
    if turn.confirmed or offer is None or offer.replaces_sku or turn.text.startswith("/"):
        return None
    if not OfferKind(offer.kind).adds_to_cart or turn.entities.get("product"):
        return None
    phrase = main_phrase(turn.text)
    if phrase is None or not only_quantity_words(turn.text, phrase.text):
        return None
    quantity = turn.entities.get("quantity") or phrase.text
    with shop.session_factory.begin() as session:
        offered = product_by_sku(session, offer.sku).name
        main = _main_line(session, ctx, offer)
        if main is None:
            return None
        more = says_add(turn.text) and "make" not in turn.text.lower()
        return [which_line.ask(session, ctx.conversation_id, offered, main, quantity, more)]


def _main_line(session: Session, ctx: ChatContext, offer: OfferEventRow) -> str | None:
    """The product the shopper talked about last (the line the add-on goes with)."""
    sku = FocusRepository(session).get(ctx.conversation_id)
    if not sku or sku == offer.sku:
        return None
    return product_by_sku(session, sku).name


def offer_words(session: Session, offer: OfferEventRow) -> list[str]:
    """The words naming what an open offer offers ("screen protector", "basic")."""
    kind = OfferKind(offer.kind)
    if kind is OfferKind.RETENTION_PLAN:
        plans = SubscriptionRepository(session)
        offered = plans.plan_by_code(offer.sku)
        row = plans.get(offer.subscription_id or 0)
        current = {p.id: p.name for p in plans.plans()}.get(row.plan_id, "") if row else ""
        own = set(offered.name.lower().split()) if offered else set()
        return sorted(own - set(current.lower().split()))
    if kind.is_retention:
        return []
    return [product_by_sku(session, offer.sku).name.lower()]


def yes_and_scale(
    shop: Shop, ctx: ChatContext, turn: Turn, offer: OfferEventRow | None
) -> list[Reply] | None:
    """Yes and "double it" to an add-on offer: which item? Asked; nothing changes (trial 14).

    The yes answers the offer, "double it" the line it goes with: neither is guessed. One
    button adds that many of the offered item, the other sets the line to its multiple.
    """
    if turn.confirmed or offer is None or offer.replaces_sku or turn.text.startswith("/"):
        return None
    said = multiplier(after_yes(turn.text)) if OfferKind(offer.kind).adds_to_cart else None
    if said is None or ENGLISH.content(said[1]).strip():
        return None
    with shop.session_factory.begin() as session:
        offered = product_by_sku(session, offer.sku).name
        sku = FocusRepository(session).get(ctx.conversation_id)
        line = open_cart(session, shop, ctx)[1].line_for(sku) if sku != offer.sku else None
        if line is None:
            return None
        quantity = str(said[0] * line.quantity)
        ask = which_line.ask
        return [ask(session, ctx.conversation_id, offered, line.product.name, quantity, False)]
